import { afterAll, beforeAll, beforeEach } from "vitest";
import { startGcpEmulator, type GcpEmulator } from "@/test/emulators/gcp/server";
import { githubActionsClaims, startOidcIssuer, type OidcIssuer } from "@/test/support/oidc-issuer";

// One GCP emulator and one OIDC issuer per file, and the estate every
// exchange test starts from: a pool and a GitHub-style provider trusting the
// issuer, a deployer service account that the repository's subject may
// impersonate. Tests change the emulator's trust to make each refusal happen.

export const PROJECT = {
  projectId: "fedlens-exchange",
  projectNumber: "424242424242",
  displayName: "Fedlens exchange",
};
export const N = PROJECT.projectNumber;
export const POOL = "ci-pool";
export const PROVIDER = "github";
export const POOL_NAME = `projects/${N}/locations/global/workloadIdentityPools/${POOL}`;
export const PROVIDER_NAME = `${POOL_NAME}/providers/${PROVIDER}`;
/** The STS audience parameter: the provider's full resource name. */
export const AUDIENCE = `//iam.googleapis.com/${PROVIDER_NAME}`;
export const SA = `deployer@${PROJECT.projectId}.iam.gserviceaccount.com`;
export const WIU = "roles/iam.workloadIdentityUser";
export const SUBJECT = "repo:acme/app:ref:refs/heads/main";
export const subjectMember = (subject: string) =>
  `principal://iam.googleapis.com/${POOL_NAME}/subject/${subject}`;
export const attributeMember = (name: string, value: string) =>
  `principalSet://iam.googleapis.com/${POOL_NAME}/attribute.${name}/${value}`;
export const poolMember = `principalSet://iam.googleapis.com/${POOL_NAME}/*`;

export const MAPPING = {
  "google.subject": "assertion.sub",
  "attribute.repository": "assertion.repository",
  "attribute.owner_ref": "assertion.repository_owner + '@' + assertion.ref",
};
export const CONDITION = "assertion.repository_owner == 'acme'";

export type ExchangeFixture = { emulator: GcpEmulator; issuer: OidcIssuer };

export function setUpGcpExchange(): ExchangeFixture {
  const fx = {} as ExchangeFixture;
  beforeAll(async () => {
    fx.issuer = await startOidcIssuer({ algs: ["RS256", "ES256"] });
    fx.emulator = await startGcpEmulator({ projects: [PROJECT] });
  });
  beforeEach(() => {
    const { state } = fx.emulator;
    fx.emulator.faults.clear();
    fx.emulator.requests.length = 0;
    for (const map of [state.pools, state.providers, state.serviceAccounts, state.policies]) {
      map.clear();
    }
    state.federatedTokens.clear();
    state.exchangeCalls.length = 0;
    state.seedPool(N, POOL);
    state.seedProvider(N, POOL, PROVIDER, {
      attributeMapping: { ...MAPPING },
      attributeCondition: CONDITION,
      oidc: { issuerUri: fx.issuer.issuerUrl, allowedAudiences: [] },
    });
    state.seedServiceAccount(PROJECT.projectId, "deployer");
    state.setPolicy(SA, [{ role: WIU, members: [subjectMember(SUBJECT)] }]);
  });
  afterAll(async () => {
    await fx.emulator?.close();
    await fx.issuer?.stop();
  });
  return fx;
}

/** A GitHub Actions token from the test issuer for acme/app on main, for the provider's default audience. */
export function workloadToken(
  fx: ExchangeFixture,
  overrides: Record<string, unknown> = {},
  options: { alg?: "RS256" | "ES256" } = {},
): Promise<string> {
  const claims = githubActionsClaims({
    owner: "acme",
    repo: "app",
    iss: fx.issuer.issuerUrl,
    aud: `https:${AUDIENCE}`,
  });
  return fx.issuer.mint({ ...claims, ...overrides }, options);
}
