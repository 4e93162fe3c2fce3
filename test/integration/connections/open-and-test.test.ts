import { randomUUID } from "node:crypto";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { systemActor } from "@/lib/auth/actor";
import { CloudCallError } from "@/lib/clouds/adapter-types";
import { createConnection } from "@/lib/connections/create-connection";
import { openConnection } from "@/lib/connections/open-connection";
import { testConnection } from "@/lib/connections/test-connection";
import { getDb } from "@/lib/db/client";
import { resetEnvCache } from "@/lib/env";
import { ZConnectionCreateInput, type TConnection } from "@/lib/schemas/connection";
import { auditEventsFor } from "@/test/integration/catalog/catalog-api";
import { createTestUser, type TestUser } from "@/test/factories/users";
import { connectionBody, secretAuth, withTestSecretKey } from "./connection-api";
import { fakeAdapters } from "./fake-adapters";

vi.mock("@/lib/clouds/adapters", async () => (await import("./fake-adapters")).adaptersModule);

withTestSecretKey();

let admin: TestUser;

beforeAll(async () => {
  admin = await createTestUser({ role: "admin" });
});

beforeEach(() => {
  fakeAdapters.received.length = 0;
  fakeAdapters.next = { ok: true, principal: "fedlens-reader", details: ["read one object"] };
  fakeAdapters.throws = null;
});

const caller = () => ({ actor: admin.actor, requestId: randomUUID() });

function create(body: Record<string, unknown>): Promise<TConnection> {
  return createConnection({ ...caller(), input: ZConnectionCreateInput.parse(body) });
}

describe("openConnection", () => {
  it("hands the adapter the scope, the endpoints and the secret opened in memory", async () => {
    const auth = secretAuth("azure", "opened-secret-value");
    const created = await create(
      connectionBody("azure", {
        auth,
        endpoints: { azureGraph: "https://graph.microsoft.us" },
      }),
    );
    const opened = await openConnection(getDb(), created.id);
    expect(opened).toMatchObject({
      id: created.id,
      cloud: "azure",
      sandbox: false,
      endpoints: { azureGraph: "https://graph.microsoft.us" },
      caBundle: null,
      scope: { tenantId: "72f988bf-86f1-41af-91ab-2d7cd011db47" },
    });
    if (opened.auth.kind !== "secret" || opened.auth.secret.kind !== "azure-client-secret") {
      expect.fail("expected an Azure client secret");
    }
    expect(opened.auth.secret.clientId).toBe(auth.clientId);
    expect(opened.auth.secret.clientSecret.reveal()).toBe("opened-secret-value");
    expect(JSON.stringify(opened)).not.toContain("opened-secret-value");
  });

  it("checks the stored settings again: a tampered region never reaches an adapter", async () => {
    const created = await create(connectionBody("aws"));
    await getDb().cloudConnection.update({
      where: { id: created.id },
      data: { scope: { accountId: "123456789012", region: "x.evil.example/" } },
    });
    await expect(openConnection(getDb(), created.id)).rejects.toMatchObject({
      code: "validation_failed",
      invalidParams: [{ name: "scope.region", reason: "must be a region name such as us-east-1" }],
    });
  });

  it("checks endpoints against the allow-list as it is now, not as it was", async () => {
    process.env.FEDLENS_ALLOWED_CLOUD_ENDPOINT_HOSTS = "127.0.0.1";
    resetEnvCache();
    const created = await create(
      connectionBody("gcp", { endpoints: { gcpRootUrl: "https://127.0.0.1:9443/" } }),
    );
    delete process.env.FEDLENS_ALLOWED_CLOUD_ENDPOINT_HOSTS;
    resetEnvCache();
    await expect(openConnection(getDb(), created.id)).rejects.toMatchObject({
      code: "validation_failed",
      invalidParams: [
        { name: "endpoints.gcpRootUrl", reason: expect.stringMatching(/^is a loopback address/) },
      ],
    });
  });

  it("does not open a secret moved to another connection (the AAD names the row)", async () => {
    const first = await create(connectionBody("aws", { auth: secretAuth("aws", "s".repeat(40)) }));
    const second = await create(connectionBody("aws", { auth: secretAuth("aws", "t".repeat(40)) }));
    const { secret } = await getDb().cloudConnection.findUniqueOrThrow({
      where: { id: first.id },
      select: { secret: true },
    });
    await getDb().cloudConnection.update({
      where: { id: second.id },
      data: { secret: secret ?? {} },
    });
    await expect(openConnection(getDb(), second.id)).rejects.toThrow(/failed authentication/);
  });

  it("answers not found for an unknown id", async () => {
    await expect(openConnection(getDb(), randomUUID())).rejects.toMatchObject({
      code: "not_found",
    });
  });
});

describe("testConnection", () => {
  it("stores who Fedlens is, audits the test, and leaves the version alone", async () => {
    const created = await create(connectionBody("gcp"));
    const tested = await testConnection({ ...caller(), id: created.id });
    expect(tested.lastTest).toEqual({
      at: expect.any(String),
      ok: true,
      principal: "fedlens-reader",
      details: ["read one object"],
      error: null,
    });
    expect(tested.version).toBe(1);
    expect(fakeAdapters.received.map((connection) => connection.id)).toEqual([created.id]);
    const events = await auditEventsFor(created.id);
    expect(events.map((event) => event.action)).toEqual(["connection.create", "connection.test"]);
    expect(events[1]?.after).toMatchObject({ ok: true, principal: "fedlens-reader" });
  });

  it("stores the cloud's error with its cause and fix, also when the adapter throws", async () => {
    const created = await create(connectionBody("azure"));
    fakeAdapters.throws = new CloudCallError({
      kind: "denied",
      code: "AuthorizationFailed",
      message: "The client does not have authorization to perform action.",
      cause: "Fedlens has no role on the subscription.",
      fix: "Assign it the Managed Identity Operator role.",
      status: 403,
    });
    const tested = await testConnection({ ...caller(), id: created.id });
    expect(tested.lastTest).toMatchObject({
      ok: false,
      principal: null,
      error: { code: "AuthorizationFailed", cause: "Fedlens has no role on the subscription." },
    });
  });

  it("is for admins only, and refuses before the secret is opened", async () => {
    const created = await create(
      connectionBody("aws", { auth: secretAuth("aws", "u".repeat(40)) }),
    );
    const operator = await createTestUser({ role: "operator" });
    await expect(
      testConnection({ actor: operator.actor, requestId: randomUUID(), id: created.id }),
    ).rejects.toMatchObject({ code: "forbidden" });
    expect(fakeAdapters.received).toEqual([]);
    // The system actor (a job) may.
    await testConnection({ actor: systemActor("job"), requestId: randomUUID(), id: created.id });
    expect(fakeAdapters.received).toHaveLength(1);
  });
});
