// The wording of the caps in operator messages ("response larger than
// 256 KiB", "timed out after 5 s").
import { describe, expect, it } from "vitest";
import { formatBytes, formatDuration } from "@/lib/http/ssrf/fetch-json";

describe("formatBytes", () => {
  it.each([
    [256 * 1024, "256 KiB"],
    [1024 * 1024, "1 MiB"],
    [1000, "1000 bytes"],
    [16, "16 bytes"],
  ])("writes %i as %s", (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });
});

describe("formatDuration", () => {
  it.each([
    [5_000, "5 s"],
    [200, "200 ms"],
    [1_500, "1500 ms"],
  ])("writes %i ms as %s", (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});
