import type { IncomingMessage, ServerResponse } from "node:http";
import { errorInfo, googleError, permissionDenied, sendGoogleError } from "./google-errors";

// Per-test faults: extra latency, an error status (429 with Retry-After,
// 5xx), a dropped connection, or 403 on one object. Each is armed for a
// number of matching requests.

export type GcpFault =
  | { kind: "latency"; ms: number }
  | { kind: "status"; status: 429 | 500 | 503; retryAfterSeconds?: number }
  | { kind: "reset" }
  | { kind: "forbidden" };
export type GcpFaultMatch = { method?: string; pathIncludes?: string };

/** What the server knows of the request when a fault answers it. */
export type FaultTarget = { permission: string; resource: string; service: string };

type Armed = { fault: GcpFault; match: GcpFaultMatch; remaining: number };

// https://cloud.google.com/apis/design/errors#handling_errors (429 RESOURCE_EXHAUSTED,
// 500 INTERNAL, 503 UNAVAILABLE) and https://cloud.google.com/docs/quotas/troubleshoot
// (the quota message and RATE_LIMIT_EXCEEDED reason).
function statusError(fault: Extract<GcpFault, { kind: "status" }>, target: FaultTarget) {
  if (fault.status === 429) {
    return googleError(
      429,
      "RESOURCE_EXHAUSTED",
      `Quota exceeded for quota metric 'Read requests' and limit 'Read requests per minute' of service '${target.service}'.`,
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
    // Latency adds up; of the answering faults only the first armed fires.
    const answering = hits.find((hit) => hit.fault.kind !== "latency");
    const fired = hits.filter((hit) => hit.fault.kind === "latency" || hit === answering);
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
    const answer = faults.find((f) => f.kind !== "latency");
    if (!answer) return false;
    if (answer.kind === "reset") req.socket.destroy();
    else if (answer.kind === "forbidden") {
      sendGoogleError(res, permissionDenied(target.permission, target.resource));
    } else {
      const headers: Record<string, string> =
        answer.retryAfterSeconds === undefined
          ? {}
          : { "retry-after": String(answer.retryAfterSeconds) };
      sendGoogleError(res, { ...statusError(answer, target), headers });
    }
    return true;
  }
}
