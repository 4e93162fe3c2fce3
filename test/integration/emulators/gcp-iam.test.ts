// The GCP emulator through the real @googleapis/iam and Resource Manager
// clients (google-auth-library's transporter, TLS trusted through an
// https.Agent carrying the CA made at start): long-running operations,
// soft delete, paging, policy versions and etags, the error bodies.
import { Agent } from "node:https";
import { generateKeyPairSync } from "node:crypto";
import { cloudresourcemanager } from "@googleapis/cloudresourcemanager";
import { iam, type iam_v1 } from "@googleapis/iam";
import { OAuth2Client } from "google-auth-library";
import { SignJWT } from "jose";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startGcpEmulator, type GcpEmulator } from "@/test/emulators/gcp/server";

const PROJECT = {
  projectId: "emulated-project",
  projectNumber: "555555555555",
  displayName: "Emulated",
};
const N = PROJECT.projectNumber;
const parent = `projects/${N}/locations/global`;
const POOLS = `${parent}/workloadIdentityPools`;
const SA = `deployer@${PROJECT.projectId}.iam.gserviceaccount.com`;
const WIU = "roles/iam.workloadIdentityUser";
const member = (subject: string) =>
  `principal://iam.googleapis.com/${POOLS}/ci-pool/subject/${subject}`;

let emulator: GcpEmulator;
let client: iam_v1.Iam;

function clientWith(token: string) {
  const auth = new OAuth2Client({
    transporterOptions: { agent: new Agent({ ca: emulator.ca }), retryConfig: { retry: 0 } },
  });
  auth.setCredentials({ access_token: token });
  return { auth: auth as unknown as iam_v1.Options["auth"], rootUrl: emulator.rootUrl };
}

/** Google's error body as the client got it: {code, message, status} of error. */
async function googleErrorOf(call: Promise<unknown>) {
  const error = (await call.then(
    () => null,
    (e: unknown) => e,
  )) as { status?: number; response?: { data?: { error?: Record<string, unknown> } } } | null;
  const body: Record<string, unknown> = error?.response?.data?.error ?? {};
  return { httpStatus: error?.status, ...body } as Record<string, unknown>;
}

beforeAll(async () => {
  emulator = await startGcpEmulator({ projects: [PROJECT], maxPageSize: 2 });
  client = iam({ version: "v1", ...clientWith(emulator.token) });
});
afterAll(() => emulator.close());
beforeEach(() => {
  emulator.faults.clear();
  emulator.requests.length = 0;
  emulator.state.pools.clear();
  emulator.state.providers.clear();
  emulator.state.policies.clear();
  emulator.state.serviceAccounts.clear();
});

const pools = () => client.projects.locations.workloadIdentityPools;

