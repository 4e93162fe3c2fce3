import { IamError } from "./iam-error";

export type FaultKind = "throttle" | "server-error" | "reset";
type Fault = {
  kind: FaultKind;
  action?: string;
  remaining: number;
  /** The Retry-After header's value: delta-seconds or an HTTP-date (RFC 9110 §10.2.3). */
  retryAfter?: string;
};

/** Faults a test arms before its calls; `reset()` clears them between tests. */
export class IamFaults {
  latencyMs = 0;
  readonly deniedRoles = new Set<string>();
  /** Provider ARNs whose GetOpenIDConnectProvider is denied. */
  readonly deniedProviders = new Set<string>();
  /** Actions (e.g. UpdateAssumeRolePolicy) denied whatever they name. */
  readonly deniedActions = new Set<string>();
  private queue: Fault[] = [];

  /**
   * The next `times` requests (of `action`, if given) fail with `kind`; a
   * throttle may carry a Retry-After header (IAM documents none, but a
   * client must honour one when a proxy or the cloud sends it).
   */
  inject(
    kind: FaultKind,
    options: {
      times?: number;
      action?: string;
      retryAfterSeconds?: number;
      /** Sent as an HTTP-date instead of seconds. */
      retryAfterDate?: Date;
    } = {},
  ): void {
    const retryAfter =
      options.retryAfterDate?.toUTCString() ??
      (options.retryAfterSeconds === undefined ? undefined : String(options.retryAfterSeconds));
    this.queue.push({ kind, action: options.action, remaining: options.times ?? 1, retryAfter });
  }

  take(action: string): Omit<Fault, "remaining" | "action"> | undefined {
    const fault = this.queue.find((f) => f.remaining > 0 && (!f.action || f.action === action));
    if (!fault) return undefined;
    fault.remaining -= 1;
    return { kind: fault.kind, retryAfter: fault.retryAfter };
  }

  reset(): void {
    this.latencyMs = 0;
    this.deniedRoles.clear();
    this.deniedProviders.clear();
    this.deniedActions.clear();
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
