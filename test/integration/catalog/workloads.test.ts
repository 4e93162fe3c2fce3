import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import type { TWorkload } from "@/lib/schemas/workload";
import {
  awsSpec,
  createTestBinding,
  createTestIssuer,
  createTestTarget,
  createTestWorkload,
  subjectSpecFor,
  uniqueSuffix,
} from "@/test/factories/catalog";
import { createTestToken, createTestUser } from "@/test/factories/users";
import {
  auditEventsFor,
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

describe("workloads API", () => {
  it("searches by subject, filters by issuer and pages by name", async () => {
    const marker = `srch${uniqueSuffix()}`;
    const gitlab = await createTestIssuer("gitlab");
    const keycloak = await createTestIssuer("keycloak");
    const a = await createTestWorkload({
      issuer: gitlab,
      name: `a-${marker}`,
      subjectSpec: {
        kind: "gitlab",
        form: "project_path",
        projectPath: `contoso/${marker}`,
        refType: "branch",
        ref: "main",
      },
    });
    const b = await createTestWorkload({ issuer: keycloak, name: `b-${marker}` });
    const bySubject = await ok<{ data: TWorkload[] }>(
      await listItems("workloads", viewerToken, `q=${`PROJECT_PATH:CONTOSO/${marker}`}`),
    );
    expect(bySubject.data.map((workload) => workload.id)).toEqual([a.id]);
    const byIssuer = await ok<{ data: TWorkload[] }>(
      await listItems("workloads", viewerToken, `q=${marker}&issuerId=${keycloak.id}`),
    );
    expect(byIssuer.data.map((workload) => workload.id)).toEqual([b.id]);
    const first = await ok<{ data: TWorkload[]; meta: { nextCursor: string } }>(
      await listItems("workloads", viewerToken, `q=${marker}&limit=1`),
    );
    const second = await ok<{ data: TWorkload[]; meta: { nextCursor: string | null } }>(
      await listItems(
        "workloads",
        viewerToken,
        `q=${marker}&limit=1&cursor=${first.meta.nextCursor}`,
      ),
    );
    expect([...first.data, ...second.data].map((workload) => workload.id)).toEqual([a.id, b.id]);
    expect(second.meta.nextCursor).toBeNull();
  });

  it("recomputes the subject on PATCH, bumps the version and audits before and after", async () => {
    const workload = await createTestWorkload({ issuer: await createTestIssuer("kubernetes-gke") });
    const response = await patchItem("workloads", operatorToken, workload.id, {
      subjectSpec: { kind: "kubernetes", namespace: "payments", serviceAccount: "api" },
    });
    const updated = await ok<TWorkload>(response);
    expect(updated).toMatchObject({ version: 2, subject: "system:serviceaccount:payments:api" });
    expect(response.headers.get("etag")).toBe('"v2"');
    const events = await auditEventsFor(workload.id);
    expect(events.map((event) => event.action)).toEqual(["workload.create", "workload.update"]);
    expect(events[1]).toMatchObject({
      actorType: "token",
      requestId: response.headers.get("x-request-id"),
      before: { subject: workload.subject },
      after: { subject: "system:serviceaccount:payments:api" },
    });
    const stale = await patchItem("workloads", operatorToken, workload.id, { team: "x" }, '"v1"');
    expect((await expectProblem(stale, 409)).detail).toMatch(/was changed by token:.+ at 20/);
    await expectProblem(
      await patchItem("workloads", operatorToken, workload.id, { team: "x" }, null),
      428,
    );
  });

  it("refuses moving a workload to an issuer whose builder differs", async () => {
    const workload = await createTestWorkload({ issuer: await createTestIssuer("keycloak") });
    const github = await createTestIssuer("github-actions");
    const response = await patchItem("workloads", operatorToken, workload.id, {
      issuerId: github.id,
    });
    await expectProblem(response, 422, [
      { name: "subjectSpec.kind", reason: 'must be "github" for this issuer' },
    ]);
  });

  it("deletes a workload without bindings and audits it", async () => {
    const workload = await createTestWorkload({ issuer: await createTestIssuer("spire") });
    expect((await deleteItem("workloads", operatorToken, workload.id)).status).toBe(204);
    const events = await auditEventsFor(workload.id);
    expect(events.map((event) => event.action)).toEqual(["workload.create", "workload.delete"]);
  });

  it("refuses to delete an issuer that still has workloads with 409", async () => {
    const issuer = await createTestIssuer("circleci");
    await createTestWorkload({ issuer });
    const response = await deleteItem("issuers", operatorToken, issuer.id);
    const problem = await expectProblem(response, 409);
    expect(problem.detail).toBe("This issuer still has 1 workload; delete or move it first.");
    expect(await getDb().issuer.findUnique({ where: { id: issuer.id } })).not.toBeNull();
  });

  it("refuses to delete a workload that still has bindings with 409", async () => {
    const workload = await createTestWorkload();
    const target = await createTestTarget("aws-role");
    await createTestBinding({ workload, target, spec: awsSpec(workload) });
    const problem = await expectProblem(
      await deleteItem("workloads", operatorToken, workload.id),
      409,
    );
    expect(problem.detail).toBe("This workload still has 1 binding; delete or move it first.");
    expect(await getDb().workload.findUnique({ where: { id: workload.id } })).not.toBeNull();
  });

  it("refuses every mutation to a viewer with 403 and changes nothing", async () => {
    const issuer = await createTestIssuer("generic");
    const workload = await createTestWorkload({ issuer });
    const responses = [
      await postItem("workloads", viewerToken, {
        name: `viewer ${uniqueSuffix()}`,
        issuerId: issuer.id,
        subjectSpec: subjectSpecFor("free"),
      }),
      await patchItem("workloads", viewerToken, workload.id, { team: "viewer" }),
      await deleteItem("workloads", viewerToken, workload.id),
    ];
    for (const response of responses) await expectProblem(response, 403);
    expect(await getDb().workload.count({ where: { issuerId: issuer.id } })).toBe(1);
    expect(await getDb().workload.findUnique({ where: { id: workload.id } })).toMatchObject({
      version: 1,
      team: "",
    });
    expect(await auditEventsFor(workload.id)).toHaveLength(1);
  });

  it("answers 404 for an unknown id on GET, PATCH and DELETE", async () => {
    await expectProblem(await getItem("workloads", viewerToken, unknownId), 404);
    await expectProblem(await patchItem("workloads", operatorToken, unknownId, { team: "x" }), 404);
    await expectProblem(await deleteItem("workloads", operatorToken, unknownId), 404);
  });
});

describe("workload team and description", () => {
  it("can be cleared with an empty string on PATCH", async () => {
    const issuer = await createTestIssuer("keycloak");
    const workload = await createTestWorkload({ issuer, name: `clear-${uniqueSuffix()}` });
    const filled = await ok<TWorkload>(
      await patchItem("workloads", operatorToken, workload.id, {
        team: "payments",
        description: "deploys",
      }),
    );
    expect(filled).toMatchObject({ team: "payments", description: "deploys" });
    const cleared = await ok<TWorkload>(
      await patchItem(
        "workloads",
        operatorToken,
        workload.id,
        { team: "", description: "" },
        '"v2"',
      ),
    );
    expect(cleared).toMatchObject({ team: "", description: "" });
  });
});
