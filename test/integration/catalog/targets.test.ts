import { readFile } from "node:fs/promises";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { TargetKind } from "@/lib/clouds/types";
import { getDb } from "@/lib/db/client";
import { migrationsDir } from "@/lib/db/migrate";
import type { TBinding } from "@/lib/schemas/binding";
import type { TTarget } from "@/lib/schemas/target";
import {
  awsSpec,
  createTestBinding,
  createTestIssuer,
  createTestTarget,
  createTestWorkload,
  gcpSpec,
  githubIssuerUrl,
  targetBody,
  targetConfig,
} from "@/test/factories/catalog";
import { createTestToken, createTestUser } from "@/test/factories/users";
import {
  auditEventsFor,
  created,
  deleteItem,
  expectProblem,
  getItem,
  listItems,
  ok,
  patchItem,
  postItem,
  unknownId,
} from "./catalog-api";

let operatorToken: string;
let viewerToken: string;

beforeAll(async () => {
  operatorToken = await createTestToken(await createTestUser({ role: "operator" }));
  viewerToken = await createTestToken(await createTestUser({ role: "viewer" }));
});

/** A GitHub workload's grant on a GCP provider and its statement on an AWS role. */
async function grantAndStatement() {
  const workload = await createTestWorkload({ issuer: await createTestIssuer("github-actions") });
  const provider = await createTestTarget("gcp-provider");
  const grant = await createTestBinding({ workload, target: provider, spec: gcpSpec() });
  const role = await createTestTarget("aws-role");
  const statement = await createTestBinding({ workload, target: role, spec: awsSpec(workload) });
  return { provider, grant, role, statement };
}

