import { beforeAll, describe, expect, it, vi } from "vitest";
import { getDb } from "@/lib/db/client";
import type { TConnection } from "@/lib/schemas/connection";
import { auditEventsFor, created, expectProblem, ok } from "@/test/integration/catalog/catalog-api";
import { createTestToken, createTestUser } from "@/test/factories/users";
import {
  accessKeyId,
  connectionBody,
  deleteConnection,
  getConnection,
  listConnections,
  patchConnection,
  postConnection,
  postTest,
  putSecret,
  secretAuth,
  serviceAccountKey,
  unknownId,
  withTestSecretKey,
} from "./connection-api";

vi.mock("@/lib/clouds/adapters", async () => (await import("./fake-adapters")).adaptersModule);

withTestSecretKey();

let adminToken: string;
let operatorToken: string;
let viewerToken: string;

beforeAll(async () => {
  adminToken = await createTestToken(await createTestUser({ role: "admin" }));
  operatorToken = await createTestToken(await createTestUser({ role: "operator" }));
  viewerToken = await createTestToken(await createTestUser({ role: "viewer" }));
});

const secretAuthPatch = () => ({ auth: secretAuth("aws", "v".repeat(40)) });

const createConnection = async (body: unknown) =>
  created<TConnection>(await postConnection(adminToken, body));

describe("connections API: roles", () => {
  it("refuses viewers and operators every route with 403, and changes nothing", async () => {
    const connection = await createConnection(connectionBody("aws"));
    for (const token of [viewerToken, operatorToken]) {
      const responses = [
        await listConnections(token),
        await postConnection(token, connectionBody("aws")),
        await getConnection(token, connection.id),
        await patchConnection(token, connection.id, { name: "renamed" }),
        await deleteConnection(token, connection.id),
        await putSecret(token, connection.id, {
          accessKeyId: accessKeyId(),
          secretAccessKey: "x".repeat(40),
        }),
        await postTest(token, connection.id),
      ];
      for (const response of responses) await expectProblem(response, 403);
    }
    expect(await auditEventsFor(connection.id)).toHaveLength(1);
    expect(await getDb().cloudConnection.count()).toBe(1);
  });

  it("answers 404 for an unknown id", async () => {
    await expectProblem(await getConnection(adminToken, unknownId), 404);
    await expectProblem(await patchConnection(adminToken, unknownId, { name: "x" }), 404);
    await expectProblem(await deleteConnection(adminToken, unknownId), 404);
    await expectProblem(await putSecret(adminToken, unknownId, { clientSecret: "s" }), 404);
    await expectProblem(await postTest(adminToken, unknownId), 404);
  });
});

describe("connections API: create, read, edit", () => {
  it.each(["azure", "aws", "gcp"] as const)(
    "creates an ambient %s connection, audits it, lists and gets it",
    async (cloud) => {
      const response = await postConnection(adminToken, connectionBody(cloud));
      const connection = await created<TConnection>(response);
      expect(response.headers.get("etag")).toBe('"v1"');
      expect(response.headers.get("location")).toBe(`/api/v1/connections/${connection.id}`);
      expect(connection).toMatchObject({
        cloud,
        auth: { kind: "ambient" },
        sandbox: false,
        lastTest: null,
        targetCount: 0,
        version: 1,
      });
      const events = await auditEventsFor(connection.id);
      expect(events.map((event) => event.action)).toEqual(["connection.create"]);
      const list = await ok<{ data: TConnection[] }>(
        await listConnections(adminToken, `cloud=${cloud}`),
      );
      expect(list.data.map((entry) => entry.id)).toContain(connection.id);
      expect(list.data.every((entry) => entry.cloud === cloud)).toBe(true);
      expect(await ok<TConnection>(await getConnection(adminToken, connection.id))).toEqual(
        connection,
      );
    },
  );

  it("shows who a stored secret signs in as, and when it was stored, never the secret", async () => {
    const auth = secretAuth("azure", "a-client-secret-value");
    const connection = await createConnection(connectionBody("azure", { auth }));
    expect(connection.auth).toEqual({
      kind: "secret",
      identity: auth.clientId,
      replacedAt: expect.any(String),
    });
    expect(JSON.stringify(connection)).not.toContain("a-client-secret-value");
    const row = await getDb().cloudConnection.findUniqueOrThrow({
      where: { id: connection.id },
      select: { secretKeyId: true },
    });
    expect(row.secretKeyId).toMatch(/^[0-9a-f]{16}$/);
  });

  it("edits with If-Match, refuses a stale version with 409, and never changes the cloud", async () => {
    const connection = await createConnection(connectionBody("aws"));
    const renamed = await ok<TConnection>(
      await patchConnection(adminToken, connection.id, {
        name: `${connection.name}-renamed`,
        scope: { accountId: "210987654321", region: "us-gov-west-1" },
      }),
    );
    expect(renamed).toMatchObject({ version: 2, scope: { accountId: "210987654321" } });
    const stale = await expectProblem(
      await patchConnection(adminToken, connection.id, { name: "again" }, '"v1"'),
      409,
    );
    expect(stale.detail).toMatch(/changed by .+ after you loaded it/);
    await expectProblem(await patchConnection(adminToken, connection.id, { name: "x" }, null), 428);
    await expectProblem(
      await patchConnection(adminToken, connection.id, { cloud: "gcp" }, '"v2"'),
      422,
      [{ name: "cloud", reason: "unknown field" }],
    );
  });

  it("switching to ambient drops the sealed secret; switching back needs one", async () => {
    const connection = await createConnection(
      connectionBody("aws", { auth: secretAuth("aws", "s".repeat(40)) }),
    );
    const ambient = await ok<TConnection>(
      await patchConnection(adminToken, connection.id, { auth: { kind: "ambient" } }),
    );
    expect(ambient.auth).toEqual({ kind: "ambient" });
    const row = await getDb().cloudConnection.findUniqueOrThrow({
      where: { id: connection.id },
      select: { secret: true, secretKeyId: true, secretUpdatedAt: true },
    });
    expect(row).toEqual({ secret: null, secretKeyId: null, secretUpdatedAt: null });
    await expectProblem(
      await patchConnection(adminToken, connection.id, { auth: { kind: "secret" } }, '"v2"'),
      422,
      [
        { name: "auth.accessKeyId", reason: "is required" },
        { name: "auth.secretAccessKey", reason: "is required" },
      ],
    );
  });

  it("keeps the stored secret when an edit leaves its fields out", async () => {
    const connection = await createConnection(
      connectionBody("gcp", { auth: secretAuth("gcp", "kid-1") }),
    );
    const before = await getDb().cloudConnection.findUniqueOrThrow({
      where: { id: connection.id },
      select: { secret: true },
    });
    const edited = await ok<TConnection>(
      await patchConnection(adminToken, connection.id, {
        name: `${connection.name}-2`,
        auth: { kind: "secret" },
      }),
    );
    expect(edited.auth).toEqual(connection.auth);
    const after = await getDb().cloudConnection.findUniqueOrThrow({
      where: { id: connection.id },
      select: { secret: true },
    });
    expect(after.secret).toEqual(before.secret);
    const actions = (await auditEventsFor(connection.id)).map((event) => event.action);
    expect(actions).toEqual(["connection.create", "connection.update"]);
  });
});

