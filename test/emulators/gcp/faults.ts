import type { IncomingMessage, ServerResponse } from "node:http";
import { errorInfo, googleError, permissionDenied, sendGoogleError } from "./google-errors";

// Per-test faults: extra latency, an error status (429 with Retry-After,
// 5xx), a dropped connection, 403 on one object, or a hook that runs just
// before the request is served (another writer changing the object between
// a caller's read and its write). Each is armed for a number of matching
// requests.

export type GcpFault =
  | { kind: "latency"; ms: number }
  | {
      kind: "status";
      status: 429 | 500 | 503;
      retryAfterSeconds?: number;
      /** A Retry-After sent as is (an HTTP-date, RFC 9110 §10.2.3). */
      retryAfter?: string;
    }
  | { kind: "reset" }
  | { kind: "forbidden" }
  | { kind: "hook"; run: () => void };

/** Faults that delay or act on a request without answering it. */
const passesThrough = (fault: GcpFault) => fault.kind === "latency" || fault.kind === "hook";
export type GcpFaultMatch = { method?: string; pathIncludes?: string };

/** What the server knows of the request when a fault answers it. */
export type FaultTarget = { permission: string; resource: string; service: string };

type Armed = { fault: GcpFault; match: GcpFaultMatch; remaining: number };

// https://cloud.google.com/apis/design/errors#handling_errors (429 RESOURCE_EXHAUSTED,
// 500 INTERNAL, 503 UNAVAILABLE) and https://cloud.google.com/docs/quotas/troubleshoot
// (the quota message and RATE_LIMIT_EXCEEDED reason).
function statusError(fault: Extract<GcpFault, { kind: "status" }>, target: FaultTarget) {
  if (fault.status === 429) {
    // IAM counts reads and writes against separate per-minute quotas
    // (https://cloud.google.com/iam/quotas).
    const metric = /\.(setIamPolicy|update|create|delete|undelete)$/.test(target.permission)
      ? "Write"
      : "Read";
    return googleError(
      429,
      "RESOURCE_EXHAUSTED",
      `Quota exceeded for quota metric '${metric} requests' and limit '${metric} requests per minute' of service '${target.service}'.`,
      [errorInfo("RATE_LIMIT_EXCEEDED", "googleapis.com", { service: target.service })],
    );
  }
  if (fault.status === 503) {
    return googleError(503, "UNAVAILABLE", "The service is currently unavailable.");
  }
  return googleError(500, "INTERNAL", "Internal error encountered.");
}

export class GcpFaults {
  private armed: Armed[] = [];

  /** Arms `fault` for the next `times` matching requests (default: all of them). */
  add(fault: GcpFault, match: GcpFaultMatch = {}, times = Number.POSITIVE_INFINITY) {
    this.armed.push({ fault, match, remaining: times });
  }

  clear() {
    this.armed = [];
  }

  private matching(req: IncomingMessage, path: string): GcpFault[] {
    const hits = this.armed.filter(
      (armed) =>
        armed.remaining > 0 &&
        (!armed.match.method || armed.match.method === req.method) &&
        (!armed.match.pathIncludes || path.includes(armed.match.pathIncludes)),
    );
    // Latency adds up and hooks all run; of the answering faults only the first armed fires.
    const answering = hits.find((hit) => !passesThrough(hit.fault));
    const fired = hits.filter((hit) => passesThrough(hit.fault) || hit === answering);
    for (const hit of fired) hit.remaining -= 1;
    return fired.map((hit) => hit.fault);
  }

  /** Applies the faults armed for this request; true when one answered it. */
  async apply(
    req: IncomingMessage,
    res: ServerResponse,
    path: string,
    target: FaultTarget,
  ): Promise<boolean> {
    const faults = this.matching(req, path);
    const delay = faults.reduce((ms, f) => (f.kind === "latency" ? ms + f.ms : ms), 0);
    if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
    for (const fault of faults) if (fault.kind === "hook") fault.run();
    const answer = faults.find((f) => !passesThrough(f));
    if (!answer) return false;
    if (answer.kind === "reset") req.socket.destroy();
    else if (answer.kind === "forbidden") {
      sendGoogleError(res, permissionDenied(target.permission, target.resource));
    } else if (answer.kind === "status") {
      const retryAfter = answer.retryAfter ?? answer.retryAfterSeconds;
      const headers: Record<string, string> =
        retryAfter === undefined ? {} : { "retry-after": String(retryAfter) };
      sendGoogleError(res, { ...statusError(answer, target), headers });
    }
    return true;
  }
}
