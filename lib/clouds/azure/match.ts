import { legacyMismatchError, noCredentialsError } from "@/lib/clouds/azure/cloud-errors";
import type {
  AzureFederatedCredential,
  NormalisedAzureBinding,
} from "@/lib/clouds/azure/evaluator-binding";
import {
  credentialChecks,
  entraIssuedCheck,
  entraIssuer,
} from "@/lib/clouds/azure/match/credential-checks";
import { broadExpressionReason } from "@/lib/clouds/azure/match/expression";
import { failed, passed, type RuledCheck } from "@/lib/clouds/azure/match/ruled-check";
import { tokenChecks } from "@/lib/clouds/azure/match/token-checks";
import { evaluationFrom, type EvaluateInput, type Evaluation } from "@/lib/federation/types";

// What Entra answers when the token is presented as a client assertion to
// the identity holding these federated identity credentials (CLOUDS.md 1).
//
// Order [inferred; Entra documents none, CLOUDS.md 1.3 "Evaluation order"]:
//   1. target      the identity has credentials at all        AADSTS70025  (1.8)
//   2. issuer      not Entra-issued, then a credential's issuer AADSTS700222 (1.4), 700211 (1.3)
//   3. audience    that credential's audience                   AADSTS700212 (1.3)
//   4. subject     its subject, or its flexible expression      AADSTS700213 / 7002138 (1.3, 1.6)
//   5. algorithm   RSA only                                     AADSTS5002738 (1.4)
//   6. signature   with the issuer's keys                       AADSTS50027 / 90061 (1.4, 1.8)
//   7. expiry, notBefore                                         AADSTS700024 (1.4)
//   8. issuedAt, lifetime <= 1.01:00:00                          AADSTS70023  (1.4)
// Entra finds the trusting credential before it can know whose keys verify
// the token, so the credential match comes first; within validation the
// signature precedes the time rules as in Microsoft.IdentityModel.
// Every check is evaluated; the first failure is Entra's answer.

type Candidate = { credential: AzureFederatedCredential; checks: RuledCheck[] };

/** Deeper first failure, then the nearer miss, then more passes; ties keep list order. */
function rank({ checks }: Candidate): number[] {
  const firstFailure = checks.findIndex((ruled) => !ruled.check.ok);
  const failing = checks[firstFailure];
  const nearness = !failing
    ? 0
    : failing.error?.code === "AADSTS7002138"
      ? 2
      : failing.check.hint
        ? 1
        : 0;
  return [
    firstFailure < 0 ? checks.length : firstFailure,
    nearness,
    checks.filter((ruled) => ruled.check.ok).length,
  ];
}

function nearer(a: Candidate, b: Candidate): Candidate {
  const [ra, rb] = [rank(a), rank(b)];
  for (let index = 0; index < ra.length; index += 1) {
    const difference = (rb[index] ?? 0) - (ra[index] ?? 0);
    if (difference !== 0) return difference > 0 ? b : a;
  }
  return a;
}

const targetSource = "CLOUDS.md 1.8 (AADSTS70025, ADO troubleshooting); 1.5 (20 per identity)";

function count(n: number): string {
  return n === 1 ? "1 credential" : `${n} credentials`;
}

function credentialStage(
  binding: NormalisedAzureBinding,
  claims: Record<string, unknown>,
): { checks: RuledCheck[]; matched?: AzureFederatedCredential } {
  const { credentials, target } = binding;
  const candidates = credentials.map((credential) => ({
    credential,
    checks: credentialChecks(credential, claims, target),
  }));
  const matched = candidates.find(({ checks }) => checks.every((ruled) => ruled.check.ok));
  // reduce from the first candidate, as [first, ...rest] would, without the copy.
  const chosen = matched ?? (candidates.length > 0 ? candidates.reduce(nearer) : undefined);
  if (!chosen) return { checks: [] };
  const position = `${candidates.indexOf(chosen) + 1} of ${credentials.length}`;
  const message = matched
    ? credentials.length === 1
      ? `The credential '${chosen.credential.name}' matches the token.`
      : `Credential '${chosen.credential.name}' (${position}) matches the token.`
    : credentials.length === 1
      ? `The identity has one credential, '${chosen.credential.name}', checked below.`
      : `None of the ${count(credentials.length)} matches; the nearest, '${chosen.credential.name}' (${position}), is checked below.`;
  const targetCheck = passed({
    check: "target",
    source: targetSource,
    expected: "at least one federated identity credential",
    actual: count(credentials.length),
    message,
  });
  const checks = [targetCheck];
  for (const ruled of chosen.checks) checks.push(ruled);
  return matched ? { checks, matched: matched.credential } : { checks };
}

function noCredentialsStage(
  binding: NormalisedAzureBinding,
  input: Omit<EvaluateInput<unknown>, "binding">,
): RuledCheck[] {
  const home = binding.target === "application" ? "application" : "identity";
  const checks = [
    failed(
      {
        check: "target",
        source: targetSource,
        expected: "at least one federated identity credential",
        actual: count(0),
        message: `The ${home} has no federated identity credentials, so Entra has nothing to match the token against.`,
      },
      noCredentialsError(input.request?.azure?.clientId),
    ),
  ];
  const iss = input.token.claims.iss;
  if (typeof iss === "string" && entraIssuer(iss, input.token.claims.sub) === "refused") {
    checks.push(entraIssuedCheck(iss));
  }
  return checks;
}

export function evaluateAzure(input: EvaluateInput<NormalisedAzureBinding>): Evaluation {
  return evaluateAzureBinding(input.binding, input);
}

/** evaluateAzure for a binding prepared once: the input is read, not copied with it. */
export function evaluateAzureBinding(
  binding: NormalisedAzureBinding,
  input: Omit<EvaluateInput<unknown>, "binding">,
): Evaluation {
  const { token, at } = input;
  const stage =
    binding.credentials.length === 0
      ? { checks: noCredentialsStage(binding, input) }
      : credentialStage(binding, token.claims);
  const ruled = stage.checks;
  for (const tokenCheck of tokenChecks(token, at)) ruled.push(tokenCheck);
  const checks = ruled.map(({ check }) => check);
  const broad =
    "matched" in stage && stage.matched ? broadExpressionReason(stage.matched) : undefined;
  return evaluationFrom(
    checks,
    // Every failing check carries its error; the legacy catch-all only guards the type.
    (check) => ruled[checks.indexOf(check)]?.error ?? legacyMismatchError(),
    broad ? { reason: broad } : undefined,
  );
}
