import { AppError } from "@/lib/errors";

// Route handlers have no body limit of their own (SECURITY.md 1.1), so the
// wrapper reads the stream itself and stops at the cap.

const jsonType = /^application\/(?:[\w.+-]+\+)?json(?:\s*;.*)?$/i;

export async function readJsonBody(request: Request, maxBytes: number): Promise<unknown> {
  const contentType = request.headers.get("content-type") ?? "";
  if (!jsonType.test(contentType.trim())) {
    throw new AppError("unsupported_media_type", {
      message: "Send the body as JSON with Content-Type: application/json.",
    });
  }
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > maxBytes) throw tooLarge(maxBytes);
  const bytes = await readCapped(request, maxBytes);
  if (bytes.length === 0)
    throw new AppError("bad_request", { message: "The request body is empty." });
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new AppError("bad_request", { message: "The request body is not valid UTF-8." });
  }
  try {
    return JSON.parse(text);
  } catch {
    // JSON.parse's message quotes the input; it may be a secret, so say less.
    throw new AppError("bad_request", { message: "The request body is not valid JSON." });
  }
}

function tooLarge(maxBytes: number) {
  return new AppError("payload_too_large", {
    message: `The request body exceeds ${Math.floor(maxBytes / 1024)} KiB.`,
  });
}

async function readCapped(request: Request, maxBytes: number): Promise<Uint8Array> {
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}
