import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import {
  answerOversized,
  formBodyLimitBytes,
  oversizedFormAnswer,
} from "@/lib/server/oversized-form";

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

describe("answerOversized", () => {
  // A real server and client: the answer must reach a client that is still
  // sending, which an answer-and-close races (the client sees a broken pipe).
  async function postThrough(size: number, chunk = 128 * 1024) {
    const server = http.createServer((req, res) => {
      const answer = oversizedFormAnswer(req);
      if (answer) answerOversized(req, res, answer);
      else res.end("next");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    try {
      return await new Promise<{ status?: number; body: string; errors: string[] }>((resolve) => {
        const request = http.request(
          {
            host: "127.0.0.1",
            port,
            method: "POST",
            path: "/issuers/new",
            headers: { "content-type": "text/plain", "content-length": size },
          },
          (response) => {
            let body = "";
            response.setEncoding("utf8");
            response.on("data", (text: string) => (body += text));
            response.on("end", () => {
              status = response.statusCode;
              text = body;
            });
          },
        );
        // Settles once the exchange is over, with every error the client met on the way.
        const errors: string[] = [];
        let status: number | undefined;
        let text = "";
        request.on("error", (error: NodeJS.ErrnoException) =>
          errors.push(error.code ?? error.message),
        );
        request.on("close", () => resolve({ status, body: text, errors }));
        const piece = Buffer.alloc(chunk, 0x78);
        let sent = 0;
        // Sends in pieces, yielding between them, as a browser uploading does.
        const sendMore = () => {
          while (sent < size) {
            const part = piece.subarray(0, Math.min(chunk, size - sent));
            sent += part.length;
            if (!request.write(part)) return void request.once("drain", sendMore);
            return void setTimeout(sendMore, 1);
          }
          request.end();
        };
        sendMore();
      });
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  }

  it("lets a client finish sending a 9 MiB form, then answers 413 with the page", async () => {
    const answer = await postThrough(9 * 1024 * 1024);
    expect(answer.errors).toEqual([]);
    expect(answer.status).toBe(413);
    expect(answer.body).toContain("The form is too large to save");
  });
});
