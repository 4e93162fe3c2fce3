import {
  algorithmRejected,
  incorrectAudience,
  missingClaim,
  signatureRejected,
  verificationKeyNotRetrieved,
} from "@/lib/clouds/aws/cloud-errors";
import { nearestValue, textNearMiss } from "@/lib/clouds/aws/match/near-miss";
import type { ResolvedProvider } from "@/lib/clouds/aws/match/provider";
import { asText, fail, pass, shorten, type Step } from "@/lib/clouds/aws/match/step";
import type { TokenFacts } from "@/lib/federation/types";

// The token checks STS makes between the provider lookup and the trust
// policy (CLOUDS.md 2.3 steps 2–4, 2.7). Their relative order is inferred;
// every error text is observed (CLOUDS.md 2.8). Time rules: time-checks.ts.

// CLOUDS.md 2.7: RSA keys, and ECDSA since Nov 2024 (configure-aws-credentials#1211);
// EdDSA refused (nomad#20227). RSASSA-PSS is undocumented either way (CLOUDS.md 6).
const acceptedAlgorithms = ["RS256", "RS384", "RS512", "ES256", "ES384", "ES512"];

export function algorithmStep(token: TokenFacts): Step {
  const source = "CLOUDS.md 2.7 (configure-aws-credentials#1211, nomad#20227)";
  const alg = token.header.alg;
  if (alg === undefined && token.signature === "skipped") {
    return pass({
      check: "algorithm",
      message: "No JOSE header given: the algorithm was not checked.",
      source,
    });
  }
  const actual = asText(alg);
  if (typeof alg === "string" && acceptedAlgorithms.includes(alg)) {
    return pass({
      check: "algorithm",
      expected: acceptedAlgorithms.join(", "),
      actual,
      message: `STS accepts ${alg}.`,
      source,
    });
  }
  const hint =
    typeof alg === "string" && alg.startsWith("PS")
      ? // CLOUDS.md 6
        "AWS documents RSA (RS256…) and ECDSA signatures; whether STS accepts RSASSA-PSS is unconfirmed, so Fedlens does not promise it. Sign with RS256."
      : alg === "EdDSA"
        ? // CLOUDS.md 2.7
          "STS does not support EdDSA: Nomad's EdDSA tokens got InvalidIdentityToken. Rotate to an RSA or ECDSA key."
        : "STS verifies tokens with the provider's public keys: RS256/384/512 or ES256/384/512.";
  return fail(
    {
      check: "algorithm",
      expected: acceptedAlgorithms.join(", "),
      actual,
      message: `STS does not accept tokens signed with ${shorten(actual, 30)}.`,
      hint,
      source,
    },
    algorithmRejected(shorten(actual, 30)),
  );
}

export function signatureStep(token: TokenFacts): Step {
  const source = "CLOUDS.md 2.3 step 2, 2.8 (re:Post iam-sts-invalididentitytoken)";
  if (token.signature === "valid") {
    return pass({
      check: "signature",
      message: "The signature verifies with the issuer's published keys.",
      source,
    });
  }
  if (token.signature === "skipped") {
    return pass({
      check: "signature",
      message: "Not checked: claims were given without a signed token.",
      source,
    });
  }
  const reason = token.signatureReason ?? `the signature is ${token.signature}`;
  if (token.signature === "unverifiable") {
    return fail(
      {
        check: "signature",
        message: reason,
        // CLOUDS.md 2.3 step 2
        hint: "STS fetches the issuer's discovery document and JWKS itself and gives up after about 5 seconds; they must be public.",
        source,
      },
      verificationKeyNotRetrieved(),
    );
  }
  return fail(
    { check: "signature", message: reason, source },
    signatureRejected(shorten(reason, 120)),
  );
}

/** `aud` as the list of its string values; anything else counts as missing. */
function audiences(aud: unknown): string[] {
  if (typeof aud === "string") return aud === "" ? [] : [aud];
  if (Array.isArray(aud))
    return aud.filter((item): item is string => typeof item === "string" && item !== "");
  return [];
}

function audienceHint(
  clientIds: string[],
  aud: string,
  claims: Record<string, unknown>,
): string | undefined {
  const nearest = nearestValue(clientIds, aud);
  const why = nearest
    ? textNearMiss(nearest, aud, {
        expected: `the client id ${shorten(nearest)}`,
        actual: "the token's aud",
      })
    : undefined;
  if (why) return `Near miss: ${why}; STS compares exactly.`;
  const owner = claims.repository_owner;
  if (
    typeof owner === "string" &&
    aud.toLowerCase() === `https://github.com/${owner.toLowerCase()}`
  ) {
    // CLOUDS.md 4
    return "This is GitHub's default aud (the owner's URL); aws-actions/configure-aws-credentials asks for sts.amazonaws.com, or add this URL to the provider's client ids.";
  }
  return undefined;
}

export function audienceSteps(claims: Record<string, unknown>, resolved: ResolvedProvider): Step[] {
  const source = "CLOUDS.md 2.3 step 3 (GitLab #342243, Atlassian KB)";
  const values = audiences(claims.aud);
  const { provider } = resolved;
  const assumed = resolved.found ? "" : ` (assuming the provider ${shorten(provider.url)})`;
  if (values.length === 0) {
    const message = "The token has no aud claim; STS requires it.";
    return [
      fail(
        { check: "claims", expected: "aud", actual: "(absent)", message, source },
        missingClaim("aud"),
      ),
      fail(
        {
          check: "audience",
          expected: provider.clientIds.join(", "),
          actual: "(absent)",
          message,
          source,
        },
        missingClaim("aud"),
      ),
    ];
  }
  const claimsStep = pass({
    check: "claims",
    expected: "aud",
    actual: "aud",
    message: "The token carries aud.",
    source,
  });
  const actual = values.length === 1 ? (values[0] as string) : JSON.stringify(values);
  if (resolved.builtIn) {
    return [
      claimsStep,
      pass({
        check: "audience",
        actual,
        message: `${resolved.providerKey} is built in and has no client id list: only the trust policy's ${resolved.providerKey}:aud condition checks the audience.`,
        source: "CLOUDS.md 2.1, 2.4",
      }),
    ];
  }
  const listed = values.find((value) => provider.clientIds.includes(value));
  // CLOUDS.md 6: how STS treats an aud list with several values is undocumented.
  const multi =
    values.length > 1
      ? // CLOUDS.md 6
        "The token's aud holds several values; AWS does not document how STS compares an aud list."
      : undefined;
  if (listed !== undefined) {
    return [
      claimsStep,
      pass({
        check: "audience",
        expected: listed,
        actual,
        message: `${shorten(listed)} is one of the provider's client ids${assumed}.`,
        ...(multi ? { hint: multi, unconfirmed: multi } : {}),
        source,
      }),
    ];
  }
  const expected = nearestValue(provider.clientIds, values[0] as string) ?? "";
  const hint = [audienceHint(provider.clientIds, values[0] as string, claims), multi]
    .filter(Boolean)
    .join(" ");
  return [
    claimsStep,
    fail(
      {
        check: "audience",
        expected,
        actual,
        message: `The token's aud is not in the provider's ClientIDList${assumed}: ${provider.clientIds.map((id) => shorten(id, 60)).join(", ")}.`,
        ...(hint ? { hint } : {}),
        source,
      },
      incorrectAudience(),
    ),
  ];
}
