import { describe, expect, it } from "vitest";
import { apiHeaders, jsonResponse, problemResponse, problemType } from "@/lib/http/problem";

const requestId = "req-12345678";

function expectApiHeaders(headers: Headers) {
  expect(headers.get("cache-control")).toBe("no-store");
  expect(headers.get("content-security-policy")).toBe("default-src 'none'; frame-ancestors 'none'");
  expect(headers.get("x-content-type-options")).toBe("nosniff");
  expect(headers.get("x-frame-options")).toBe("DENY");
  expect(headers.get("referrer-policy")).toBe("no-referrer");
  expect(headers.get("x-request-id")).toBe(requestId);
}

describe("problemResponse", () => {
  it("is an RFC 9457 document with the API's headers", async () => {
    const response = problemResponse({
      code: "validation_failed",
      detail: "The body has invalid fields.",
      requestId,
      instance: "/api/v1/issuers",
      invalidParams: [{ name: "issuerUrl", reason: "must use https" }],
    });
    expect(response.status).toBe(422);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    expectApiHeaders(response.headers);
    expect(response.headers.has("retry-after")).toBe(false);
    expect(await response.json()).toEqual({
      type: "urn:fedlens:problem:validation-failed",
      title: "Validation failed",
      status: 422,
      detail: "The body has invalid fields.",
      instance: "/api/v1/issuers",
      requestId,
      invalid_params: [{ name: "issuerUrl", reason: "must use https" }],
    });
  });

  it.each([
    [30, "30"],
    [1.2, "2"],
    [0, "0"],
  ])("sets Retry-After for %s seconds as %s", (seconds, header) => {
    const response = problemResponse({
      code: "rate_limited",
      detail: "Slow down.",
      requestId,
      retryAfterSeconds: seconds,
    });
    expect(response.status).toBe(429);
    expect(response.headers.get("retry-after")).toBe(header);
  });

  it("adds extra members without letting them overwrite the standard ones", async () => {
    const response = problemResponse({
      code: "conflict",
      detail: "Stale version.",
      requestId,
      extra: { currentVersion: 4, status: 200, type: "about:blank", requestId: "forged" },
    });
    expect(await response.json()).toMatchObject({
      currentVersion: 4,
      status: 409,
      type: "urn:fedlens:problem:conflict",
      requestId,
    });
  });
});

describe("problemType", () => {
  it("is a URN with dashes", () => {
    expect(problemType("unsupported_media_type")).toBe(
      "urn:fedlens:problem:unsupported-media-type",
    );
  });
});

describe("jsonResponse", () => {
  it("sends JSON with the API's headers and the caller's extras", async () => {
    const response = jsonResponse({ ok: true }, requestId, {
      status: 201,
      headers: { ETag: '"v1"' },
    });
    expect(response.status).toBe(201);
    expect(response.headers.get("content-type")).toBe("application/json");
    expect(response.headers.get("etag")).toBe('"v1"');
    expectApiHeaders(response.headers);
    expect(await response.json()).toEqual({ ok: true });
  });

  it("keeps no-store and the request id even if the caller asks otherwise", () => {
    const headers = apiHeaders(requestId, {
      "Cache-Control": "public, max-age=600",
      "X-Request-Id": "x",
    });
    expectApiHeaders(headers);
  });
});
