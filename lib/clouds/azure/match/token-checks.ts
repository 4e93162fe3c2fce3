import {
  algorithmError,
  malformedTokenError,
  oidcEndpointError,
  signatureError,
} from "@/lib/clouds/azure/cloud-errors";
import { failed, passed, withHint, type RuledCheck } from "@/lib/clouds/azure/match/ruled-check";
import { timeChecks } from "@/lib/clouds/azure/match/time-checks";
import type { TokenFacts } from "@/lib/federation/types";

// The checks Entra makes on the token itself once a credential has matched:
// its algorithm and signature (with the issuer's keys), then its time window
// and lifetime (CLOUDS.md 1.4; time-checks.ts).

const rsa = /^(RS|PS)(256|384|512)$/;

// The answers that read nothing but the signature's state are the same for
// every token (the trust map judges claims alone, tens of thousands of
// times): each is built once and shared, so callers must not change them.
let notGiven: RuledCheck | undefined;
let verified: RuledCheck | undefined;
let unsigned: RuledCheck | undefined;

function algorithmCheck(token: TokenFacts): RuledCheck {
  const source = "CLOUDS.md 1.4 (considerations; microsoft-identity-web#3467)";
  const alg = token.header.alg;
  if (alg === undefined && token.signature === "skipped") {
    notGiven ??= passed({
      check: "algorithm",
      source,
      message: "Not checked: no JOSE header was given with the claims.",
    });
    return notGiven;
  }
  if (typeof alg !== "string" || alg === "") {
    return failed(
      {
        check: "algorithm",
        source,
        expected: "RS256",
        actual: String(alg ?? ""),
        message: "The JOSE header has no alg.",
      },
      malformedTokenError(),
    );
  }
  if (rsa.test(alg)) {
    return passed({
      check: "algorithm",
      source,
      expected: "RS256",
      actual: alg,
      message: `${alg} is an RSA algorithm, which Entra accepts.`,
      ...withHint(
        alg === "RS256"
          ? undefined
          : "Microsoft tests only RS256-signed issuers; other RSA algorithms are reported to work but are untested.",
      ),
    });
  }
  const hint = alg.startsWith("ES")
    ? 'Entra accepts RSA keys only. Kubernetes clusters and SPIRE often sign with ES256: switch the issuer\'s signing key to RSA (SPIRE: an RSA JWT-SVID key, published with "use":"sig").'
    : alg.startsWith("HS")
      ? "A symmetric (HMAC) signature cannot be checked against published keys; the issuer must sign with an RSA key."
      : undefined;
  return failed(
    {
      check: "algorithm",
      source,
      expected: "RS256",
      actual: alg,
      message: `Entra accepts only RSA signatures (RS256, RS384, RS512, PS256, PS384, PS512); this token is signed with ${alg}.`,
      ...withHint(hint),
    },
    algorithmError(alg),
  );
}

function signatureCheck(token: TokenFacts): RuledCheck {
  const source = "CLOUDS.md 1.4 (discovery) and 1.8 (AADSTS50027, AADSTS90061)";
  switch (token.signature) {
    case "valid":
      verified ??= passed({
        check: "signature",
        source,
        message: "The signature verifies with the issuer's key.",
      });
      return verified;
    case "skipped":
      unsigned ??= passed({
        check: "signature",
        source,
        message: "Not checked: claims were given without a signed token.",
      });
      return unsigned;
    case "invalid":
      return failed(
        {
          check: "signature",
          source,
          message: token.signatureReason ?? "The signature does not verify with the issuer's keys.",
        },
        signatureError(),
      );
    case "unverifiable":
      return failed(
        {
          check: "signature",
          source,
          message: token.signatureReason ?? "Fedlens could not verify the signature.",
          hint: "Entra fetches the issuer's discovery document and keys itself: if it cannot reach them either it answers AADSTS90061; if it can, the outcome rests on the signature and the other checks.",
        },
        oidcEndpointError(),
      );
  }
}

/** Algorithm, signature, expiry, notBefore, issuedAt, lifetime, in that order. Shared: do not change. */
export function tokenChecks(token: TokenFacts, at: Date): RuledCheck[] {
  return [algorithmCheck(token), signatureCheck(token), ...timeChecks(token, at)];
}
