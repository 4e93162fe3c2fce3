import { IamError } from "./iam-error";

export type FaultKind = "throttle" | "server-error" | "reset";
type Fault = {
  kind: FaultKind;
  action?: string;
  remaining: number;
  retryAfterSeconds?: number;
};

/** Faults a test arms before its calls; `reset()` clears them between tests. */
export class IamFaults {
  latencyMs = 0;
  readonly deniedRoles = new Set<string>();
  /** Provider ARNs whose GetOpenIDConnectProvider is denied. */
  readonly deniedProviders = new Set<string>();
  private queue: Fault[] = [];

  /**
   * The next `times` requests (of `action`, if given) fail with `kind`; a
   * throttle may carry a Retry-After header (IAM documents none, but a
   * client must honour one when a proxy or the cloud sends it).
   */
  inject(
    kind: FaultKind,
    options: { times?: number; action?: string; retryAfterSeconds?: number } = {},
  ): void {
    this.queue.push({
      kind,
      action: options.action,
      remaining: options.times ?? 1,
      retryAfterSeconds: options.retryAfterSeconds,
    });
  }

  take(action: string): Omit<Fault, "remaining" | "action"> | undefined {
    const fault = this.queue.find((f) => f.remaining > 0 && (!f.action || f.action === action));
    if (!fault) return undefined;
    fault.remaining -= 1;
    return { kind: fault.kind, retryAfterSeconds: fault.retryAfterSeconds };
  }

  reset(): void {
    this.latencyMs = 0;
    this.deniedRoles.clear();
    this.deniedProviders.clear();
    this.queue = [];
  }
}

// Throttling is 400 with code Throttling; ServiceFailure is IAM's 500.
// https://docs.aws.amazon.com/IAM/latest/APIReference/CommonErrors.html
export function faultError(kind: Exclude<FaultKind, "reset">): IamError {
  return kind === "throttle"
    ? new IamError("Throttling", 400, "Rate exceeded")
    : new IamError(
        "ServiceFailure",
        500,
        "The request processing has failed because of an unknown error.",
      );
}

// AccessDenied (403) names the caller, the action and the resource.
// https://docs.aws.amazon.com/IAM/latest/APIReference/CommonErrors.html
export function accessDenied(callerArn: string, action: string, resource: string): IamError {
  return new IamError(
    "AccessDenied",
    403,
    `User: ${callerArn} is not authorized to perform: iam:${action} ` +
      `on resource: ${resource} because no identity-based policy allows the iam:${action} action`,
  );
}
