import { iatSkewSeconds, numericDateIssue } from "@/lib/tokens/claim-checks";
import { fedlensUndecided, type CloudError } from "@/lib/federation/types";

// The time claims as every cloud's evaluator reads them, so the evaluators
// and the pipeline's claim checks (lib/tokens/claim-checks.ts) judge the same
// values the same way. A cloud applies its documented rule to the number; a
// value the pipeline calls implausible (outside 1970–2200, -0, 1e999) is
// something no cloud documents (CLOUDS.md 6), so a check it would pass is
// undecided rather than accepted.

export { iatSkewSeconds };

export type DateClaim =
  | { state: "absent" }
  /** Present but not a JSON number (a string, null, an object…). */
  | { state: "notNumber"; raw: unknown }
  /** A number; `implausible` says why the pipeline refuses it, when it does. */
  | { state: "number"; seconds: number; implausible?: string };

export type DateClaims = { exp: DateClaim; nbf: DateClaim; iat: DateClaim };

function readDateClaim(claims: Record<string, unknown>, name: string): DateClaim {
  const raw = Object.hasOwn(claims, name) ? claims[name] : undefined;
  if (raw === undefined) return { state: "absent" };
  if (typeof raw !== "number") return { state: "notNumber", raw };
  const implausible = numericDateIssue(name, raw);
  return implausible
    ? { state: "number", seconds: raw, implausible }
    : { state: "number", seconds: raw };
}

export function readDateClaims(claims: Record<string, unknown>): DateClaims {
  return {
    exp: readDateClaim(claims, "exp"),
    nbf: readDateClaim(claims, "nbf"),
    iat: readDateClaim(claims, "iat"),
  };
}

/** The claim's number, when it is one. */
export function secondsOf(claim: DateClaim): number | undefined {
  return claim.state === "number" ? claim.seconds : undefined;
}

/** The claim as the token carries it, for a check's `actual`. */
export function rawText(claim: DateClaim): string {
  if (claim.state === "absent") return "(absent)";
  if (claim.state === "number") return String(claim.seconds);
  return JSON.stringify(claim.raw) ?? String(claim.raw);
}

/**
 * Fedlens's own answer when the cloud's rule is undocumented for this token:
 * the cloud may accept or refuse it. `cloud` names the service ("Entra",
 * "STS", "Google's STS").
 */
export function undecidedTimeAnswer(cloud: string, reason: string): CloudError {
  return {
    code: fedlensUndecided,
    message: `${cloud} may accept or refuse this token: ${reason}.`,
  };
}

/** Why a claim that is not a JSON number leaves the answer open. */
export function notNumberReason(name: string, cloud: string): string {
  return `its ${name} is not a number, and ${cloud} does not document what it does with such a token`;
}

/** Why an implausible value leaves the answer open. */
export function implausibleReason(name: string, cloud: string): string {
  return `its ${name} is outside any plausible date, and ${cloud} does not document how it reads such a value`;
}
