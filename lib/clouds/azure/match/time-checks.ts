import { entraTime, lifetimeError, timeRangeError } from "@/lib/clouds/azure/cloud-errors";
import { rememberTimeChecks } from "@/lib/clouds/time-checks-memo";
import { failed, passed, withHint, type RuledCheck } from "@/lib/clouds/azure/match/ruled-check";
import {
  iatSkewSeconds,
  implausibleReason,
  notNumberReason,
  rawText,
  readDateClaims,
  secondsOf,
  undecidedTimeAnswer,
  type DateClaim,
} from "@/lib/federation/date-claims";
import type { Check, CloudError, TokenFacts } from "@/lib/federation/types";

// Entra's time rules for the external token (CLOUDS.md 1.4): outside its
// exp/nbf window → AADSTS700024 [observed]; no iat, or a lifetime over
// 1 day 1 hour → AADSTS70023 [observed]. What Entra does with an iat in the
// future, a lifetime that is not positive, or a date that is not a plausible
// number is undocumented (CLOUDS.md 6): those checks are undecided.

/** CLOUDS.md 1.4: 1 day 1 hour ("1.01:00:00"), inclusive. */
export const maxLifetimeSeconds = 25 * 3600;
/** Entra's skew allowance is undocumented; within this distance the hint says so. */
const skewNoticeSeconds = 300;

const windowSource = "CLOUDS.md 1.4 (Azure/login#372)";
const lifetimeSource = "CLOUDS.md 1.4 (azure-docs#86916, azure-docs#86915)";
const openSource = "CLOUDS.md 1.4, 6";

type Fields = Omit<Check, "ok">;

function asDate(seconds: number | undefined): Date {
  return new Date(seconds === undefined ? Number.NaN : seconds * 1000);
}

/** Entra's rendering of a time, or the raw number when it is no date at all. */
function shown(seconds: number): string {
  const text = entraTime(asDate(seconds));
  return text === "(none)" ? String(seconds) : text;
}

function undecided(fields: Fields, reason: string): RuledCheck {
  return failed(fields, undecidedTimeAnswer("Entra", reason));
}

/** A passing check, unless the value is one the pipeline calls implausible. */
function passedUnlessImplausible(fields: Fields, name: string, claim: DateClaim): RuledCheck {
  if (claim.state === "number" && claim.implausible) {
    return undecided({ ...fields, message: claim.implausible }, implausibleReason(name, "Entra"));
  }
  return passed(fields);
}

/** For a refusal close to the boundary, where a skew allowance could still admit the token. */
function skewHint(distanceSeconds: number): { hint?: string } {
  return withHint(
    Math.abs(distanceSeconds) <= skewNoticeSeconds
      ? "Within five minutes of the boundary: Entra's clock-skew allowance is undocumented, so a real exchange may still succeed."
      : undefined,
  );
}

function expiryCheck(claim: DateClaim, at: Date, windowError: CloudError): RuledCheck {
  const exp = secondsOf(claim);
  const base = { check: "expiry" as const, source: windowSource };
  if (exp === undefined) {
    const fields = {
      ...base,
      expected: "a numeric exp",
      actual: claim.state === "absent" ? "" : rawText(claim),
      message: "The token has no numeric exp claim.",
    };
    return failed(fields, windowError);
  }
  const now = at.getTime() / 1000;
  const fields = { ...base, expected: `after ${entraTime(at)}`, actual: shown(exp) };
  if (now >= exp) {
    return failed(
      { ...fields, message: `The token expired at ${shown(exp)}.`, ...skewHint(exp - now) },
      windowError,
    );
  }
  return passedUnlessImplausible(
    { ...fields, message: `The token is valid until ${shown(exp)}.` },
    "exp",
    claim,
  );
}

function notBeforeCheck(claim: DateClaim, at: Date, windowError: CloudError): RuledCheck {
  const base = { check: "notBefore" as const, source: windowSource };
  if (claim.state === "absent") return passed({ ...base, message: "The token has no nbf claim." });
  if (claim.state === "notNumber") {
    return undecided(
      {
        ...base,
        source: openSource,
        actual: rawText(claim),
        message: "The token's nbf is not a number.",
      },
      notNumberReason("nbf", "Entra"),
    );
  }
  const nbf = claim.seconds;
  const now = at.getTime() / 1000;
  const fields = { ...base, expected: `at or before ${entraTime(at)}`, actual: shown(nbf) };
  if (nbf > now) {
    return failed(
      {
        ...fields,
        message: `The token is not valid before ${shown(nbf)}.`,
        ...skewHint(nbf - now),
      },
      windowError,
    );
  }
  return passedUnlessImplausible(
    { ...fields, message: `The token is valid from ${shown(nbf)}.` },
    "nbf",
    claim,
  );
}

