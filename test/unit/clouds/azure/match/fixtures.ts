import {
  normaliseAzureEvaluatorBinding,
  ZAzureEvaluatorBinding,
  type AzureFicHome,
  type NormalisedAzureBinding,
} from "@/lib/clouds/azure/evaluator-binding";
import { evaluateAzure } from "@/lib/clouds/azure/match";
import { expect } from "vitest";
import type { CheckName, Evaluation, ExchangeRequest, TokenFacts } from "@/lib/federation/types";
import { inPlainWords } from "@/test/support/plain-words";

// Tokens as plain claim objects (signature "valid": the pipeline verified
// them), in the shapes of CLOUDS.md 4, and bindings parsed through the
// evaluate API's schema so every case also exercises it.

export const at = new Date("2026-09-01T12:00:00Z");
export const now = at.getTime() / 1000;
export const exchange = "api://AzureADTokenExchange";
export const github = "https://token.actions.githubusercontent.com";
export const aksIssuer =
  "https://westeurope.oic.prod-aks.azure.com/72f988bf-86f1-41af-91ab-2d7cd011db47/0c7ae10c-9a5f-4f4c-9c49-6c7c1c3e1f00/";
export const keycloakIssuer = "https://keycloak.example.com/realms/fedlens";
export const tenant = "72f988bf-86f1-41af-91ab-2d7cd011db47";

type Claims = Record<string, unknown>;

export const envSub = "repo:contoso/api:environment:production";
export const mainSub = "repo:contoso/api:ref:refs/heads/main";
export const envFic = { name: "gh-production", issuer: github, subject: envSub };
export const mainFic = { name: "gh-main", issuer: github, subject: mainSub };

export function token(
  claims: Claims,
  header: TokenFacts["header"] = { alg: "RS256", kid: "k1", typ: "JWT" },
): TokenFacts {
  return { header, claims, signature: "valid" };
}

/** GitHub Actions claims (CLOUDS.md 4: ~5 minute tokens, sub by trigger). */
export function githubClaims(sub: string, extra: Claims = {}): Claims {
  return {
    iss: github,
    aud: exchange,
    sub,
    repository: "contoso/api",
    repository_owner: "contoso",
    job_workflow_ref: "contoso/api/.github/workflows/deploy.yml@refs/heads/main",
    iat: now - 60,
    nbf: now - 60,
    exp: now + 240,
    ...extra,
  };
}

/** An AKS projected service-account token: aud is a list, claims nest under kubernetes.io (CLOUDS.md 4). */
export function aksClaims(extra: Claims = {}): Claims {
  return {
    iss: aksIssuer,
    aud: [exchange],
    sub: "system:serviceaccount:wkldid:sawkldid",
    "kubernetes.io": {
      namespace: "wkldid",
      serviceaccount: { name: "sawkldid", uid: "5b9d2c6e-0d7a-4a59-9d8e-1f2a3b4c5d6e" },
      pod: { name: "app-7d9f8b6c5-x2k4q", uid: "0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b" },
    },
    iat: now - 600,
    nbf: now - 600,
    exp: now + 3000,
    ...extra,
  };
}

/** A Keycloak client-credentials access token, with an audience mapper adding Entra's audience. */
export function keycloakClaims(extra: Claims = {}): Claims {
  return {
    iss: keycloakIssuer,
    aud: [exchange, "account"],
    sub: "3f6c1a52-8e1d-4b7a-9c0e-5d2f4a6b8c10",
    typ: "Bearer",
    azp: "fedlens-workload",
    preferred_username: "service-account-fedlens-workload",
    scope: "profile email",
    realm_access: { roles: ["default-roles-fedlens"] },
    clientId: "fedlens-workload",
    iat: now - 30,
    exp: now + 270,
    jti: "b7f0c7de-3d5e-4c2b-a1f9-2e6d8c4b0a17",
    ...extra,
  };
}

export type Fic = {
  name: string;
  issuer: string;
  audiences?: string[];
  subject?: string;
  claimsMatchingExpression?: { value: string; languageVersion: number };
};

function ficBody({ audiences = [exchange], ...fic }: Fic) {
  return { ...fic, audiences };
}

/** One credential, in the single form of the evaluate API. */
export function single(fic: Fic, target?: AzureFicHome): NormalisedAzureBinding {
  return normaliseAzureEvaluatorBinding(
    ZAzureEvaluatorBinding.parse({
      cloud: "azure",
      ...(target ? { target } : {}),
      ...ficBody(fic),
    }),
  );
}

/** An identity with its list of credentials. */
export function identity(fics: Fic[], target?: AzureFicHome): NormalisedAzureBinding {
  return normaliseAzureEvaluatorBinding(
    ZAzureEvaluatorBinding.parse({
      cloud: "azure",
      ...(target ? { target } : {}),
      federatedIdentityCredentials: fics.map(ficBody),
    }),
  );
}

export function evaluate(
  facts: TokenFacts,
  binding: NormalisedAzureBinding,
  request?: ExchangeRequest,
): Evaluation {
  return inPlainWords(
    evaluateAzure({ token: facts, binding, at, ...(request ? { request } : {}) }),
  );
}

export function firstFailure(evaluation: Evaluation) {
  return evaluation.checks.find((check) => !check.ok);
}

export type Outcome = {
  /** The AADSTS code of Entra's answer, or null when Entra would issue a token. */
  code: string | null;
  /** The first failing check, which carries the code. */
  check?: CheckName;
  /** Text the first failing check's hint (or, when accepted, any hint) must contain. */
  hint?: string;
  /** Text Entra's message must contain. */
  message?: string;
};

export type Case = {
  name: string;
  /** CLOUDS.md section and the document it cites. */
  source: string;
  token: TokenFacts;
  binding: NormalisedAzureBinding;
  request?: ExchangeRequest;
} & Outcome;

export function expectOutcome(evaluation: Evaluation, outcome: Outcome) {
  expect(evaluation.cloudError?.code ?? null).toBe(outcome.code);
  expect(evaluation.accepted).toBe(outcome.code === null);
  const failing = firstFailure(evaluation);
  if (outcome.check) expect(failing?.check).toBe(outcome.check);
  if (outcome.hint) {
    const hints = failing ? [failing.hint] : evaluation.checks.map((check) => check.hint);
    expect(hints.filter(Boolean).join("\n")).toContain(outcome.hint);
  }
  if (outcome.message) expect(evaluation.cloudError?.message).toContain(outcome.message);
}

/** Table rows titled "name (source)" in full, for it.each. */
export function titled(cases: Case[]): [title: string, testCase: Case][] {
  return cases.map((testCase) => [`${testCase.name} (${testCase.source})`, testCase]);
}
