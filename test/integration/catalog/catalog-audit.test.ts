import { beforeAll, describe, expect, it } from "vitest";
import { verifyAuditChain } from "@/lib/audit/verify-audit-chain";
import { getDb } from "@/lib/db/client";
import type { TTarget } from "@/lib/schemas/target";
import type { TWorkload } from "@/lib/schemas/workload";
import {
  azureSpec,
  createTestBinding,
  createTestIssuer,
  createTestTarget,
  createTestWorkload,
  subjectSpecFor,
  targetBody,
} from "@/test/factories/catalog";
import { createTestToken, createTestUser } from "@/test/factories/users";
import {
  auditEventCount,
  deleteItem,
  expectProblem,
  patchItem,
  postItem,
  type Collection,
} from "./catalog-api";

// CONVENTIONS 14: a change and its audit event commit in one transaction.

let operatorToken: string;
let workload: TWorkload;
let app: TTarget;

beforeAll(async () => {
  operatorToken = await createTestToken(await createTestUser({ role: "operator" }));
  workload = await createTestWorkload({ issuer: await createTestIssuer("github-actions") });
  app = await createTestTarget("azure-app");
});

/** The events appended while `mutate` ran. */
async function eventsDuring(mutate: () => Promise<Response>) {
  const before = await getDb().auditEvent.aggregate({ _max: { seq: true } });
  const response = await mutate();
  const events = await getDb().auditEvent.findMany({
    where: { seq: { gt: before._max.seq ?? 0n } },
    orderBy: { seq: "asc" },
  });
  return { response, events };
}

type Mutation = [action: string, collection: Collection, run: () => Promise<Response>];

describe("catalogue audit trail", () => {
  it("appends exactly one event per mutation, naming the entity, the actor and the request", async () => {
    const binding = await createTestBinding({ workload, target: app, spec: azureSpec(workload) });
    const spare = await createTestWorkload({ issuer: await createTestIssuer("github-actions") });
    const target = await createTestTarget("aws-role");
    const mutations: Mutation[] = [
      [
        "workload.create",
        "workloads",
        () =>
          postItem("workloads", operatorToken, {
            name: `audited ${Date.now()}`,
            issuerId: workload.issuer.id,
            subjectSpec: subjectSpecFor("github"),
          }),
      ],
      [
        "workload.update",
        "workloads",
        () => patchItem("workloads", operatorToken, spare.id, { team: "audited" }),
      ],
      [
        "workload.delete",
        "workloads",
        () => deleteItem("workloads", operatorToken, spare.id, '"v2"'),
      ],
      [
        "target.create",
        "targets",
        () => postItem("targets", operatorToken, targetBody("gcp-provider")),
      ],
      [
        "target.update",
        "targets",
        () => patchItem("targets", operatorToken, target.id, { name: `${target.name} audited` }),
      ],
      ["target.delete", "targets", () => deleteItem("targets", operatorToken, target.id, '"v2"')],
      [
        "binding.create",
        "bindings",
        () =>
          postItem("bindings", operatorToken, {
            workloadId: workload.id,
            targetId: app.id,
            spec: azureSpec(workload, { subject: "audited" }),
          }),
      ],
      [
        "binding.update",
        "bindings",
        () =>
          patchItem("bindings", operatorToken, binding.id, {
            spec: { ...binding.spec, description: "audited" },
          }),
      ],
      [
        "binding.delete",
        "bindings",
        () => deleteItem("bindings", operatorToken, binding.id, '"v2"'),
      ],
    ];
    for (const [action, collection, run] of mutations) {
      const { response, events } = await eventsDuring(run);
      expect(response.status, `${action}: ${await response.clone().text()}`).toBeLessThan(300);
      const entityType = collection.slice(0, -1);
      expect(events, action).toHaveLength(1);
      expect(events[0], action).toMatchObject({
        action,
        entityType,
        actorType: "token",
        actorRole: "operator",
        requestId: response.headers.get("x-request-id"),
      });
      expect(events[0]?.entityId).toMatch(/^[0-9a-f-]{36}$/);
    }
    expect(await verifyAuditChain({ db: getDb() })).toMatchObject({ ok: true });
  });

  it("appends nothing for a refused mutation", async () => {
    const count = await auditEventCount();
    await expectProblem(
      await postItem("bindings", operatorToken, {
        workloadId: workload.id,
        targetId: app.id,
        spec: azureSpec(workload, { name: "x" }),
      }),
      422,
    );
    await expectProblem(
      await patchItem("targets", operatorToken, app.id, { name: "x" }, '"v9"'),
      409,
    );
    expect(await auditEventCount()).toBe(count);
  });

  it("rolls the change back when its audit event cannot be written", async () => {
    const doomed = await createTestBinding({
      workload,
      target: app,
      spec: azureSpec(workload, { name: "audit-fail-binding", subject: "doomed" }),
    });
    const target = await createTestTarget("azure-uami");
    const db = getDb();
    // A test-only trigger makes the audit insert fail for these names, after the change itself ran.
    await db.$executeRawUnsafe(`CREATE FUNCTION test_refuse_audit() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF coalesce(NEW.after->>'name', NEW.before->>'name') LIKE 'audit-fail-%' THEN
          RAISE EXCEPTION 'audit refused by test';
        END IF;
        RETURN NEW;
      END $$`);
    await db.$executeRawUnsafe(
      "CREATE TRIGGER test_refuse_audit BEFORE INSERT ON audit_event FOR EACH ROW EXECUTE FUNCTION test_refuse_audit()",
    );
    try {
      const created = await postItem("workloads", operatorToken, {
        name: "audit-fail-workload",
        issuerId: workload.issuer.id,
        subjectSpec: subjectSpecFor("github"),
      });
      expect(created.status).toBe(500);
      expect(await db.workload.findUnique({ where: { name: "audit-fail-workload" } })).toBeNull();

      const renamed = await patchItem("targets", operatorToken, target.id, {
        name: "audit-fail-target",
      });
      expect(renamed.status).toBe(500);
      expect(await db.cloudTarget.findUnique({ where: { id: target.id } })).toMatchObject({
        name: target.name,
        version: 1,
      });

      const deleted = await deleteItem("bindings", operatorToken, doomed.id);
      expect(deleted.status).toBe(500);
      expect(await db.binding.findUnique({ where: { id: doomed.id } })).not.toBeNull();
    } finally {
      await db.$executeRawUnsafe("DROP TRIGGER test_refuse_audit ON audit_event");
      await db.$executeRawUnsafe("DROP FUNCTION test_refuse_audit()");
    }
  });
});
