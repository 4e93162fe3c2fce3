import {
  normaliseGcpEvaluatorBinding,
  ZGcpEvaluatorBinding,
  type NormalisedGcpBinding,
} from "@/lib/clouds/gcp/evaluator-binding";
import { evaluateGcp } from "@/lib/clouds/gcp/match";
import type { Evaluation, ExchangeRequest, TokenFacts } from "@/lib/federation/types";
import { inPlainWords } from "@/test/support/plain-words";

// Tokens are plain claim objects with signature "valid" (the pipeline's
// verdict); no keys or network are involved.

export const at = new Date("2026-09-01T12:00:00Z");
export const now = at.getTime() / 1000;

export const projectNumber = "123456789012";
export const poolPath = `projects/${projectNumber}/locations/global/workloadIdentityPools/github-pool`;
export const providerResource = `//iam.googleapis.com/${poolPath}/providers/github`;
export const httpsAudience = `https:${providerResource}`;
export const serviceAccount = "deployer@octo-proj.iam.gserviceaccount.com";
export const github = "https://token.actions.githubusercontent.com";

/** A principalSet of the fixture pool, e.g. member("attribute.repository/o/r"). */
export const member = (rest: string) => `principalSet://iam.googleapis.com/${poolPath}/${rest}`;
export const subjectMember = (subject: string) =>
  `principal://iam.googleapis.com/${poolPath}/subject/${subject}`;
/** Binding overrides giving the service account's policy. */
export const policy = (members: string[], role = "roles/iam.workloadIdentityUser") => ({
  serviceAccountIamPolicy: { serviceAccount, role, members },
});

/** A GitHub Actions token for a push to main (CLOUDS.md §4 GitHub Actions). */
export function githubClaims(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    iss: github,
    aud: httpsAudience,
    sub: "repo:octo-org/octo-repo:ref:refs/heads/main",
    repository: "octo-org/octo-repo",
    repository_id: "821093847",
    repository_owner: "octo-org",
    repository_owner_id: "5544123",
    ref: "refs/heads/main",
    ref_type: "branch",
    event_name: "push",
    job_workflow_ref: "octo-org/octo-repo/.github/workflows/deploy.yml@refs/heads/main",
    iat: now - 60,
    nbf: now - 60,
    exp: now + 240,
    ...overrides,
  };
}

export function token(
  claims: Record<string, unknown>,
  header: Record<string, unknown> = { alg: "RS256", kid: "key-1", typ: "JWT" },
  signature: TokenFacts["signature"] = "valid",
  signatureReason?: string,
): TokenFacts {
  return { claims, header, signature, ...(signatureReason ? { signatureReason } : {}) };
}

/** The catalogue's cloud object for a GitHub provider with a repository principalSet. */
export function bindingInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    cloud: "gcp",
    poolProviderResource: providerResource,
    issuerUri: github,
    allowedAudiences: [],
    attributeMapping: {
      "google.subject": "assertion.sub",
      "attribute.repository": "assertion.repository",
      "attribute.repository_owner": "assertion.repository_owner",
    },
    attributeCondition: "assertion.repository_owner == 'octo-org'",
    disabled: false,
    serviceAccountIamPolicy: {
      serviceAccount,
      role: "roles/iam.workloadIdentityUser",
      members: [
        `principalSet://iam.googleapis.com/${poolPath}/attribute.repository/octo-org/octo-repo`,
      ],
    },
    ...overrides,
  };
}

export function binding(overrides: Record<string, unknown> = {}): NormalisedGcpBinding {
  return normaliseGcpEvaluatorBinding(ZGcpEvaluatorBinding.parse(bindingInput(overrides)));
}

export function evaluate(
  facts: TokenFacts,
  overrides: Record<string, unknown> = {},
  request?: ExchangeRequest,
  when: Date = at,
): Evaluation {
  return inPlainWords(
    evaluateGcp({
      token: facts,
      binding: binding(overrides),
      at: when,
      ...(request ? { request } : {}),
    }),
  );
}

export function firstFailure(evaluation: Evaluation) {
  return evaluation.checks.find((check) => !check.ok);
}
