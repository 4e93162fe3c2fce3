import path from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { formBodyLimitBytes, oversizedFormAnswer } from "@/lib/server/oversized-form";

const post = (url: string, length: number | string | undefined) => ({
  method: "POST",
  url,
  headers: { "content-length": length === undefined ? undefined : String(length) },
});

describe("oversizedFormAnswer", () => {
  it("answers a form post over Next's limit with a 413 page saying how large it was", () => {
    const answer = oversizedFormAnswer(post("/issuers/new", 9 * 1024 * 1024));
    expect(answer?.status).toBe(413);
    expect(answer?.contentType).toMatch(/^text\/html/);
    expect(answer?.body).toContain("It was 9.0 MiB, where at most 8.0 MiB is accepted");
  });

  it.each([
    ["a post at the limit", post("/issuers/new", formBodyLimitBytes)],
    ["a post with no declared length", post("/issuers/new", undefined)],
    ["a post with a malformed length", post("/issuers/new", "lots")],
    ["an API post, which answers problem+json itself", post("/api/v1/issuers", 9 * 1024 * 1024)],
    ["a GET", { method: "GET", url: "/", headers: { "content-length": "99999999" } }],
  ])("leaves %s to Next", (_, request) => {
    expect(oversizedFormAnswer(request)).toBeNull();
  });

  it("uses the same limit as Next's server actions", async () => {
    const { default: config } = (await import(
      pathToFileURL(path.join(process.cwd(), "next.config.mjs")).href
    )) as {
      default: { experimental: { serverActions: { bodySizeLimit: string } } };
    };
    const limit = config.experimental.serverActions.bodySizeLimit;
    expect(limit).toMatch(/^\d+mb$/);
    expect(Number.parseInt(limit, 10) * 1024 * 1024).toBe(formBodyLimitBytes);
  });
});
