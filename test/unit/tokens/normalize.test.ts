import { describe, expect, it } from "vitest";
import { maxTokenBytes, normalizedOffset, normalizeToken } from "@/lib/tokens/normalize";

const token = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln";

describe("normalizeToken", () => {
  it.each([
    ["a bare token", token],
    ["outer spaces and a trailing newline (J19)", `  ${token}\n`],
    ["a leading Bearer (J19)", `Bearer ${token}`],
    ["a lower-case bearer with several spaces", `bearer    ${token}`],
    ["BEARER in capitals inside whitespace", `\t BEARER ${token} \r\n`],
  ])("reduces %s to the token", (_label, input) => {
    expect(normalizeToken(input)).toEqual({ ok: true, text: token });
  });

  it.each([
    ["Bearer without a space", `Bearer${token}`],
    ["a second Bearer", `Bearer Bearer ${token}`],
    ["text before Bearer", `Authorization: Bearer ${token}`],
  ])("leaves %s for the classifier to refuse", (_label, input) => {
    const result = normalizeToken(input);
    expect(result.ok && result.text).not.toBe(token);
  });

  it("accepts exactly 16 KiB and refuses one byte more with 413 (J12)", () => {
    const fits = "a".repeat(maxTokenBytes);
    expect(normalizeToken(` ${fits} `)).toEqual({ ok: true, text: fits });
    expect(normalizeToken(`${fits}b`)).toEqual({
      ok: false,
      problem: {
        code: "too_large",
        status: 413,
        message:
          "The token is 16,385 bytes; Fedlens accepts at most 16,384 bytes (16 KiB). Workload tokens are 1–3 KiB.",
      },
    });
  });

  it("counts UTF-8 bytes, not characters", () => {
    const text = "é".repeat(maxTokenBytes / 2 + 1);
    expect(normalizeToken(text)).toMatchObject({
      ok: false,
      problem: { code: "too_large", message: expect.stringContaining("16,386 bytes") },
    });
  });

  it.each([
    ["1 MiB", 1024 * 1024],
    ["10 MiB", 10 * 1024 * 1024],
  ])("refuses a %s token as too large without trimming it first (J12)", (_label, size) => {
    const result = normalizeToken("a".repeat(size));
    expect(result).toMatchObject({ ok: false, problem: { code: "too_large", status: 413 } });
  });
});

describe("normalizedOffset", () => {
  it.each([
    ["a bare token", "a.b.c", 0],
    ["outer whitespace", "  \na.b.c", 3],
    ["a Bearer prefix after whitespace", " Bearer  a.b.c", 9],
    ["a lower-case bearer", "bearer a.b.c", 7],
  ])("finds where the token starts after %s", (_name, input, offset) => {
    const normalized = normalizeToken(input);
    expect(normalizedOffset(input)).toBe(offset);
    expect(normalized.ok && input.slice(offset).startsWith(normalized.text)).toBe(true);
  });
});
