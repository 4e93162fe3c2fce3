import { rememberTimeChecks } from "@/lib/clouds/time-checks-memo";
import { missingClaim, tokenExpired, undecidedAnswer } from "@/lib/clouds/aws/cloud-errors";
import { fail, pass, type Step } from "@/lib/clouds/aws/match/step";
import {
  iatSkewSeconds,
  implausibleReason,
  notNumberReason,
  rawText,
  readDateClaims,
  secondsOf,
  type DateClaim,
} from "@/lib/federation/date-claims";
import type { Check } from "@/lib/federation/types";

// CLOUDS.md 2.3 step 4 and 2.8: past exp is ExpiredTokenException, with both
// times in epoch seconds. STS's handling of nbf, of iat (absent or in the
// future) and of dates that are no plausible number is unconfirmed
// (CLOUDS.md 6): a standard verifier refuses such tokens, so Fedlens never
// promises acceptance, and the answer is undecided.

type Fields = Omit<Check, "ok">;

const expirySource = "CLOUDS.md 2.3 step 4, 2.8 (aws-orbit-workbench#771, aws-sdk-java-v2#5709)";
const openSource = "CLOUDS.md 2.7, 6";

function iso(seconds: number): string {
  const date = new Date(seconds * 1000);
  return Number.isNaN(date.getTime()) ? String(seconds) : date.toISOString();
}

function undecided(fields: Fields, reason: string): Step {
  return fail(fields, undecidedAnswer(reason));
}

function passUnlessImplausible(fields: Fields, name: string, claim: DateClaim): Step {
  if (claim.state === "number" && claim.implausible) {
    return undecided(
      { ...fields, message: claim.implausible, source: openSource },
      implausibleReason(name, "AWS"),
    );
  }
  return pass(fields);
}

function expiryStep(claim: DateClaim, at: Date): Step {
  const exp = secondsOf(claim);
  if (exp === undefined) {
    return fail(
      {
        check: "expiry",
        expected: "exp",
        actual: rawText(claim),
        message: "The token has no numeric exp claim.",
        hint: "OIDC ID tokens must carry exp; STS's wording for a missing exp is inferred from its aud message.",
        source: expirySource,
      },
      missingClaim("exp"),
    );
  }
  const fields = {
    check: "expiry" as const,
    expected: `after ${at.toISOString()}`,
    actual: iso(exp),
    source: expirySource,
  };
  if (at.getTime() >= exp * 1000) {
    return fail(
      { ...fields, message: `The token expired at ${iso(exp)}, before ${at.toISOString()}.` },
      tokenExpired(Math.floor(at.getTime() / 1000), exp),
    );
  }
  return passUnlessImplausible(
    { ...fields, message: `The token is valid until ${iso(exp)}.` },
    "exp",
    claim,
  );
}

function notBeforeStep(claim: DateClaim, at: Date): Step {
  const base = { check: "notBefore" as const, source: openSource };
  if (claim.state === "absent") {
    return pass({ ...base, actual: "(absent)", message: "The token has no nbf claim." });
  }
  if (claim.state === "notNumber") {
    return undecided(
      { ...base, actual: rawText(claim), message: "The token's nbf is not a number." },
      notNumberReason("nbf", "AWS"),
    );
  }
  const fields = {
    ...base,
    expected: `at or before ${at.toISOString()}`,
    actual: iso(claim.seconds),
  };
  if (claim.seconds * 1000 > at.getTime()) {
    return undecided(
      {
        ...fields,
        message: `The token is not valid yet: its nbf (${iso(claim.seconds)}) is after ${at.toISOString()}.`,
        hint: "AWS does not document whether STS checks nbf; a standard verifier refuses the token until then.",
      },
      "its nbf is in the future, and AWS does not document whether STS checks nbf",
    );
  }
  return passUnlessImplausible(
    { ...fields, message: `nbf ${iso(claim.seconds)} is in the past.` },
    "nbf",
    claim,
  );
}

function issuedAtStep(claim: DateClaim, exp: number | undefined, at: Date): Step {
  const base = { check: "issuedAt" as const, source: openSource };
  if (claim.state === "absent") {
    // OIDC Core §2 requires iat, but AWS documents no iat rule for STS.
    const unconfirmed = "AWS does not document whether STS requires iat; this token has none.";
    return pass({
      ...base,
      expected: "iat",
      actual: "(absent)",
      message: "The token has no iat claim; AWS does not document whether STS requires it.",
      unconfirmed,
    });
  }
  if (claim.state === "notNumber") {
    return undecided(
      { ...base, actual: rawText(claim), message: "The token's iat is not a number." },
      notNumberReason("iat", "AWS"),
    );
  }
  const iat = claim.seconds;
  const now = at.getTime() / 1000;
  const fields = { ...base, expected: `at or before ${at.toISOString()}`, actual: iso(iat) };
  if (iat > now + iatSkewSeconds) {
    return undecided(
      {
        ...fields,
        message: `The token was issued in the future: iat is ${Math.round(iat - now)} s after ${at.toISOString()}.`,
        hint: "Check the issuer's clock. AWS does not document what STS does with an iat in the future.",
      },
      "its iat is in the future, and AWS does not document how STS treats that",
    );
  }
  if (exp !== undefined && exp <= iat) {
    return undecided(
      { ...fields, message: "exp is not after iat: the token was issued already expired." },
      "its exp is not after its iat, and AWS does not document how STS treats that",
    );
  }
  const ahead =
    iat > now
      ? ` It is ${Math.round(iat - now)} s ahead, within ${iatSkewSeconds} s of clock skew.`
      : "";
  return passUnlessImplausible(
    { ...fields, message: `iat ${iso(iat)} is in the past.${ahead}` },
    "iat",
    claim,
  );
}

/** expiry, then nbf and iat (their order and STS's rules for them are unconfirmed). */
export function timeSteps(claims: Record<string, unknown>, at: Date): Step[] {
  return rememberedSteps(claims, at);
}

const rememberedSteps = rememberTimeChecks(stepsAt);

function stepsAt(claims: Record<string, unknown>, at: Date): Step[] {
  const times = readDateClaims(claims);
  return [
    expiryStep(times.exp, at),
    notBeforeStep(times.nbf, at),
    issuedAtStep(times.iat, secondsOf(times.exp), at),
  ];
}
