// The guarded GET behind safeFetchJson (SECURITY.md §2.3): one Agent per
// fetch checking every connection, no redirects, a byte cap counted on the
// stream, one deadline for connect + headers + body, a JSON body. Never
// throws: every failure becomes a short message for the operator.
import "server-only";
import { request } from "undici";
import { effectivePort, parseAllowList } from "./allow-list";
import { createGuardedAgent, type GuardedAgentOptions, SsrfRefusal } from "./guarded-agent";
import { createHostSlots, type ReleaseSlot } from "./host-slots";
import { planTarget, type Target } from "./target-policy";

export type SafeFetchResult =
  | { ok: true; status: number; json: unknown; warning?: string; latencyMs: number }
  | { ok: false; status?: number; error: string; latencyMs: number };

type Outcome =
  | { ok: true; status: number; json: unknown; warning?: string }
  | { ok: false; status?: number; error: string };

export type GuardedFetchOptions = {
  /** Raw FEDLENS_ALLOWED_ISSUER_HOSTS entries. */
  allowList: readonly string[];
  maxBytes: number;
  timeoutMs: number;
} & Pick<GuardedAgentOptions, "resolve" | "tls">;

type ResponseData = Awaited<ReturnType<typeof request>>;

/** Connections one process holds to one issuer host:port at a time (SECURITY.md §2.3). */
export const perHostFetchLimit = 2;
const hostSlots = createHostSlots(perHostFetchLimit);

// application/json, application/jwk-set+json (RFC 7517 §8.5) and any other
// structured-syntax `+json` type (RFC 6839 §3.1).
const JSON_MEDIA_TYPE = /^(application\/json|[\w.!#$&^+-]+\/[\w.!#$&^+-]+\+json)$/;

export function formatBytes(bytes: number): string {
  if (bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MiB`;
  if (bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes} bytes`;
}

export function formatDuration(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}

function header(response: ResponseData, name: string): string | undefined {
  const value = response.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

async function readJson(
  response: ResponseData,
  target: Target,
  maxBytes: number,
): Promise<Outcome> {
  const status = response.statusCode;
  if (status >= 300 && status < 400) {
    const location = header(response, "location");
    let where = "elsewhere";
    try {
      if (location) where = new URL(location, target.url).host;
    } catch {
      // An unparsable Location is still a redirect we refuse.
    }
    return { ok: false, status, error: `redirect to ${where} refused` };
  }
  if (status !== 200) return { ok: false, status, error: `the issuer answered ${status}` };

  const tooLarge: Outcome = {
    ok: false,
    status,
    error: `response larger than ${formatBytes(maxBytes)}`,
  };
  if (Number(header(response, "content-length")) > maxBytes) return tooLarge;

  // Count what actually arrives: Content-Length may be absent or lie.
  const chunks: Buffer[] = [];
  let received = 0;
  for await (const chunk of response.body) {
    received += (chunk as Buffer).length;
    if (received > maxBytes) return tooLarge;
    chunks.push(chunk as Buffer);
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    return { ok: false, status, error: "the response is not UTF-8 text" };
  }
  if (text.trimStart().startsWith("<")) {
    return { ok: false, status, error: "the response is HTML or XML, probably an error page" };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, status, error: "the response is not valid JSON" };
  }
  // A type is advice, not a gate (SECURITY.md §2.3): discovery documents put
  // on S3 or blob storage without one come back as binary/octet-stream, and
  // the clouds read them all the same.
  const mediaType = header(response, "content-type")?.split(";")[0]?.trim().toLowerCase() ?? "";
  if (JSON_MEDIA_TYPE.test(mediaType)) return { ok: true, status, json };
  const served = mediaType ? `served as ${mediaType}` : "served without a Content-Type";
  return { ok: true, status, json, warning: `${served}, not application/json; read as JSON` };
}

function errorChain(error: unknown): unknown[] {
  const chain: unknown[] = [];
  for (let current = error; current && chain.length < 5;) {
    chain.push(current);
    current = current instanceof Error ? current.cause : undefined;
  }
  return chain;
}

const TIMEOUT_CODES = new Set([
  "UND_ERR_CONNECT_TIMEOUT",
  "UND_ERR_HEADERS_TIMEOUT",
  "UND_ERR_BODY_TIMEOUT",
  "ETIMEDOUT",
]);

function describeFailure(error: unknown, target: Target, timeoutMs: number, timedOut: boolean) {
  const chain = errorChain(error);
  const refusal = chain.find((link) => link instanceof SsrfRefusal);
  if (refusal instanceof SsrfRefusal) return refusal.message;
  const codes = chain.map((link) => (link as NodeJS.ErrnoException | undefined)?.code ?? "");
  if (timedOut || codes.some((code) => TIMEOUT_CODES.has(code))) {
    return `timed out after ${formatDuration(timeoutMs)}`;
  }
  const host = target.url.host;
  if (codes.includes("ENOTFOUND") || codes.includes("EAI_AGAIN")) return `${host} does not resolve`;
  if (codes.includes("ECONNREFUSED")) return `${host} refused the connection`;
  if (codes.includes("ECONNRESET") || codes.includes("UND_ERR_SOCKET")) {
    return `${host} closed the connection`;
  }
  const first = chain[0];
  const message = first instanceof Error ? first.message : String(first);
  if (codes.some((code) => /CERT|SELF_SIGNED|TLS|SSL/.test(code))) {
    return `${host} has a TLS certificate Fedlens does not trust: ${message}`;
  }
  return `could not fetch from ${host}: ${message}`;
}

export async function fetchJsonGuarded(
  url: string,
  options: GuardedFetchOptions,
): Promise<SafeFetchResult> {
  const started = performance.now();
  const finish = (outcome: Outcome): SafeFetchResult => ({
    ...outcome,
    latencyMs: Math.round(performance.now() - started),
  });
  const parsed = parseAllowList(options.allowList);
  if (!parsed.ok) return finish({ ok: false, error: parsed.error });
  const planned = planTarget(url, parsed.allowList);
  if (!planned.ok) return finish({ ok: false, error: planned.error });
  const { target } = planned;

  // One deadline covers the wait for a slot as well as the fetch itself.
  const signal = AbortSignal.timeout(options.timeoutMs);
  let release: ReleaseSlot;
  try {
    release = await hostSlots.acquire(`${target.host}:${effectivePort(target.url)}`, signal);
  } catch {
    return finish({
      ok: false,
      error: `timed out after ${formatDuration(options.timeoutMs)} waiting for ${perHostFetchLimit} other fetches from ${target.url.host}`,
    });
  }
  const agent = createGuardedAgent({ ...options, target, allowList: parsed.allowList });
  try {
    // undici's `request` follows no redirects, keeps no cookies and adds no
    // credentials: exactly the headers below go out.
    const response = await request(target.url, {
      dispatcher: agent,
      method: "GET",
      headers: { accept: "application/json", "user-agent": "fedlens" },
      signal,
    });
    try {
      return finish(await readJson(response, target, options.maxBytes));
    } finally {
      // Drop whatever was not read; destroying an unfinished body emits an
      // abort error nobody needs to hear.
      response.body.on("error", () => undefined).destroy();
    }
  } catch (error) {
    return finish({
      ok: false,
      error: describeFailure(error, target, options.timeoutMs, signal.aborted),
    });
  } finally {
    await agent.destroy().catch(() => undefined);
    release();
  }
}