describe("GCP emulator: pools and providers", () => {
  it("creates a pool as a long-running operation that operations.get reports done", async () => {
    const { data: op } = await pools().create({
      parent,
      workloadIdentityPoolId: "ci-pool",
      requestBody: { displayName: "CI" },
    });
    expect(op.done).toBe(false);
    expect(op.name).toMatch(new RegExp(`^${POOLS}/ci-pool/operations/`));
    const { data: finished } = await pools().operations.get({ name: op.name ?? "" });
    expect(finished.done).toBe(true);
    expect(finished.response).toMatchObject({
      name: `${POOLS}/ci-pool`,
      state: "ACTIVE",
      displayName: "CI",
    });
    const { data: pool } = await pools().get({ name: `${POOLS}/ci-pool` });
    expect(pool).toMatchObject({ state: "ACTIVE", disabled: false });
  });

  it("creates, patches and soft-deletes an OIDC provider; a deleted ID cannot be reused", async () => {
    emulator.state.seedPool(N, "ci-pool");
    const providers = pools().providers;
    const name = `${POOLS}/ci-pool/providers/github`;
    await providers.create({
      parent: `${POOLS}/ci-pool`,
      workloadIdentityPoolProviderId: "github",
      requestBody: {
        attributeMapping: { "google.subject": "assertion.sub" },
        oidc: {
          issuerUri: "https://token.actions.githubusercontent.com",
          allowedAudiences: ["api://x"],
        },
      },
    });
    await providers.patch({
      name,
      updateMask: "attributeCondition,disabled",
      requestBody: { attributeCondition: "assertion.repository_owner == 'acme'", disabled: true },
    });
    expect((await providers.get({ name })).data).toMatchObject({
      attributeCondition: "assertion.repository_owner == 'acme'",
      disabled: true,
      oidc: { allowedAudiences: ["api://x"] },
    });
    const { data: deleting } = await providers.delete({ name });
    expect(deleting.name).toContain(`${name}/operations/`);
    const { data: deleted } = await providers.get({ name });
    expect(deleted.state).toBe("DELETED");
    expect(Date.parse(deleted.expireTime ?? "")).toBeGreaterThan(
      Date.now() + 29 * 24 * 3600 * 1000,
    );
    const listed = await providers.list({ parent: `${POOLS}/ci-pool` });
    expect(listed.data.workloadIdentityPoolProviders ?? []).toHaveLength(0);
    const withDeleted = await providers.list({ parent: `${POOLS}/ci-pool`, showDeleted: true });
    expect(withDeleted.data.workloadIdentityPoolProviders).toHaveLength(1);
    const again = providers.create({
      parent: `${POOLS}/ci-pool`,
      workloadIdentityPoolProviderId: "github",
      requestBody: {
        attributeMapping: { "google.subject": "assertion.sub" },
        oidc: { issuerUri: "https://x.example" },
      },
    });
    expect(await googleErrorOf(again)).toMatchObject({ httpStatus: 409, status: "ALREADY_EXISTS" });
    const patchDeleted = providers.patch({
      name,
      updateMask: "disabled",
      requestBody: { disabled: false },
    });
    expect(await googleErrorOf(patchDeleted)).toMatchObject({
      httpStatus: 400,
      status: "FAILED_PRECONDITION",
    });
  });

  it("refuses an http issuer and a missing google.subject mapping with 400 INVALID_ARGUMENT", async () => {
    emulator.state.seedPool(N, "ci-pool");
    const create = (requestBody: iam_v1.Schema$WorkloadIdentityPoolProvider) =>
      pools().providers.create({
        parent: `${POOLS}/ci-pool`,
        workloadIdentityPoolProviderId: "bad-one",
        requestBody,
      });
    expect(
      await googleErrorOf(
        create({
          attributeMapping: { "google.subject": "assertion.sub" },
          oidc: { issuerUri: "http://x.example" },
        }),
      ),
    ).toMatchObject({ httpStatus: 400, code: 400, status: "INVALID_ARGUMENT", details: [] });
    expect(await googleErrorOf(create({ oidc: { issuerUri: "https://x.example" } }))).toMatchObject(
      {
        status: "INVALID_ARGUMENT",
      },
    );
  });

  it("pages pools with nextPageToken and answers 404 NOT_FOUND for an unknown pool", async () => {
    for (const id of ["pool-aaaa", "pool-bbbb", "pool-cccc", "pool-dddd", "pool-eeee"])
      emulator.state.seedPool(N, id);
    const seen: string[] = [];
    let pageToken: string | undefined;
    do {
      const { data } = await pools().list({ parent, pageToken });
      seen.push(...(data.workloadIdentityPools ?? []).map((p) => p.name ?? ""));
      pageToken = data.nextPageToken ?? undefined;
    } while (pageToken);
    expect(seen).toHaveLength(5);
    expect(new Set(seen).size).toBe(5);
    expect(emulator.requests.filter((r) => r.path === `/v1/${POOLS}`)).toHaveLength(3);
    expect(await googleErrorOf(pools().get({ name: `${POOLS}/nope-pool` }))).toMatchObject({
      httpStatus: 404,
      status: "NOT_FOUND",
    });
  });
});

