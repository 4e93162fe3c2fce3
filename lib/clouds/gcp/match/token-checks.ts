import { invalidSubjectToken, issuerMismatch } from "@/lib/clouds/gcp/cloud-errors";
import type { NormalisedGcpBinding } from "@/lib/clouds/gcp/evaluator-binding";
import { nearMissHint } from "@/lib/clouds/gcp/match/hints";
import { failed, passed, quote, type Outcome } from "@/lib/clouds/gcp/match/outcome";
import type { Check, TokenFacts } from "@/lib/federation/types";

// What STS checks on the subject token itself (CLOUDS.md 3.2, 3.5). Google
// documents the rules but not the error text for most of them (CLOUDS.md 6);
// those checks say so in their message. Time rules: time-checks.ts.

export { checkTimes } from "@/lib/clouds/gcp/match/time-checks";

const unconfirmed = "Google does not document the exact error text.";
const supportedAlgorithms = ["RS256", "ES256"];

// The answers that read nothing but the signature's state are the same for
// every token (the trust map judges claims alone, tens of thousands of
// times): each is built once and shared, so callers must not change them.
let notGiven: Outcome | undefined;
let verified: Outcome | undefined;
let unsigned: Outcome | undefined;

/** CLOUDS.md 3.5: `alg` RS256 or ES256, and a `kid` to pick the key. Shared: do not change. */
export function checkAlgorithm(token: TokenFacts): Outcome {
  const source = "CLOUDS.md 3.5 (STS v1 token reference)";
  const { alg, kid } = token.header;
  const expected = "alg RS256 or ES256, with a kid";
  if (token.signature === "skipped" && alg === undefined) {
    notGiven ??= passed({
      check: "algorithm",
      expected,
      message: "No JOSE header given, so the algorithm and kid were not checked.",
      source,
    });
    return notGiven;
  }
  const actual = `alg ${quote(alg)}, kid ${typeof kid === "string" && kid ? kid : "(absent)"}`;
  if (typeof alg !== "string" || !supportedAlgorithms.includes(alg)) {
    const hint =
      typeof alg === "string" && /^(RS|PS|ES)\d+$/.test(alg)
        ? `Google accepts only RS256 and ES256; configure the issuer to sign with one of them (${alg} is refused).`
        : "Google accepts only the asymmetric RS256 and ES256.";
    return failed(
      {
        check: "algorithm",
        expected,
        actual,
        message: `STS refuses tokens signed with ${quote(alg)}. ${unconfirmed}`,
        hint,
        source,
      },
      invalidSubjectToken(`The ID Token's signing algorithm ${quote(alg)} is not supported.`),
    );
  }
  // A what-if header may give only alg; a missing kid is then "not given".
  if (token.signature === "skipped" && kid === undefined) {
    return passed({
      check: "algorithm",
      expected,
      actual,
      message: `Signed with ${alg}; no kid given, so its presence was not checked.`,
      source,
    });
  }
  if (typeof kid !== "string" || !kid) {
    return failed(
      {
        check: "algorithm",
        expected,
        actual,
        message: `The JOSE header has no kid; STS requires one to pick the issuer's key. ${unconfirmed}`,
        source,
      },
      invalidSubjectToken("The ID Token header is missing the kid."),
    );
  }
  return passed({ check: "algorithm", expected, actual, message: `Signed with ${alg}.`, source });
}

function issuerHint(issuerUri: string, iss: string): string | undefined {
  const basic = nearMissHint(issuerUri, iss, "The issuer");
  if (basic && /trailing slash/.test(basic)) {
    // CLOUDS.md 3.2, 6
    return `${basic} Whether Google normalises a trailing slash is unconfirmed; make them identical.`;
  }
  if (basic) return basic;
  const github = "https://token.actions.githubusercontent.com";
  if (iss.startsWith(`${github}/`) && issuerUri.replace(/\/$/, "") === github) {
    // CLOUDS.md §4
    return "The token comes from a GitHub Enterprise with a unique issuer URL (…/<enterprise slug>); set the provider's issuer URI to it.";
  }
  if (issuerUri.startsWith(`${github}/`) && iss === github) {
    // CLOUDS.md §4
    return "The provider expects a GitHub Enterprise unique issuer, but the token comes from the default github.com issuer.";
  }
  const entraV1 = /^https:\/\/sts\.windows\.net\/([^/]+)\/$/;
  const entraV2 = /^https:\/\/login\.microsoftonline\.com\/([^/]+)\/v2\.0$/;
  const v1 = entraV1.exec(iss) ?? entraV1.exec(issuerUri);
  const v2 = entraV2.exec(iss) ?? entraV2.exec(issuerUri);
  if (v1 && v2 && v1[1] === v2[1]) {
    // CLOUDS.md 3.8
    return "One side is the Entra v1 issuer (sts.windows.net) and the other the v2 issuer (login.microsoftonline.com/…/v2.0); the documentation lists this among the usual issuer mismatches.";
  }
  return undefined;
}

/** CLOUDS.md 3.2: `iss` must equal the provider's issuer URI. */
export function checkIssuer(token: TokenFacts, binding: NormalisedGcpBinding): Outcome {
  const iss = token.claims.iss;
  const actual = typeof iss === "string" ? iss : quote(iss);
  const matches = iss === binding.issuerUri;
  const check: Omit<Check, "ok"> = {
    check: "issuer",
    expected: binding.issuerUri,
    actual,
    source: "CLOUDS.md 3.2, 3.8 (google-github-actions/auth TROUBLESHOOTING)",
    message: matches
      ? "The token's iss is the provider's issuer URI."
      : typeof iss === "string"
        ? "The token's iss is not the provider's issuer URI."
        : "The token has no iss claim.",
  };
  if (matches) return passed(check);
  const hint = typeof iss === "string" ? issuerHint(binding.issuerUri, iss) : undefined;
  if (hint) check.hint = hint;
  return failed(check, issuerMismatch(actual, binding.issuerUri));
}

/** The pipeline verified the signature with the issuer's keys before this ran. Shared: do not change. */
export function checkSignature(token: TokenFacts): Outcome {
  const source = "CLOUDS.md 3.5, 3.8 (GCP troubleshooting)";
  if (token.signature === "valid") {
    verified ??= passed({
      check: "signature",
      message: "Signature verified with the issuer's keys.",
      source,
    });
    return verified;
  }
  if (token.signature === "skipped") {
    unsigned ??= passed({
      check: "signature",
      message: "Not checked: claims were given instead of a signed token.",
      source,
    });
    return unsigned;
  }
  const reason = token.signatureReason ?? `The signature is ${token.signature}.`;
  // CLOUDS.md 3.8: when Google cannot fetch the discovery document or JWKS.
  const error =
    token.signature === "unverifiable"
      ? invalidSubjectToken("Error connecting to the given credential's issuer.")
      : invalidSubjectToken("The ID Token's signature is invalid.");
  return failed({ check: "signature", message: reason, source }, error);
}

/** CLOUDS.md 3.5: `sub` is required. */
export function checkSubjectClaim(token: TokenFacts): Outcome {
  const sub = token.claims.sub;
  const present = typeof sub === "string" && sub !== "";
  const check: Omit<Check, "ok"> = {
    check: "claims",
    expected: "a non-empty sub",
    actual: quote(sub),
    source: "CLOUDS.md 3.5 (STS v1 token reference)",
    message: present
      ? "sub is present."
      : `The token has no sub claim; STS requires one. ${unconfirmed}`,
  };
  if (present) return passed(check);
  return failed(check, invalidSubjectToken("The ID Token is missing the required sub claim."));
}
