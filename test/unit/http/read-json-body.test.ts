import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { readJsonBody } from "@/lib/http/read-json-body";

const max = 64;

function post(body: BodyInit | null, headers: Record<string, string> = {}): Request {
  return new Request("http://localhost/api/v1/issuers", {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body,
    ...(body instanceof ReadableStream ? { duplex: "half" } : {}),
  } as RequestInit);
}

function streamOf(...chunks: string[]): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(new TextEncoder().encode(chunk));
      controller.close();
    },
  });
}

async function failure(request: Request, maxBytes = max): Promise<AppError> {
  const error = await readJsonBody(request, maxBytes).then(
    () => new Error("expected readJsonBody to refuse the body"),
    (caught: unknown) => caught,
  );
  if (error instanceof AppError) return error;
  throw error;
}

describe("readJsonBody", () => {
  it.each([
    "application/json",
    "application/json; charset=utf-8",
    "application/json;charset=UTF-8",
    "Application/JSON",
    "application/merge-patch+json",
    "application/problem+json",
  ])("accepts Content-Type %s", async (type) => {
    await expect(readJsonBody(post('{"a":1}', { "content-type": type }), max)).resolves.toEqual({
      a: 1,
    });
  });

  it.each([
    "text/plain",
    "text/plain;charset=UTF-8",
    "application/x-www-form-urlencoded",
    "multipart/form-data; boundary=x",
    "text/json",
    "application/jsonp",
    "application/json-seq",
    "",
  ])("answers 415 for Content-Type %j", async (type) => {
    const error = await failure(post('{"a":1}', { "content-type": type }));
    expect([error.code, error.status]).toEqual(["unsupported_media_type", 415]);
  });

  it("answers 415 when Content-Type is missing", async () => {
    const request = new Request("http://localhost/", {
      method: "POST",
      body: new Uint8Array([123, 125]),
    });
    expect((await failure(request)).status).toBe(415);
  });

  it("accepts a body of exactly the cap", async () => {
    const body = JSON.stringify({ n: "x".repeat(max - 8) });
    expect(body).toHaveLength(max);
    await expect(readJsonBody(post(body), max)).resolves.toEqual({ n: "x".repeat(max - 8) });
  });

  it("answers 413 from a Content-Length over the cap, before reading", async () => {
    const error = await failure(post("{}", { "content-length": String(max + 1) }));
    expect([error.code, error.status]).toEqual(["payload_too_large", 413]);
  });

  it("answers 413 from the bytes read when Content-Length understates the body", async () => {
    const request = post(streamOf('{"a":"', "x".repeat(max), '"}'), { "content-length": "10" });
    expect((await failure(request)).status).toBe(413);
  });

  it("answers 413 for a chunked body without Content-Length", async () => {
    const chunks = Array.from({ length: 10 }, () => "x".repeat(max / 4));
    expect((await failure(post(streamOf(...chunks)))).status).toBe(413);
  });

  it("counts bytes, not characters", async () => {
    const body = JSON.stringify("é".repeat(max / 2));
    expect(body.length).toBeLessThanOrEqual(max);
    expect((await failure(post(body))).status).toBe(413);
  });

  it.each([
    ["an empty body", () => post(""), "The request body is empty."],
    ["no body at all", () => post(null), "The request body is empty."],
    [
      "invalid UTF-8",
      () => post(new Uint8Array([0x22, 0xff, 0xfe, 0x22])),
      "The request body is not valid UTF-8.",
    ],
    ["malformed JSON", () => post('{"name": '), "The request body is not valid JSON."],
  ])("answers 400 for %s", async (_label, make, message) => {
    const error = await failure(make());
    expect([error.code, error.status, error.message]).toEqual(["bad_request", 400, message]);
  });

  it("does not echo a malformed body, which may hold a secret", async () => {
    const canary = `canary${Date.now().toString(36)}`;
    const error = await failure(post(`{"clientSecret": ${canary}}`));
    expect(error.message).not.toContain(canary);
    expect(String(error.cause ?? "")).not.toContain(canary);
    expect(JSON.stringify(error.invalidParams ?? [])).not.toContain(canary);
  });
});