function issuedAtCheck(claim: DateClaim, at: Date, exp: number | undefined): RuledCheck {
  const iat = secondsOf(claim);
  const base = { check: "issuedAt" as const, source: lifetimeSource };
  if (iat === undefined) {
    return failed(
      {
        ...base,
        expected: "a numeric iat",
        actual: claim.state === "absent" ? "" : rawText(claim),
        message:
          "The token has no numeric iat claim; Entra requires it and reports 'Token issued at 0'.",
      },
      lifetimeError(0, exp ?? 0),
    );
  }
  const now = at.getTime() / 1000;
  const fields = { ...base, expected: `at or before ${entraTime(at)}`, actual: shown(iat) };
  if (iat > now + iatSkewSeconds) {
    return undecided(
      {
        ...fields,
        source: openSource,
        message: `The token was issued in the future: iat is ${Math.round(iat - now)} s after the evaluation time.`,
        hint: "Check the issuer's clock. Entra refuses tokens outside their exp/nbf window, but does not document what it does with an iat in the future.",
      },
      "its iat is in the future, and Entra does not document how it treats that",
    );
  }
  return passedUnlessImplausible(
    {
      ...fields,
      message: `The token was issued at ${shown(iat)}.`,
      ...withHint(
        iat > now
          ? `iat is ${Math.round(iat - now)} s ahead of the evaluation time, within ${iatSkewSeconds} s of clock skew.`
          : undefined,
      ),
    },
    "iat",
    claim,
  );
}

function lifetimeCheck(iat: number | undefined, exp: number | undefined): RuledCheck {
  const lifetime = iat !== undefined && exp !== undefined ? exp - iat : Number.NaN;
  const fields = {
    check: "lifetime" as const,
    source: lifetimeSource,
    expected: `at most ${maxLifetimeSeconds} s (1.01:00:00)`,
    actual: Number.isNaN(lifetime) ? "unknown" : `${lifetime} s`,
  };
  const error = lifetimeError(iat ?? 0, exp ?? 0);
  if (Number.isNaN(lifetime)) {
    return failed(
      {
        ...fields,
        message: "The lifetime cannot be computed without numeric iat and exp; Entra refuses it.",
      },
      error,
    );
  }
  if (lifetime > maxLifetimeSeconds) {
    return failed(
      {
        ...fields,
        message: `The token's lifetime (exp − iat) is ${lifetime} s, over Entra's limit of 1 day 1 hour.`,
        hint: "Shorten the issuer's token lifetime (for a Kubernetes projected token, its expirationSeconds).",
      },
      error,
    );
  }
  if (lifetime <= 0) {
    return undecided(
      {
        ...fields,
        source: openSource,
        message: `exp is not after iat (lifetime ${lifetime} s): the token was issued already expired.`,
      },
      "its exp is not after its iat, and Entra does not document how it treats that",
    );
  }
  return passed({ ...fields, message: `The token's lifetime (exp − iat) is ${lifetime} s.` });
}

/** expiry, notBefore, issuedAt, lifetime, in Entra's order (CLOUDS.md 1.4). Shared: do not change. */
export function timeChecks(token: TokenFacts, at: Date): RuledCheck[] {
  return rememberedChecks(token.claims, at);
}

const rememberedChecks = rememberTimeChecks(checksAt);

function checksAt(claims: Record<string, unknown>, at: Date): RuledCheck[] {
  const times = readDateClaims(claims);
  const exp = secondsOf(times.exp);
  const nbf = secondsOf(times.nbf);
  const iat = secondsOf(times.iat);
  // Without nbf Entra reports the epoch as the start (MSAL issues quoting AADSTS700024).
  const windowError = timeRangeError(at, asDate(nbf ?? 0), asDate(exp));
  return [
    expiryCheck(times.exp, at, windowError),
    notBeforeCheck(times.nbf, at, windowError),
    issuedAtCheck(times.iat, at, exp),
    lifetimeCheck(iat, exp),
  ];
}