describe("GCP emulator: service-account policies", () => {
  const accounts = () => client.projects.serviceAccounts;
  const resource = `projects/${PROJECT.projectId}/serviceAccounts/${SA}`;

  it("lists service accounts across pages", async () => {
    for (const id of ["one", "two", "three"])
      emulator.state.seedServiceAccount(PROJECT.projectId, id);
    const first = await accounts().list({ name: `projects/${PROJECT.projectId}` });
    expect(first.data.accounts).toHaveLength(2);
    const second = await accounts().list({
      name: `projects/${PROJECT.projectId}`,
      pageToken: first.data.nextPageToken ?? "",
    });
    expect(second.data.accounts?.map((a) => a.email)).toEqual([
      `three@${PROJECT.projectId}.iam.gserviceaccount.com`,
    ]);
    expect(second.data.nextPageToken).toBeUndefined();
  });

  it("refuses a write with a stale etag with 409 ABORTED", async () => {
    emulator.state.seedServiceAccount(PROJECT.projectId, "deployer");
    const { data: empty } = await accounts().getIamPolicy({
      resource,
      "options.requestedPolicyVersion": 3,
    });
    expect(empty).toEqual({ etag: "ACAB" });
    const write = (etag: string, subject: string) =>
      accounts().setIamPolicy({
        resource,
        requestBody: { policy: { etag, bindings: [{ role: WIU, members: [member(subject)] }] } },
      });
    const { data: written } = await write(empty.etag ?? "", "first");
    expect(written.etag).not.toBe("ACAB");
    const stale = await googleErrorOf(write(empty.etag ?? "", "second"));
    expect(stale).toMatchObject({ httpStatus: 409, code: 409, status: "ABORTED", details: [] });
    expect(typeof stale.message).toBe("string");
    const { data: now } = await accounts().getIamPolicy({
      resource,
      "options.requestedPolicyVersion": 3,
    });
    expect(now.bindings?.[0]?.members).toEqual([member("first")]);
  });

  it("returns conditional bindings with their condition only at version 3", async () => {
    emulator.state.seedServiceAccount(PROJECT.projectId, "deployer");
    const condition = {
      expression: "request.time < timestamp('2030-01-01T00:00:00Z')",
      title: "until 2030",
    };
    const unconditional = { role: WIU, members: [member("a")] };
    const noVersion = accounts().setIamPolicy({
      resource,
      requestBody: {
        policy: { bindings: [unconditional, { role: WIU, members: [member("b")], condition }] },
      },
    });
    expect(await googleErrorOf(noVersion)).toMatchObject({
      httpStatus: 400,
      status: "INVALID_ARGUMENT",
    });
    await accounts().setIamPolicy({
      resource,
      requestBody: {
        policy: {
          version: 3,
          bindings: [unconditional, { role: WIU, members: [member("b")], condition }],
        },
      },
    });
    const v3 = (await accounts().getIamPolicy({ resource, "options.requestedPolicyVersion": 3 }))
      .data;
    expect(v3.version).toBe(3);
    expect(v3.bindings?.[1]).toEqual({ role: WIU, members: [member("b")], condition });
    const v1 = (await accounts().getIamPolicy({ resource, "options.requestedPolicyVersion": 1 }))
      .data;
    expect(v1.version).toBe(1);
    expect(v1.bindings?.[1]?.role).toMatch(/^roles\/iam\.workloadIdentityUser_withcond_[0-9a-f]+$/);
    expect(v1.bindings?.[1]).not.toHaveProperty("condition");
    const badVersion = accounts().getIamPolicy({ resource, "options.requestedPolicyVersion": 2 });
    expect(await googleErrorOf(badVersion)).toMatchObject({ status: "INVALID_ARGUMENT" });
  });
});