describe("connections API: replacing the secret", () => {
  it("through an edit, also records the replacement as its own event", async () => {
    const connection = await createConnection(connectionBody("aws"));
    const edited = await ok<TConnection>(
      await patchConnection(adminToken, connection.id, secretAuthPatch()),
    );
    expect(edited.auth).toMatchObject({ kind: "secret" });
    expect((await auditEventsFor(connection.id)).map((event) => event.action)).toEqual([
      "connection.create",
      "connection.secret.replace",
      "connection.update",
    ]);
  });

  it("is its own audited action, recording that it happened, not the value", async () => {
    const connection = await createConnection(
      connectionBody("azure", { auth: secretAuth("azure", "first-secret-value") }),
    );
    const replaced = await ok<TConnection>(
      await putSecret(adminToken, connection.id, { clientSecret: "second-secret-value" }),
    );
    expect(replaced.version).toBe(2);
    expect(replaced.auth).toMatchObject({
      kind: "secret",
      identity: (connection.auth as { identity: string }).identity,
    });
    const events = await auditEventsFor(connection.id);
    expect(events.map((event) => event.action)).toEqual([
      "connection.create",
      "connection.secret.replace",
    ]);
    expect(
      JSON.stringify(events, (_key, value: unknown) =>
        typeof value === "bigint" ? String(value) : value,
      ),
    ).not.toMatch(/first-secret-value|second-secret-value/);
  });

  it("refuses fields of another cloud and a malformed key with field messages", async () => {
    const aws = await createConnection(connectionBody("aws"));
    await expectProblem(await putSecret(adminToken, aws.id, { clientSecret: "x" }), 422, [
      { name: "clientSecret", reason: "is not used by connections to AWS" },
    ]);
    const gcp = await createConnection(connectionBody("gcp"));
    const notAKey = { ...serviceAccountKey("k"), type: "authorized_user" };
    await expectProblem(
      await putSecret(adminToken, gcp.id, { serviceAccountKey: JSON.stringify(notAKey) }),
      422,
      [{ name: "serviceAccountKey", reason: /type must be service_account/ }],
    );
    await expectProblem(
      await putSecret(adminToken, gcp.id, { serviceAccountKey: "{not json" }),
      422,
      [{ name: "serviceAccountKey", reason: "is not valid JSON: paste the whole key file" }],
    );
    const noKey = { ...serviceAccountKey("k"), private_key: "MIIEv" };
    await expectProblem(await putSecret(adminToken, gcp.id, { serviceAccountKey: noKey }), 422, [
      { name: "serviceAccountKey", reason: "has a private_key that is not a PEM private key" },
    ]);
  });
});

describe("connections API: delete", () => {
  it("is refused with 409 naming the targets that use it, then allowed", async () => {
    const connection = await createConnection(connectionBody("aws"));
    const { createTestTarget } = await import("@/test/factories/catalog");
    const target = await createTestTarget("aws-role");
    await getDb().cloudTarget.update({
      where: { id: target.id },
      data: { connectionId: connection.id },
    });
    const refused = await expectProblem(await deleteConnection(adminToken, connection.id), 409);
    expect(refused.detail).toContain(`"${target.name}"`);
    await getDb().cloudTarget.update({ where: { id: target.id }, data: { connectionId: null } });
    const response = await deleteConnection(adminToken, connection.id);
    expect(response.status).toBe(204);
    expect((await auditEventsFor(connection.id)).map((event) => event.action)).toEqual([
      "connection.create",
      "connection.delete",
    ]);
  });
});
