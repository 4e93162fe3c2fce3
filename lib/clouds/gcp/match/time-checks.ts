import { rememberTimeChecks } from "@/lib/clouds/time-checks-memo";
import { invalidSubjectToken, staleToken } from "@/lib/clouds/gcp/cloud-errors";
import { failed, passed, quote, type Outcome } from "@/lib/clouds/gcp/match/outcome";
import {
  implausibleReason,
  notNumberReason,
  rawText,
  readDateClaims,
  secondsOf,
  undecidedTimeAnswer,
  type DateClaim,
} from "@/lib/federation/date-claims";
import type { Check, TokenFacts } from "@/lib/federation/types";

// CLOUDS.md 3.5 [verified]: `iat` must be in the past and `exp` less than
// 48 h after it; stale or expired tokens are refused (3.8). Google documents
// no rule for `nbf`, nor how it reads a date that is no plausible number
// (CLOUDS.md 6): those checks are undecided rather than passed.

const unconfirmed = "Google does not document the exact error text.";
const maxLifetimeSeconds = 48 * 60 * 60;
const source = "CLOUDS.md 3.5 (STS v1 token reference)";
const expirySource = "CLOUDS.md 3.5 (fullsend#705, google-cloud-go#12440)";
const openSource = "CLOUDS.md 3.5, 6";

type Fields = Omit<Check, "ok">;

function isoSeconds(seconds: number): string {
  const date = new Date(seconds * 1000);
  return Number.isNaN(date.getTime()) ? String(seconds) : date.toISOString();
}

function undecided(fields: Fields, reason: string): Outcome {
  return failed({ ...fields, source: openSource }, undecidedTimeAnswer("Google's STS", reason));
}

function passedUnlessImplausible(fields: Fields, name: string, claim: DateClaim): Outcome {
  if (claim.state === "number" && claim.implausible) {
    return undecided({ ...fields, message: claim.implausible }, implausibleReason(name, "Google"));
  }
  return passed(fields);
}

function issuedAtCheck(claim: DateClaim, now: number, nowText: string): Outcome {
  const iat = secondsOf(claim);
  const expected = `at or before ${nowText}`;
  if (iat === undefined) {
    return failed(
      {
        check: "issuedAt",
        expected: `a numeric iat ${expected}`,
        actual: rawText(claim),
        message: `The token has no numeric iat; STS requires it to be in the past. ${unconfirmed}`,
        source,
      },
      invalidSubjectToken("The ID Token is missing the iat claim."),
    );
  }
  if (iat > now) {
    return failed(
      {
        check: "issuedAt",
        expected,
        actual: isoSeconds(iat),
        message: `iat is ${Math.round(iat - now)} s in the future. ${unconfirmed}`,
        hint: "Check the issuer's clock.",
        source,
      },
      invalidSubjectToken(`ID Token issued at ${iat} is in the future.`),
    );
  }
  return passedUnlessImplausible(
    {
      check: "issuedAt",
      expected,
      actual: isoSeconds(iat),
      message: "Issued in the past.",
      source,
    },
    "iat",
    claim,
  );
}

function lifetimeCheck(times: ReturnType<typeof readDateClaims>, rawExp: unknown): Outcome {
  const iat = secondsOf(times.iat);
  const exp = secondsOf(times.exp);
  const lifetime = iat !== undefined && exp !== undefined ? exp - iat : Number.NaN;
  const fields = { check: "lifetime" as const, expected: "exp less than 48 h after iat", source };
  if (lifetime < maxLifetimeSeconds) {
    return passed({ ...fields, actual: `${lifetime} s`, message: `Lifetime ${lifetime} s.` });
  }
  return failed(
    {
      ...fields,
      actual: Number.isNaN(lifetime) ? `exp ${quote(rawExp)}` : `${lifetime} s`,
      message: Number.isNaN(lifetime)
        ? `The token needs numeric iat and exp claims. ${unconfirmed}`
        : `exp is ${lifetime} s after iat; STS needs less than 48 h (172800 s). ${unconfirmed}`,
      hint: "Google recommends tokens that live under 6 hours.",
    },
    invalidSubjectToken("The ID Token's lifetime exceeds the 48 hours limit."),
  );
}

function expiryCheck(claim: DateClaim, iat: unknown, now: number, nowText: string): Outcome {
  const exp = secondsOf(claim);
  const fields = { check: "expiry" as const, expected: `after ${nowText}`, source: expirySource };
  if (exp !== undefined && exp > now) {
    return passedUnlessImplausible(
      {
        ...fields,
        actual: isoSeconds(exp),
        message: `Valid for another ${Math.round(exp - now)} s.`,
      },
      "exp",
      claim,
    );
  }
  return failed(
    {
      ...fields,
      actual: exp === undefined ? rawText(claim) : isoSeconds(exp),
      message:
        exp === undefined
          ? "The token has no numeric exp claim."
          : `The token expired ${Math.round(now - exp)} s ago. Google reports stale and expired tokens alike; its text for an expired one is unconfirmed.`,
      hint: "GitHub tokens live 5-10 minutes: request the token right before the exchange.",
    },
    staleToken(iat),
  );
}

function notBeforeCheck(claim: DateClaim, now: number, nowText: string): Outcome {
  const fields = {
    check: "notBefore" as const,
    expected: `at or before ${nowText}`,
    source: openSource,
  };
  if (claim.state === "absent") {
    return passed({ ...fields, actual: "(absent)", message: "The token has no nbf claim." });
  }
  if (claim.state === "notNumber") {
    return undecided(
      { ...fields, actual: rawText(claim), message: "The token's nbf is not a number." },
      notNumberReason("nbf", "Google"),
    );
  }
  if (claim.seconds > now) {
    return undecided(
      {
        ...fields,
        actual: isoSeconds(claim.seconds),
        message: `The token is not valid yet: nbf is ${Math.round(claim.seconds - now)} s in the future.`,
        hint: "Google documents iat and exp for subject tokens but not nbf; a standard verifier refuses the token until then.",
      },
      "its nbf is in the future, and Google does not document whether STS checks nbf",
    );
  }
  return passedUnlessImplausible(
    { ...fields, actual: isoSeconds(claim.seconds), message: "Valid from a time in the past." },
    "nbf",
    claim,
  );
}

/** CLOUDS.md 3.5: `iat` in the past; `exp` < 48 h after `iat`; not expired; then `nbf`. */
export function checkTimes(token: TokenFacts, at: Date): Outcome[] {
  return rememberedChecks(token.claims, at);
}

const rememberedChecks = rememberTimeChecks(checksAt);

function checksAt(claims: Record<string, unknown>, at: Date): Outcome[] {
  const now = at.getTime() / 1000;
  const nowText = `${isoSeconds(now)} (now)`;
  const times = readDateClaims(claims);
  const iat = secondsOf(times.iat) ?? claims.iat;
  return [
    issuedAtCheck(times.iat, now, nowText),
    lifetimeCheck(times, claims.exp),
    expiryCheck(times.exp, iat, now, nowText),
    notBeforeCheck(times.nbf, now, nowText),
  ];
}