describe("GCP emulator: Resource Manager, auth and faults", () => {
  it("gets a project by ID or number through Resource Manager v3; an unknown one is 403", async () => {
    const crm = cloudresourcemanager({ version: "v3", ...clientWith(emulator.token) });
    const { data } = await crm.projects.get({ name: `projects/${PROJECT.projectId}` });
    expect(data).toMatchObject({
      name: `projects/${N}`,
      projectId: PROJECT.projectId,
      state: "ACTIVE",
    });
    expect((await crm.projects.get({ name: `projects/${N}` })).data.projectId).toBe(
      PROJECT.projectId,
    );
    expect(await googleErrorOf(crm.projects.get({ name: "projects/someone-else" }))).toMatchObject({
      httpStatus: 403,
      status: "PERMISSION_DENIED",
    });
  });

  it("answers 403, not 404, for the pools or service accounts of a project it does not show", async () => {
    const hidden = "projects/999/locations/global";
    expect(await googleErrorOf(pools().list({ parent: hidden }))).toMatchObject({
      httpStatus: 403,
      status: "PERMISSION_DENIED",
    });
    const accounts = client.projects.serviceAccounts.list({ name: "projects/someone-else" });
    expect(await googleErrorOf(accounts)).toMatchObject({
      httpStatus: 403,
      status: "PERMISSION_DENIED",
    });
  });

  it("refuses a call without a valid bearer token with 401 UNAUTHENTICATED", async () => {
    const stranger = iam({ version: "v1", ...clientWith("not-a-token") });
    expect(
      await googleErrorOf(stranger.projects.locations.workloadIdentityPools.list({ parent })),
    ).toMatchObject({
      httpStatus: 401,
      status: "UNAUTHENTICATED",
    });
  });

  it("answers 429 RESOURCE_EXHAUSTED with Retry-After, then 403 on one object only, then drops a connection", async () => {
    emulator.state.seedPool(N, "ci-pool");
    emulator.state.seedPool(N, "cd-pool");
    emulator.faults.add({ kind: "status", status: 429, retryAfterSeconds: 7 }, {}, 1);
    const throttled = (await pools()
      .list({ parent })
      .catch((e: unknown) => e)) as {
      status: number;
      response: { headers: Headers; data: { error: { status: string } } };
    };
    expect(throttled.status).toBe(429);
    expect(throttled.response.headers.get("retry-after")).toBe("7");
    expect(throttled.response.data.error.status).toBe("RESOURCE_EXHAUSTED");

    emulator.faults.add({ kind: "forbidden" }, { pathIncludes: "/ci-pool" });
    expect(await googleErrorOf(pools().get({ name: `${POOLS}/ci-pool` }))).toMatchObject({
      httpStatus: 403,
      status: "PERMISSION_DENIED",
      message: `Permission 'iam.workloadIdentityPools.get' denied on resource '//iam.googleapis.com/${POOLS}/ci-pool' (or it may not exist).`,
    });
    expect((await pools().get({ name: `${POOLS}/cd-pool` })).data.state).toBe("ACTIVE");

    emulator.faults.clear();
    emulator.faults.add({ kind: "reset" }, {}, 1);
    const reset = (await pools()
      .get({ name: `${POOLS}/cd-pool` })
      .catch((e: unknown) => e)) as { code?: string };
    expect(reset.code).toBe("ECONNRESET");
  });
});

describe("GCP emulator: OAuth 2.0 token endpoint (JWT bearer grant)", () => {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const other = generateKeyPairSync("rsa", { modulusLength: 2048 });

  async function exchange(claims: Record<string, unknown>, key = privateKey) {
    const now = Math.floor(Date.now() / 1000);
    const assertion = await new SignJWT({
      iss: SA,
      aud: emulator.tokenUrl,
      iat: now,
      exp: now + 3600,
      scope: "https://www.googleapis.com/auth/cloud-platform",
      ...claims,
    })
      .setProtectedHeader({ alg: "RS256" })
      .sign(key);
    const response = await fetch(emulator.tokenUrl, {
      method: "POST",
      body: new URLSearchParams({
        grant_type: "urn:ietf:params:oauth:grant-type:jwt-bearer",
        assertion,
      }),
      dispatcher: new (await import("undici")).Agent({ connect: { ca: emulator.ca } }),
    } as RequestInit);
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  beforeEach(() => {
    emulator.state.seedServiceAccount(PROJECT.projectId, "deployer");
    emulator.state.registerKey(SA, publicKey);
  });

  it("issues an access token the APIs accept for the key's service account", async () => {
    const { status, body } = await exchange({});
    expect(status).toBe(200);
    expect(body).toMatchObject({ token_type: "Bearer", expires_in: 3599 });
    const asDeployer = iam({ version: "v1", ...clientWith(String(body.access_token)) });
    await asDeployer.projects.locations.workloadIdentityPools.list({ parent });
    expect(emulator.requests.at(-1)?.principal).toBe(SA);
  });

  it("refuses a bad signature, a wrong audience and a long-lived assertion with invalid_grant", async () => {
    expect(await exchange({}, other.privateKey)).toEqual({
      status: 400,
      body: { error: "invalid_grant", error_description: "Invalid JWT Signature." },
    });
    expect(
      (await exchange({ aud: "https://oauth2.googleapis.com/token" })).body.error_description,
    ).toBe("Invalid JWT: Failed audience check.");
    const now = Math.floor(Date.now() / 1000);
    expect((await exchange({ exp: now + 7200 })).body.error).toBe("invalid_grant");
    expect((await exchange({ scope: "" })).body.error).toBe("invalid_scope");
  });
});
