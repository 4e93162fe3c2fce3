import {
  algorithmError,
  entraTime,
  lifetimeError,
  malformedTokenError,
  oidcEndpointError,
  signatureError,
  timeRangeError,
} from "@/lib/clouds/azure/cloud-errors";
import { failed, passed, withHint, type RuledCheck } from "@/lib/clouds/azure/match/ruled-check";
import type { TokenFacts } from "@/lib/federation/types";

// The checks Entra makes on the token itself once a credential has matched:
// its algorithm and signature (with the issuer's keys), then its time window
// and lifetime (CLOUDS.md 1.4).

/** CLOUDS.md 1.4: 1 day 1 hour ("1.01:00:00"), inclusive. */
export const maxLifetimeSeconds = 25 * 3600;
/** Entra's skew allowance is undocumented; within this distance the hint says so. */
const skewNoticeSeconds = 300;

const rsa = /^(RS|PS)(256|384|512)$/;

function numeric(value: unknown): number | undefined {
  return typeof value === "number" && Number.isFinite(value) ? value : undefined;
}

function asDate(seconds: number | undefined): Date {
  return new Date(seconds === undefined ? Number.NaN : seconds * 1000);
}

function algorithmCheck(token: TokenFacts): RuledCheck {
  const source = "CLOUDS.md 1.4 (considerations; microsoft-identity-web#3467)";
  const alg = token.header.alg;
  if (alg === undefined && token.signature === "skipped") {
    return passed({
      check: "algorithm",
      source,
      message: "Not checked: no JOSE header was given with the claims.",
    });
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
      return passed({
        check: "signature",
        source,
        message: "The signature verifies with the issuer's key.",
      });
    case "skipped":
      return passed({
        check: "signature",
        source,
        message: "Not checked: claims were given without a signed token.",
      });
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

/** For a refusal close to the boundary, where a skew allowance could still admit the token. */
function skewHint(distanceSeconds: number): { hint?: string } {
  return withHint(
    Math.abs(distanceSeconds) <= skewNoticeSeconds
      ? "Within five minutes of the boundary: Entra's clock-skew allowance is undocumented, so a real exchange may still succeed."
      : undefined,
  );
}

function timeChecks(token: TokenFacts, at: Date): RuledCheck[] {
  const now = at.getTime() / 1000;
  const exp = numeric(token.claims.exp);
  const nbf = numeric(token.claims.nbf);
  const iat = numeric(token.claims.iat);
  // Without nbf Entra reports the epoch as the start (MSAL issues quoting AADSTS700024).
  const windowError = timeRangeError(at, asDate(nbf ?? 0), asDate(exp));
  const windowSource = "CLOUDS.md 1.4 (Azure/login#372)";
  const checks: RuledCheck[] = [];

  if (exp === undefined) {
    checks.push(
      failed(
        {
          check: "expiry",
          source: windowSource,
          expected: "a numeric exp",
          actual: String(token.claims.exp ?? ""),
          message: "The token has no numeric exp claim.",
        },
        windowError,
      ),
    );
  } else {
    const expiry = {
      check: "expiry" as const,
      source: windowSource,
      expected: `after ${entraTime(at)}`,
      actual: entraTime(asDate(exp)),
    };
    checks.push(
      now < exp
        ? passed({
            ...expiry,
            message: `The token is valid until ${entraTime(asDate(exp))}.`,
          })
        : failed(
            {
              ...expiry,
              message: `The token expired at ${entraTime(asDate(exp))}.`,
              ...skewHint(exp - now),
            },
            windowError,
          ),
    );
  }

  if (token.claims.nbf === undefined) {
    checks.push(
      passed({ check: "notBefore", source: windowSource, message: "The token has no nbf claim." }),
    );
  } else {
    const notBefore = {
      check: "notBefore" as const,
      source: windowSource,
      expected: `at or before ${entraTime(at)}`,
      actual: nbf === undefined ? String(token.claims.nbf) : entraTime(asDate(nbf)),
    };
    checks.push(
      nbf !== undefined && nbf <= now
        ? passed({ ...notBefore, message: `The token is valid from ${entraTime(asDate(nbf))}.` })
        : failed(
            {
              ...notBefore,
              message:
                nbf === undefined
                  ? "The token's nbf is not a number."
                  : `The token is not valid before ${entraTime(asDate(nbf))}.`,
              ...(nbf === undefined ? {} : skewHint(nbf - now)),
            },
            windowError,
          ),
    );
  }

  const lifetimeSource = "CLOUDS.md 1.4 (azure-docs#86916, azure-docs#86915)";
  const lifetimeFailure = lifetimeError(iat ?? 0, exp ?? 0);
  if (iat === undefined) {
    checks.push(
      failed(
        {
          check: "issuedAt",
          source: lifetimeSource,
          expected: "a numeric iat",
          actual: String(token.claims.iat ?? ""),
          message:
            "The token has no numeric iat claim; Entra requires it and reports 'Token issued at 0'.",
        },
        lifetimeFailure,
      ),
    );
  } else {
    checks.push(
      passed({
        check: "issuedAt",
        source: lifetimeSource,
        actual: entraTime(asDate(iat)),
        message: `The token was issued at ${entraTime(asDate(iat))}.`,
        ...withHint(
          iat > now
            ? "iat is in the future; Entra does not document how it treats that."
            : undefined,
        ),
      }),
    );
  }

  const lifetime = iat !== undefined && exp !== undefined ? exp - iat : undefined;
  const lifetimeCheck = {
    check: "lifetime" as const,
    source: lifetimeSource,
    expected: `at most ${maxLifetimeSeconds} s (1.01:00:00)`,
    actual: lifetime === undefined ? "unknown" : `${lifetime} s`,
  };
  checks.push(
    lifetime !== undefined && lifetime <= maxLifetimeSeconds
      ? passed({ ...lifetimeCheck, message: `The token's lifetime (exp − iat) is ${lifetime} s.` })
      : failed(
          {
            ...lifetimeCheck,
            message:
              lifetime === undefined
                ? "The lifetime cannot be computed without numeric iat and exp; Entra refuses it."
                : `The token's lifetime (exp − iat) is ${lifetime} s, over Entra's limit of 1 day 1 hour.`,
            ...withHint(
              lifetime === undefined
                ? undefined
                : "Shorten the issuer's token lifetime (for a Kubernetes projected token, its expirationSeconds).",
            ),
          },
          lifetimeFailure,
        ),
  );
  return checks;
}

/** Algorithm, signature, expiry, notBefore, issuedAt, lifetime, in that order. */
export function tokenChecks(token: TokenFacts, at: Date): RuledCheck[] {
  return [algorithmCheck(token), signatureCheck(token), ...timeChecks(token, at)];
}
