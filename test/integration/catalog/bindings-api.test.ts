import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import type { TBinding } from "@/lib/schemas/binding";
import type { TTarget } from "@/lib/schemas/target";
import type { TWorkload } from "@/lib/schemas/workload";
import {
  awsSpec,
  azureSpec,
  createTestBinding,
  createTestIssuer,
  createTestTarget,
  createTestWorkload,
  gcpSpec,
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
let workload: TWorkload;
let uami: TTarget;

beforeAll(async () => {
  operatorToken = await createTestToken(await createTestUser({ role: "operator" }));
  viewerToken = await createTestToken(await createTestUser({ role: "viewer" }));
  workload = await createTestWorkload({ issuer: await createTestIssuer("github-actions") });
  uami = await createTestTarget("azure-uami");
});

type Page = { data: TBinding[]; meta: { nextCursor: string | null } };

describe("bindings API", () => {
  it("refuses a spec for another cloud than the target's with 422 on spec.cloud", async () => {
    const role = await createTestTarget("aws-role");
    const response = await postItem("bindings", operatorToken, {
      workloadId: workload.id,
      targetId: role.id,
      spec: azureSpec(workload),
    });
    await expectProblem(response, 422, [
      { name: "spec.cloud", reason: 'must be "aws" for this target' },
    ]);
  });

  it.each([
    [
      "workloadId",
      { workloadId: unknownId },
      [{ name: "workloadId", reason: "no workload with this id" }],
    ],
    ["targetId", { targetId: unknownId }, [{ name: "targetId", reason: "no target with this id" }]],
    [
      "both",
      { workloadId: unknownId, targetId: unknownId },
      [
        { name: "targetId", reason: "no target with this id" },
        { name: "workloadId", reason: "no workload with this id" },
      ],
    ],
  ])("refuses an unknown %s with 422 naming the field", async (_label, ids, params) => {
    const response = await postItem("bindings", operatorToken, {
      workloadId: workload.id,
      targetId: uami.id,
      spec: azureSpec(workload),
      ...ids,
    });
    await expectProblem(response, 422, params);
  });

  it("filters by cloud, target, workload, issuer and sync state, and searches the subject", async () => {
    const keycloak = await createTestIssuer("keycloak");
    const other = await createTestWorkload({ issuer: keycloak });
    const role = await createTestTarget("aws-role");
    const provider = await createTestTarget("gcp-provider");
    const app = await createTestTarget("azure-app");
    const azure = await createTestBinding({ workload, target: app, spec: azureSpec(workload) });
    const aws = await createTestBinding({ workload, target: role, spec: awsSpec(workload) });
    const gcp = await createTestBinding({ workload: other, target: provider, spec: gcpSpec() });
    await getDb().binding.update({ where: { id: aws.id }, data: { syncState: "drifted" } });
    const ids = async (query: string) =>
      (await ok<Page>(await listItems("bindings", viewerToken, query))).data.map((b) => b.id);
    expect(await ids(`cloud=gcp`)).toEqual([gcp.id]);
    expect(await ids(`targetId=${role.id}`)).toEqual([aws.id]);
    expect(await ids(`workloadId=${other.id}`)).toEqual([gcp.id]);
    expect(await ids(`issuerId=${keycloak.id}`)).toEqual([gcp.id]);
    expect(await ids(`syncState=drifted`)).toEqual([aws.id]);
    expect(await ids(`cloud=azure&targetId=${app.id}`)).toEqual([azure.id]);
    expect(await ids(`q=${encodeURIComponent(other.subject.toUpperCase())}`)).toEqual([gcp.id]);
    expect(await ids(`q=${encodeURIComponent(workload.subject)}&cloud=aws`)).toEqual([aws.id]);
    await expectProblem(await listItems("bindings", viewerToken, "syncState=stale"), 422, [
      {
        name: "syncState",
        reason:
          'Invalid option: expected one of "pending"|"in-sync"|"drifted"|"missing"|"unknown"|"error"',
      },
    ]);
  });

  it("pages through bindings that share a name with a cursor, without gaps or repeats", async () => {
    const targets = [await createTestTarget("azure-app"), await createTestTarget("azure-app")];
    const made: string[] = [];
    for (const target of targets) {
      for (const name of ["page-a", "page-b", "page-c"]) {
        made.push(
          (
            await createTestBinding({
              workload,
              target,
              spec: azureSpec(workload, { name, subject: `${workload.subject}:${name}` }),
            })
          ).id,
        );
      }
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = `q=page-&limit=4${cursor ? `&cursor=${cursor}` : ""}`;
      const page = await ok<Page>(await listItems("bindings", viewerToken, query));
      seen.push(...page.data.map((binding) => binding.id));
      cursor = page.meta.nextCursor;
      pages += 1;
    } while (cursor && pages < 10);
    expect(pages).toBe(2);
    expect(new Set(seen).size).toBe(seen.length);
    expect([...seen].sort()).toEqual([...made].sort());
    await expectProblem(await listItems("bindings", viewerToken, "cursor=bm90LWEtY3Vyc29y"), 422, [
      { name: "cursor", reason: "not a valid cursor" },
    ]);
  });

  it("requires If-Match on PATCH and DELETE and names who made a version stale", async () => {
    const binding = await createTestBinding({ workload, target: uami, spec: azureSpec(workload) });
    const spec = { ...binding.spec, description: "first edit" };
    await expectProblem(
      await patchItem("bindings", operatorToken, binding.id, { spec }, null),
      428,
    );
    await expectProblem(await deleteItem("bindings", operatorToken, binding.id, null), 428);
    const edited = await patchItem("bindings", operatorToken, binding.id, { spec }, '"v1"');
    expect(await ok<TBinding>(edited)).toMatchObject({ version: 2, syncState: "pending" });
    expect(edited.headers.get("etag")).toBe('"v2"');
    const stale = await patchItem("bindings", operatorToken, binding.id, { spec }, '"v1"');
    const problem = await expectProblem(stale, 409);
    expect(problem.detail).toMatch(
      /^This binding was changed by token:.+ at 20\d\d-.+Z after you loaded it/,
    );
    await expectProblem(await deleteItem("bindings", operatorToken, binding.id, '"v1"'), 409);
    expect((await deleteItem("bindings", operatorToken, binding.id, '"v2"')).status).toBe(204);
  });

  it("audits create, update and delete with the request's id and the snapshots", async () => {
    const target = await createTestTarget("azure-app");
    const post = await postItem("bindings", operatorToken, {
      workloadId: workload.id,
      targetId: target.id,
      spec: azureSpec(workload, { name: "audited" }),
    });
    const binding = await created<TBinding>(post);
    const patch = await patchItem("bindings", operatorToken, binding.id, {
      spec: { ...binding.spec, description: "audited edit" },
    });
    const del = await deleteItem("bindings", operatorToken, binding.id, '"v2"');
    expect(del.status).toBe(204);
    const events = await auditEventsFor(binding.id);
    expect(events.map((event) => [event.action, event.requestId])).toEqual([
      ["binding.create", post.headers.get("x-request-id")],
      ["binding.update", patch.headers.get("x-request-id")],
      ["binding.delete", del.headers.get("x-request-id")],
    ]);
    expect(events[0]?.after).toMatchObject({ name: "audited", version: 1 });
    expect(events[1]?.after).toMatchObject({ spec: { description: "audited edit" }, version: 2 });
    expect(events[2]?.before).toMatchObject({ version: 2 });
  });

  it("refuses every mutation to a viewer with 403 and changes nothing", async () => {
    const binding = await createTestBinding({ workload, target: uami, spec: azureSpec(workload) });
    const count = await getDb().binding.count();
    const responses = [
      await postItem("bindings", viewerToken, {
        workloadId: workload.id,
        targetId: uami.id,
        spec: azureSpec(workload, { subject: "viewer" }),
      }),
      await patchItem("bindings", viewerToken, binding.id, {
        spec: { ...binding.spec, description: "viewer" },
      }),
      await deleteItem("bindings", viewerToken, binding.id),
    ];
    for (const response of responses) await expectProblem(response, 403);
    expect(await getDb().binding.count()).toBe(count);
    expect(await getDb().binding.findUnique({ where: { id: binding.id } })).toMatchObject({
      version: 1,
    });
    expect(await auditEventsFor(binding.id)).toHaveLength(1);
  });

  it("answers 404 for an unknown id on GET, PATCH and DELETE", async () => {
    await expectProblem(await getItem("bindings", viewerToken, unknownId), 404);
    await expectProblem(
      await patchItem("bindings", operatorToken, unknownId, { spec: azureSpec(workload) }),
      404,
    );
    await expectProblem(await deleteItem("bindings", operatorToken, unknownId), 404);
  });
});