describe("targets API", () => {
  it.each<[TargetKind, string, RegExp]>([
    ["azure-uami", "azure", /^\/subscriptions\/.+\/userassignedidentities\/id-test-/],
    ["azure-app", "azure", /^\/tenants\/.+\/applications\/[0-9a-f-]{36}$/],
    ["aws-role", "aws", /^arn:aws:iam::123456789012:role\/role-test-/],
    [
      "gcp-provider",
      "gcp",
      /^\/\/iam\.googleapis\.com\/projects\/482915736104\/locations\/global\/workloadIdentityPools\/test-pool\/providers\/prov-/,
    ],
  ])(
    "creates a %s target, derives its cloud id and audits the creation",
    async (kind, cloud, id) => {
      const response = await postItem("targets", operatorToken, targetBody(kind));
      const target = await created<TTarget>(response);
      expect(response.headers.get("etag")).toBe('"v1"');
      expect(response.headers.get("location")).toBe(`/api/v1/targets/${target.id}`);
      expect(target).toMatchObject({ kind, cloud, version: 1, bindingCount: 0 });
      expect(target.externalId).toMatch(id);
      const events = await auditEventsFor(target.id);
      expect(events.map((event) => event.action)).toEqual(["target.create"]);
      expect(events[0]?.after).toMatchObject({
        id: target.id,
        kind,
        externalId: target.externalId,
      });
      expect(events[0]?.requestId).toBe(response.headers.get("x-request-id"));
    },
  );

  it("accepts the config as JSON text, the way the form sends it", async () => {
    const body = targetBody("azure-app");
    const response = await postItem("targets", operatorToken, {
      ...body,
      config: JSON.stringify(body.config),
    });
    expect((await created<TTarget>(response)).config).toMatchObject(body.config);
  });

  it("refuses a second target for the same cloud object with a field-level 409", async () => {
    const first = await createTestTarget("aws-role");
    const response = await postItem(
      "targets",
      operatorToken,
      targetBody("aws-role", { config: first.config }),
    );
    await expectProblem(response, 409, [
      { name: "config", reason: `same AWS IAM role as "${first.name}"` },
    ]);
  });

  it("refuses a name already in use with 409 on name", async () => {
    const first = await createTestTarget("azure-app");
    const response = await postItem(
      "targets",
      operatorToken,
      targetBody("azure-app", { name: first.name }),
    );
    await expectProblem(response, 409, [{ name: "name", reason: "already in use" }]);
  });

  it("returns the ETag on GET, requires If-Match on PATCH and DELETE and names who changed a stale version", async () => {
    const target = await createTestTarget("azure-uami");
    const got = await getItem("targets", viewerToken, target.id);
    expect(got.headers.get("etag")).toBe('"v1"');

    await expectProblem(
      await patchItem("targets", operatorToken, target.id, { name: `${target.name} x` }, null),
      428,
    );
    await expectProblem(await deleteItem("targets", operatorToken, target.id, null), 428);

    const renamed = await patchItem("targets", operatorToken, target.id, {
      name: `${target.name} renamed`,
    });
    expect((await ok<TTarget>(renamed)).version).toBe(2);
    expect(renamed.headers.get("etag")).toBe('"v2"');

    const stale = await patchItem("targets", operatorToken, target.id, { name: "lost update" });
    const problem = await expectProblem(stale, 409);
    expect(problem.detail).toMatch(/^This target was changed by token:.+ at 20\d\d-.+Z after you/);
    const staleDelete = await deleteItem("targets", operatorToken, target.id, '"v1"');
    await expectProblem(staleDelete, 409);

    const events = await auditEventsFor(target.id);
    expect(events.map((event) => event.action)).toEqual(["target.create", "target.update"]);
    expect(events[1]?.before).toMatchObject({ name: target.name });
    expect(events[1]?.after).toMatchObject({ name: `${target.name} renamed`, version: 2 });
  });

  it("checks a patched config against the stored kind", async () => {
    const target = await createTestTarget("aws-role");
    const response = await patchItem("targets", operatorToken, target.id, {
      config: { ...target.config, accountId: "1234-5678-9012" },
    });
    await expectProblem(response, 422, [
      { name: "config.accountId", reason: "must be a 12-digit AWS account id, without dashes" },
    ]);
  });

  it("moves a GCP provider's grants to the issuer it is edited to trust, and leaves other targets' bindings alone", async () => {
    const { provider, grant, role, statement } = await grantAndStatement();
    expect(grant.issuerUrl).toBe(githubIssuerUrl);

    const gitlab = "https://gitlab.example.test";
    const moved = await patchItem("targets", operatorToken, provider.id, {
      config: { ...provider.config, issuerUri: gitlab },
    });
    await ok<TTarget>(moved);
    const renamed = await patchItem("targets", operatorToken, role.id, { name: `${role.name} x` });
    await ok<TTarget>(renamed);

    const read = async (id: string) => ok<TBinding>(await getItem("bindings", viewerToken, id));
    expect((await read(grant.id)).issuerUrl).toBe(gitlab);
    expect((await read(statement.id)).issuerUrl).toBe(githubIssuerUrl);
  });

  it("puts back under its provider's issuer a grant an earlier edit left behind (the one-off migration)", async () => {
    const { grant, statement } = await grantAndStatement();
    const stale = "https://stale.example.test";
    await getDb().binding.updateMany({
      where: { id: { in: [grant.id, statement.id] } },
      data: { issuerUrl: stale },
    });

    const sql = await readFile(
      path.join(migrationsDir, "20261206231500_gcp_binding_issuer", "migration.sql"),
      "utf8",
    );
    await getDb().$executeRawUnsafe(sql);

    const issuerOf = async (id: string) =>
      (await getDb().binding.findUniqueOrThrow({ where: { id } })).issuerUrl;
    expect(await issuerOf(grant.id)).toBe(githubIssuerUrl);
    expect(await issuerOf(statement.id)).toBe(stale);
  });

  it("deletes an unused target with the current version and audits the deleted state", async () => {
    const target = await createTestTarget("gcp-provider");
    const response = await deleteItem("targets", operatorToken, target.id, '"v1"');
    expect(response.status).toBe(204);
    expect(await getDb().cloudTarget.findUnique({ where: { id: target.id } })).toBeNull();
    const events = await auditEventsFor(target.id);
    expect(events.map((event) => event.action)).toEqual(["target.create", "target.delete"]);
    expect(events[1]?.before).toMatchObject({ name: target.name });
  });

  it("refuses to delete a target that still has bindings with 409", async () => {
    const workload = await createTestWorkload({ issuer: await createTestIssuer() });
    const target = await createTestTarget("aws-role");
    await createTestBinding({ workload, target, spec: awsSpec(workload) });
    const response = await deleteItem("targets", operatorToken, target.id, '"v1"');
    const problem = await expectProblem(response, 409);
    expect(problem.detail).toBe("This target still has 1 binding; delete or move it first.");
    expect(await getDb().cloudTarget.findUnique({ where: { id: target.id } })).not.toBeNull();
  });

  it("refuses every mutation to a viewer with 403 and changes nothing", async () => {
    const target = await createTestTarget("azure-app");
    const before = await auditEventsFor(target.id);
    const responses = [
      await postItem("targets", viewerToken, targetBody("azure-app")),
      await patchItem("targets", viewerToken, target.id, { name: "viewer was here" }),
      await deleteItem("targets", viewerToken, target.id),
    ];
    for (const response of responses) await expectProblem(response, 403);
    expect(await getDb().cloudTarget.findUnique({ where: { id: target.id } })).toMatchObject({
      name: target.name,
      version: 1,
    });
    expect(await auditEventsFor(target.id)).toHaveLength(before.length);
  });

  it("answers 404 for an unknown id on GET, PATCH and DELETE", async () => {
    await expectProblem(await getItem("targets", viewerToken, unknownId), 404);
    await expectProblem(await patchItem("targets", operatorToken, unknownId, { name: "x" }), 404);
    await expectProblem(await deleteItem("targets", operatorToken, unknownId), 404);
  });

  it("refuses an id that is not a UUID with 422 on id", async () => {
    await expectProblem(await getItem("targets", viewerToken, "not-a-uuid"), 422, [
      { name: "id", reason: "must be a UUID" },
    ]);
  });

  it("filters by cloud and kind and searches name and cloud id", async () => {
    const marker = `filter-${Date.now().toString(36)}`;
    const uami = await createTestTarget("azure-uami", { name: `${marker} uami` });
    const app = await createTestTarget("azure-app", { name: `${marker} app` });
    const role = await createTestTarget("aws-role", {
      name: `${marker} role`,
      config: { roleName: `${marker}-role` },
    });
    const names = async (query: string) => {
      const body = await ok<{ data: TTarget[] }>(await listItems("targets", viewerToken, query));
      return body.data.map((target) => target.name);
    };
    expect(await names(`q=${marker}&cloud=azure`)).toEqual([app.name, uami.name]);
    expect(await names(`q=${marker}&kind=aws-role`)).toEqual([role.name]);
    expect(await names(`q=${marker.toUpperCase()}-ROLE`)).toEqual([role.name]);
    await expectProblem(await listItems("targets", viewerToken, "cloud=oracle"), 422, [
      { name: "cloud", reason: "must be azure, aws or gcp" },
    ]);
  });

  it("keeps the config's GUIDs in one spelling (lower case)", async () => {
    const config = targetConfig("azure-app");
    const response = await postItem("targets", operatorToken, {
      name: `upper ${Date.now()}`,
      kind: "azure-app",
      config: { ...config, tenantId: String(config.tenantId).toUpperCase() },
    });
    expect((await created<TTarget>(response)).config.tenantId).toBe(config.tenantId);
  });
});
