import type { IncomingMessage, ServerResponse } from "node:http";
// Next.js refuses a server-action post over its body limit with a bare 500
// and its error page, before any of our code runs (defineAction enforces each
// form's smaller cap below it). The server in front of Next sees the declared
// length first, so a form post over Next's limit gets a 413 page that says
// what was too large instead.

/** Must equal `experimental.serverActions.bodySizeLimit` in next.config.mjs (a test checks). */
export const formBodyLimitBytes = 8 * 1024 * 1024;

const mebibytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

export type OversizedAnswer = { status: 413; contentType: string; body: string };

/** The answer for a form post too large for Next, or null to let Next handle the request. */
export function oversizedFormAnswer(request: {
  method?: string;
  url?: string;
  headers: Record<string, string | string[] | undefined>;
}): OversizedAnswer | null {
  if (request.method !== "POST") return null;
  // Route handlers read their own bodies with their own caps and answer problem+json.
  if ((request.url ?? "").startsWith("/api/")) return null;
  const declared = Number(request.headers["content-length"]);
  if (!Number.isFinite(declared) || declared <= formBodyLimitBytes) return null;
  const body = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Form too large · Fedlens</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 4rem auto; padding: 0 1rem">
<h1>The form is too large to save</h1>
<p>It was ${mebibytes(declared)}, where at most ${mebibytes(formBodyLimitBytes)} is accepted, so nothing was saved.</p>
<p>Go back with your browser, shorten the longest field and save again.</p>
</body></html>`;
  return { status: 413, contentType: "text/html; charset=utf-8", body };
}

// Past this many bytes the rest of an oversized body is not worth reading.
const drainLimitBytes = 4 * formBodyLimitBytes;

/**
 * Answers an oversized form once its body has arrived, discarding it: a
 * server that answers and closes while the client is still sending makes
 * the client fail with a broken pipe before it ever reads the answer. A body
 * past the drain limit is answered at once and the connection closed.
 */
export function answerOversized(
  req: IncomingMessage,
  res: ServerResponse,
  answer: OversizedAnswer,
): void {
  let received = 0;
  let answered = false;
  const send = () => {
    if (answered) return;
    answered = true;
    res.writeHead(answer.status, {
      "content-type": answer.contentType,
      "cache-control": "no-store",
      connection: "close",
    });
    res.end(answer.body);
  };
  req.on("data", (chunk: Buffer) => {
    received += chunk.length;
    if (received > drainLimitBytes) send();
  });
  req.on("end", send);
  req.on("error", send);
  if (Number(req.headers["content-length"]) > drainLimitBytes) send();
  req.resume();
}
