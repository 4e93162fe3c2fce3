import { missingClaim, tokenExpired, tokenNotYetValid } from "@/lib/clouds/aws/cloud-errors";
import { fail, pass, type Step } from "@/lib/clouds/aws/match/step";

// CLOUDS.md 2.3 step 4 and 2.8: past exp is ExpiredTokenException, with both
// times in epoch seconds. nbf and iat in the future are unconfirmed (CLOUDS.md 6).

function epoch(value: unknown): number | undefined {
  return typeof value === "number" && Number.isFinite(value) ? value : undefined;
}

const iso = (seconds: number) => new Date(seconds * 1000).toISOString();

export function timeSteps(claims: Record<string, unknown>, at: Date): Step[] {
  const now = at.getTime();
  const nowSeconds = Math.floor(now / 1000);
  const steps: Step[] = [];
  const exp = epoch(claims.exp);
  const expirySource = "CLOUDS.md 2.3 step 4, 2.8 (aws-orbit-workbench#771, aws-sdk-java-v2#5709)";
  if (exp === undefined) {
    steps.push(
      fail(
        {
          check: "expiry",
          expected: "exp",
          actual: "(absent)",
          message: "The token has no numeric exp claim.",
          hint: "OIDC ID tokens must carry exp; STS's wording for a missing exp is inferred from its aud message.",
          source: expirySource,
        },
        missingClaim("exp"),
      ),
    );
  } else if (now >= exp * 1000) {
    steps.push(
      fail(
        {
          check: "expiry",
          expected: `after ${at.toISOString()}`,
          actual: iso(exp),
          message: `The token expired at ${iso(exp)}, before ${at.toISOString()}.`,
          source: expirySource,
        },
        tokenExpired(nowSeconds, exp),
      ),
    );
  } else {
    steps.push(
      pass({
        check: "expiry",
        expected: `after ${at.toISOString()}`,
        actual: iso(exp),
        message: `The token is valid until ${iso(exp)}.`,
        source: expirySource,
      }),
    );
  }
  // CLOUDS.md 6: STS's handling of nbf and iat in the future is unconfirmed; a
  // standard verifier refuses both, so Fedlens does not promise acceptance.
  const unconfirmed =
    "STS's behaviour and wording for a token that is not yet valid are unconfirmed (CLOUDS.md 6).";
  for (const [name, check] of [
    ["nbf", "notBefore"],
    ["iat", "issuedAt"],
  ] as const) {
    const value = epoch(claims[name]);
    const source = "CLOUDS.md 2.7, 6";
    if (value === undefined) {
      steps.push(
        pass({
          check,
          actual: "(absent)",
          message: `The token has no ${name} claim; STS does not require it.`,
          source,
        }),
      );
    } else if (value * 1000 > now) {
      steps.push(
        fail(
          {
            check,
            expected: `at or before ${at.toISOString()}`,
            actual: iso(value),
            message: `The token's ${name} (${iso(value)}) is after ${at.toISOString()}.`,
            hint: unconfirmed,
            source,
          },
          tokenNotYetValid(name),
        ),
      );
    } else {
      steps.push(
        pass({
          check,
          expected: `at or before ${at.toISOString()}`,
          actual: iso(value),
          message: `${name} ${iso(value)} is in the past.`,
          source,
        }),
      );
    }
  }
  return steps;
}
