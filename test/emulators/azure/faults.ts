import type { IncomingMessage, ServerResponse } from "node:http";
import { sendArmError, sendJson, type ArmError } from "./arm-errors";

export type FaultMatch = { method?: string; pathIncludes?: string };
export type Fault =
  | { kind: "latency"; ms: number }
  | {
      kind: "status";
      status: number;
      retryAfterSeconds?: number;
      /** Send Retry-After as an HTTP date that many seconds ahead instead (RFC 9110 §10.2.3). */
      retryAfterAsDate?: boolean;
      /** The cloud's code and message, when a test needs a specific refusal. */
      code?: string;
      message?: string;
    }
  | { kind: "reset" }
  /** The request is carried out, but the client gets this status instead of the answer. */
  | { kind: "lost-answer"; status: number }
  | { kind: "forbidden" }
  | { kind: "hold"; onReached: () => void; released: Promise<void> };
type Armed = { match: FaultMatch; fault: Fault; remaining: number };

const STATUS_CODES: Record<number, string> = {
  // https://learn.microsoft.com/en-us/azure/azure-resource-manager/management/request-limits-and-throttling
  429: "TooManyRequests",
  500: "InternalServerError",
  502: "BadGateway",
  503: "ServiceUnavailable",
};

export class FaultInjector {
  private armed: Armed[] = [];
  /** Every Retry-After value sent, with when it was sent (ms since the epoch). */
  retryAfterSent: { value: string; at: number }[] = [];

  /** Arms a fault for the next `times` requests that match (default: every one). */
  add(fault: Fault, match: FaultMatch = {}, times = Number.POSITIVE_INFINITY) {
    this.armed.push({ match, fault, remaining: times });
  }

  /** Parks the next matching request until `release()`; `reached` settles when it arrives. */
  hold(match: FaultMatch): { reached: Promise<void>; release: () => void } {
    let onReached = () => {};
    let release = () => {};
    const reached = new Promise<void>((resolve) => (onReached = resolve));
    const released = new Promise<void>((resolve) => (release = resolve));
    this.add({ kind: "hold", onReached, released }, match, 1);
    return { reached, release };
  }

  clear() {
    this.armed = [];
    this.retryAfterSent = [];
  }

  private take(req: IncomingMessage): Fault[] {
    const path = decodeURIComponent(new URL(req.url ?? "/", "https://x").pathname);
    const hits = this.armed.filter(
      (a) =>
        a.remaining > 0 &&
        (!a.match.method || a.match.method === req.method) &&
        (!a.match.pathIncludes || path.includes(a.match.pathIncludes)),
    );
    // Every matching latency or hold applies; only the first answering fault fires, so
    // faults armed in sequence hit successive requests.
    const passive = (h: Armed) => h.fault.kind === "latency" || h.fault.kind === "hold";
    const answer = hits.find((h) => !passive(h));
    const fired = hits.filter((h) => passive(h) || h === answer);
    for (const hit of fired) hit.remaining -= 1;
    return fired.map((h) => h.fault);
  }

  /** Waits out injected latency; answers the request when a fault says so. */
  async apply(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const faults = this.take(req);
    const latencyMs = faults.reduce((ms, f) => (f.kind === "latency" ? ms + f.ms : ms), 0);
    if (latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, latencyMs));
    for (const fault of faults) {
      if (fault.kind !== "hold") continue;
      fault.onReached();
      await fault.released;
    }
    const answer = faults.find((f) => f.kind !== "latency" && f.kind !== "hold");
    if (!answer) return false;
    if (answer.kind === "reset") {
      req.socket.destroy();
      return true;
    }
    const path = new URL(req.url ?? "/", "https://x").pathname;
    const isGraph = /^\/(v1\.0|beta)\//.test(path);
    if (answer.kind === "lost-answer") {
      loseAnswer(res, answerError({ kind: "status", status: answer.status }, path)!, isGraph);
      return false;
    }
    const error = answerError(answer, path);
    const retryAfter = error?.headers?.["retry-after"];
    if (retryAfter) this.retryAfterSent.push({ value: retryAfter, at: Date.now() });
    if (error) sendFaultError(res, error, isGraph);
    return true;
  }
}

function answerError(answer: Fault, path: string): ArmError | undefined {
  if (answer.kind === "forbidden") {
    // https://learn.microsoft.com/en-us/azure/role-based-access-control/troubleshooting (AuthorizationFailed)
    return {
      status: 403,
      code: "AuthorizationFailed",
      message: `The client does not have authorization to perform action on scope '${path}' or the scope is invalid.`,
    };
  }
  if (answer.kind !== "status") return undefined;
  return {
    status: answer.status,
    code: answer.code ?? STATUS_CODES[answer.status] ?? "Failed",
    message: answer.message ?? `Injected ${answer.status}.`,
    headers: retryAfterHeader(answer),
  };
}

// Retry-After is delay-seconds or an HTTP-date (IMF-fixdate, whole seconds).
// https://www.rfc-editor.org/rfc/rfc9110#section-10.2.3
function retryAfterHeader(answer: Extract<Fault, { kind: "status" }>): Record<string, string> {
  const seconds = answer.retryAfterSeconds;
  if (seconds === undefined) return {};
  if (!answer.retryAfterAsDate) return { "retry-after": String(seconds) };
  return { "retry-after": new Date(Date.now() + seconds * 1000).toUTCString() };
}

// Microsoft Graph's envelope adds innerError; a missing permission is
// Authorization_RequestDenied "Insufficient privileges to complete the operation."
// https://learn.microsoft.com/en-us/graph/errors
// https://learn.microsoft.com/en-us/graph/resolve-auth-errors
function sendFaultError(res: ServerResponse, error: ArmError, isGraph: boolean) {
  if (!isGraph) return sendArmError(res, error);
  const denied = error.status === 403;
  const innerError = { date: new Date().toISOString(), "request-id": crypto.randomUUID() };
  sendJson(
    res,
    error.status,
    {
      error: {
        code: denied ? "Authorization_RequestDenied" : error.code,
        message: denied ? "Insufficient privileges to complete the operation." : error.message,
        innerError,
      },
    },
    error.headers,
  );
}

// A write that took effect while its answer was lost (a gateway 5xx after the
// backend committed): the route answers as usual, and that answer is swapped
// for the error on its way out.
function loseAnswer(res: ServerResponse, error: ArmError, isGraph: boolean) {
  const writeHead = res.writeHead.bind(res);
  const end = res.end.bind(res);
  res.writeHead = (() => res) as ServerResponse["writeHead"];
  res.end = (() => {
    res.writeHead = writeHead;
    res.end = end;
    sendFaultError(res, error, isGraph);
    return res;
  }) as ServerResponse["end"];
}
