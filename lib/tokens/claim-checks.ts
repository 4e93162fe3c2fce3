// Claim checks jose does not make (SECURITY.md 0.1, 1.1 step 7, 1.2): it
// accepts exp = 1e999 (Infinity), far-future and float dates, an iat in the
// future, non-string aud members, and requires no claim at all [lab]. Fedlens
// verifies the signature alone with jose (compactVerify) and checks claims
// here, so every finding has its own message. Audience *values* are matched
// per binding later (step 8), not here.

export type ClaimIssue = {
  claim: string;
  message: string;
  severity: "error" | "warning";
};

export type ClaimCheckOptions = {
  now: Date;
  /** Allowed clock skew for `iat` in the future; exp and nbf are reported to the second instead. */
  skewSeconds?: number;
  /** A longer lifetime (exp − iat) is a warning. */
  maxLifetimeSeconds?: number;
};

/** SECURITY.md 1.1 step 6. */
export const requiredClaims = ["iss", "sub", "aud", "exp", "iat"] as const;
const dateClaims = ["exp", "nbf", "iat"] as const;
/** 2200-01-01T00:00:00Z: NumericDates outside 1970..2200 are not plausible token times. */
export const latestNumericDate = 7_258_118_400;

export function formatDuration(seconds: number): string {
  const whole = Math.round(Math.abs(seconds));
  if (whole < 120) return `${whole} s`;
  const human =
    whole < 7_200
      ? `${Math.round(whole / 60)} min`
      : whole < 172_800
        ? `${Math.round(whole / 3_600)} h`
        : whole < 63_072_000
          ? `${Math.round(whole / 86_400)} days`
          : `${Math.round(whole / 31_557_600)} years`;
  return `${human} (${whole.toLocaleString("en-US")} s)`;
}

function typeName(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}

/** How far ahead of the clock an `iat` may be before it counts as issued in the future. */
export const iatSkewSeconds = 60;

/** The NumericDate problem with one claim's value, if any (RFC 7519 §2). */
export function numericDateIssue(claim: string, value: unknown): string | undefined {
  if (typeof value !== "number") {
    return `${claim} must be a number (a NumericDate, RFC 7519 §2), not ${typeName(value)}.`;
  }
  if (!Number.isFinite(value)) {
    return `${claim} is not a finite NumericDate: a number too large for JSON's doubles (such as 1e999) reads as ${value}.`;
  }
  if (Object.is(value, -0)) return `${claim} is -0, not a plausible NumericDate.`;
  if (value < 0 || value > latestNumericDate) {
    return `${claim} is ${value}, outside the years 1970–2200.`;
  }
  return undefined;
}

function stringClaimIssues(claims: Record<string, unknown>): ClaimIssue[] {
  const issues: ClaimIssue[] = [];
  for (const claim of ["iss", "sub"] as const) {
    const value = claims[claim];
    if (value === undefined) continue;
    if (typeof value !== "string") {
      issues.push({
        claim,
        severity: "error",
        message: `${claim} must be a string, not ${typeName(value)}.`,
      });
    } else if (value === "") {
      issues.push({ claim, severity: "error", message: `${claim} is an empty string.` });
    } else if (value.trim() !== value) {
      issues.push({
        claim,
        severity: "warning",
        message: `${claim} has leading or trailing whitespace; Entra refuses such tokens and no issuer URL matches it.`,
      });
    }
  }
  return issues;
}

/** RFC 7519 §4.1.3: a string or an array of strings. */
function audienceIssues(aud: unknown): ClaimIssue[] {
  const error = (message: string): ClaimIssue[] => [{ claim: "aud", severity: "error", message }];
  if (aud === undefined) return [];
  if (typeof aud === "string") return aud === "" ? error("aud is an empty string.") : [];
  if (!Array.isArray(aud)) {
    return error(`aud must be a string or an array of strings, not ${typeName(aud)}.`);
  }
  if (aud.length === 0) return error("aud is an empty array: the token names no audience.");
  const bad = aud.findIndex((member) => typeof member !== "string" || member === "");
  if (bad >= 0) {
    const member = aud[bad];
    const what = member === "" ? "an empty string" : typeName(member);
    return error(`aud[${bad}] is ${what}; every audience must be a non-empty string.`);
  }
  return [];
}

function timeIssues(
  claims: Record<string, unknown>,
  valid: Set<string>,
  options: ClaimCheckOptions,
): ClaimIssue[] {
  const issues: ClaimIssue[] = [];
  const now = options.now.getTime() / 1000;
  const skew = options.skewSeconds ?? iatSkewSeconds;
  const maxLifetime = options.maxLifetimeSeconds ?? 86_400;
  const date = (claim: string) => (valid.has(claim) ? (claims[claim] as number) : undefined);
  const exp = date("exp");
  const nbf = date("nbf");
  const iat = date("iat");
  const push = (claim: string, message: string, severity: ClaimIssue["severity"] = "error") =>
    issues.push({ claim, message, severity });

  // RFC 7519 §4.1.4: the current time must be before exp; §4.1.5: not before nbf.
  if (exp !== undefined && now >= exp)
    push("exp", `The token expired ${formatDuration(now - exp)} ago.`);
  if (nbf !== undefined && now < nbf) {
    push("nbf", `The token is not valid yet: nbf is ${formatDuration(nbf - now)} from now.`);
  }
  if (iat !== undefined && iat > now + skew) {
    push(
      "iat",
      `The token was issued in the future: iat is ${formatDuration(iat - now)} from now (more than ${skew} s of clock skew).`,
    );
  }
  if (exp !== undefined && nbf !== undefined && nbf >= exp) {
    push("nbf", "nbf is not before exp: the token is never valid.");
  }
  if (exp !== undefined && iat !== undefined) {
    if (exp <= iat) push("exp", "exp is not after iat: the token was issued already expired.");
    else if (exp - iat > maxLifetime) {
      push(
        "exp",
        `The token lives ${formatDuration(exp - iat)} (exp − iat), longer than ${formatDuration(maxLifetime)}.`,
        "warning",
      );
    }
  }
  return issues;
}

/** Checks a verified token's claims; returns errors and warnings in claim order. */
export function checkClaims(
  input: Record<string, unknown>,
  options: ClaimCheckOptions,
): ClaimIssue[] {
  // Own properties only: a claim never comes from Object.prototype.
  const claims: Record<string, unknown> = Object.fromEntries(
    Object.entries(input).filter(([, value]) => value !== undefined),
  );
  const issues: ClaimIssue[] = [];
  for (const claim of requiredClaims) {
    if (!Object.hasOwn(claims, claim)) {
      issues.push({ claim, severity: "error", message: `${claim} is missing.` });
    }
  }
  issues.push(...stringClaimIssues(claims), ...audienceIssues(claims.aud));
  const valid = new Set<string>();
  for (const claim of dateClaims) {
    if (!Object.hasOwn(claims, claim)) continue;
    const problem = numericDateIssue(claim, claims[claim]);
    if (problem) issues.push({ claim, severity: "error", message: problem });
    else valid.add(claim);
  }
  issues.push(...timeIssues(claims, valid, options));
  return issues;
}
