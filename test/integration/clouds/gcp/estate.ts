import {
  principalForSubject,
  principalSetForAttribute,
  principalSetForPool,
} from "@/lib/clouds/gcp/principals";
import type { GcpState } from "@/test/emulators/gcp/state";
import { PROJECT } from "./support";

// A project as an operator might have it: one GitHub pool with an OIDC and an
// AWS provider, a deployer service account granting the pool's identities in
// each way IAM allows, and grants Fedlens must not import.

export const N = PROJECT.projectNumber;
export const POOL = "github-pool";
export const PROVIDER = "gh-actions";
export const WIU = "roles/iam.workloadIdentityUser";
const pool = { projectNumber: N, poolId: POOL };

export const members = {
  subject: principalForSubject(pool, "repo:acme/app:environment:prod"),
  attribute: principalSetForAttribute(pool, "repository", "acme/app"),
  everyone: principalSetForPool(pool),
  conditional: principalForSubject(pool, "repo:acme/app:ref:refs/heads/main"),
  otherPool: principalForSubject({ projectNumber: "999999999999", poolId: "elsewhere" }, "ci"),
  tokenCreator: principalForSubject(pool, "repo:acme/tools:ref:refs/heads/main"),
};

export function seedEstate(state: GcpState) {
  state.seedPool(N, POOL, { displayName: "GitHub" });
  state.seedProvider(N, POOL, PROVIDER, {
    displayName: "GitHub Actions",
    attributeMapping: {
      "google.subject": "assertion.sub",
      "attribute.repository": "assertion.repository",
    },
    attributeCondition: "assertion.repository_owner == 'acme'",
    oidc: { issuerUri: "https://token.actions.githubusercontent.com", allowedAudiences: [] },
  });
  state.seedProvider(N, POOL, "aws-accounts", {
    attributeMapping: { "google.subject": "assertion.arn" },
    aws: { accountId: "123456789012" },
  });
  state.seedPool(N, "spare-pool-1");
  state.seedPool(N, "spare-pool-2");
  state.seedPool(N, "gone-pool", { state: "DELETED" });
  const deployer = state.seedServiceAccount(PROJECT.projectId, "deployer");
  state.setPolicy(deployer, [
    {
      role: WIU,
      members: [
        members.subject,
        members.attribute,
        members.everyone,
        members.otherPool,
        "user:alice@example.com",
      ],
    },
    {
      role: WIU,
      members: [members.conditional],
      condition: {
        expression: "request.time < timestamp('2030-01-01T00:00:00Z')",
        title: "until 2030",
      },
    },
    { role: "roles/iam.serviceAccountTokenCreator", members: [members.tokenCreator] },
  ]);
  const unrelated = state.seedServiceAccount(PROJECT.projectId, "builder");
  state.setPolicy(unrelated, [
    { role: "roles/iam.serviceAccountUser", members: ["group:ops@example.com"] },
  ]);
  return { deployer };
}

export const providerName = (providerId = PROVIDER) =>
  `projects/${N}/locations/global/workloadIdentityPools/${POOL}/providers/${providerId}`;
