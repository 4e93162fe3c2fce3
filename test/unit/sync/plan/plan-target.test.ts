import { describe, expect, it } from "vitest";
import type { ActualBinding, TargetRead } from "@/lib/clouds/adapter-types";
import { planHash } from "@/lib/sync/plan/plan-hash";
import { summarizePlan } from "@/lib/sync/plan/plan-summary";
import { planTarget } from "@/lib/sync/plan/plan-target";
import type { PlanBinding, PlanTargetInput, PlanTools } from "@/lib/sync/plan/plan-types";

const ref = { kind: "azure-uami" as const, config: {}, externalId: "/id/one", bindings: [] };

function binding(name: string, subject: string, owned = true): PlanBinding {
  const spec = { name, subject };
  return {
    id: `b-${name}`,
    name,
    owned,
    desired: { key: name, spec, cloudObject: { name, subject } },
    context: {
      spec,
      target: { id: "t1", kind: "azure-uami", name: "one", config: {} },
      workload: { id: "w1", name: "w", subject, subjectSpec: null },
      issuer: { issuerUrl: "https://issuer.example", kind: "generic" },
    },
  };
}

const object = (name: string, subject: string): ActualBinding => ({
  key: name,
  spec: { name, subject },
  cloudObject: { name, subject },
});

const found = (...bindings: ActualBinding[]): TargetRead => ({
  state: "found",
  target: { kind: "azure-uami", config: {}, externalId: "/id/one", displayName: "one", bindings },
});

const input = (parts: Partial<PlanTargetInput>): PlanTargetInput => ({
  targetId: "t1",
  ref,
  bindings: [],
  tombstones: [],
  read: found(),
  ...parts,
});

/** At most `limit` trust objects per identity, counted over the final state, like the cloud's cap. */
const tools = (limit = 20): PlanTools => ({
  bindingFindings: ({ siblings }) => ({
    errors:
      siblings.length + 1 > limit
        ? [{ path: "name", message: `At most ${limit} credentials per identity.` }]
        : [],
    warnings: [],
  }),
  describeChange: (_ref, change) => ({
    call: `write ${change.op} ${change.key}`,
    before: change.op === "create" ? null : change.actual.cloudObject,
    after: change.op === "delete" ? null : change.desired.cloudObject,
  }),
});

describe("planTarget", () => {
  it("plans a create for a binding the cloud lacks, with the writer's call", () => {
    const plan = planTarget(input({ bindings: [binding("a", "repo:x")] }), tools());
    expect(plan.operations).toMatchObject([
      { op: "create", status: "pending", key: "a", call: "write create a", before: null },
    ]);
    expect(plan.operations[0]?.change?.op).toBe("create");
  });

  it("plans an update with the field differences when an owned object differs", () => {
    const plan = planTarget(
      input({ bindings: [binding("a", "repo:new")], read: found(object("a", "repo:old")) }),
      tools(),
    );
    expect(plan.operations[0]).toMatchObject({
      op: "update",
      status: "pending",
      differences: [{ path: "subject", cloud: "repo:old", catalog: "repo:new" }],
    });
  });

  it("plans nothing for an object that already matches", () => {
    const plan = planTarget(
      input({ bindings: [binding("a", "repo:x")], read: found(object("a", "repo:x")) }),
      tools(),
    );
    expect(plan.operations).toMatchObject([{ op: "no-op", status: "unchanged", change: null }]);
  });

  it("proposes deleting only the objects whose owned binding was deleted (tombstones)", () => {
    const plan = planTarget(
      input({
        tombstones: [{ key: "gone", name: "gone", spec: {} }],
        read: found(object("gone", "repo:x"), object("theirs", "repo:y")),
      }),
      tools(),
    );
    expect(plan.operations).toMatchObject([
      { op: "delete", status: "pending", key: "gone", bindingId: null, after: null },
    ]);
    expect(plan.leftAlone.map((left) => left.key)).toEqual(["theirs"]);
  });

  it("never deletes or changes an object Fedlens does not own", () => {
    const read = found(object("theirs", "repo:y"));
    if (read.state === "found") {
      read.target.foreign = [{ key: "stmt", description: "Another principal.", cloudObject: {} }];
    }
    const plan = planTarget(input({ read }), tools());
    expect(plan.operations).toEqual([]);
    expect(plan.leftAlone).toMatchObject([
      { key: "theirs", description: expect.stringContaining("left alone") },
      { key: "stmt", description: expect.stringContaining("Another principal.") },
    ]);
  });

  it("skips an object the cloud holds under a binding Fedlens does not own, asking to import it", () => {
    const plan = planTarget(
      input({ bindings: [binding("a", "repo:new", false)], read: found(object("a", "repo:old")) }),
      tools(),
    );
    expect(plan.operations[0]).toMatchObject({
      op: "update",
      status: "skipped",
      change: null,
      reason: expect.stringContaining("import it first"),
    });
  });

  it("ignores a tombstone once the cloud no longer holds the object or a binding has its key again", () => {
    const plan = planTarget(
      input({
        bindings: [binding("back", "repo:x")],
        tombstones: [
          { key: "back", name: "back", spec: {} },
          { key: "absent", name: "absent", spec: {} },
        ],
        read: found(object("back", "repo:x")),
      }),
      tools(),
    );
    expect(plan.operations.map((operation) => operation.op)).toEqual(["no-op"]);
  });

  it("refuses a change the cloud would refuse, counting the cloud's own objects as siblings", () => {
    const plan = planTarget(
      input({ bindings: [binding("a", "repo:x")], read: found(object("theirs", "repo:y")) }),
      tools(1),
    );
    expect(plan.operations[0]).toMatchObject({
      op: "create",
      status: "refused",
      change: null,
      call: null,
      findings: { errors: [{ message: "At most 1 credentials per identity." }] },
    });
  });

  it("does not count an object it is about to delete against the limit", () => {
    const plan = planTarget(
      input({
        bindings: [binding("a", "repo:x")],
        tombstones: [{ key: "gone", name: "gone", spec: {} }],
        read: found(object("gone", "repo:y")),
      }),
      tools(1),
    );
    expect(plan.operations.map((operation) => operation.status)).toEqual(["pending", "pending"]);
  });

  it.each([
    [
      "unreadable",
      {
        state: "unreadable",
        error: { kind: "denied", code: "AuthorizationFailed", message: "no", cause: "c", fix: "f" },
      },
      "could not read",
    ],
    ["missing", { state: "missing" }, "not in the cloud"],
    ["no-connection", { state: "no-connection" }, "no cloud connection"],
  ] as const)("plans nothing for a %s target and says why", (state, read, words) => {
    const plan = planTarget(
      input({ bindings: [binding("a", "repo:x")], read: read as PlanTargetInput["read"] }),
      tools(),
    );
    expect(plan).toMatchObject({ read: state, operations: [] });
    expect(plan.reason).toContain(words);
  });

  it("says write support is not built yet when the writer cannot describe the change", () => {
    const throwing: PlanTools = {
      ...tools(),
      describeChange: () => {
        throw new Error("Writing to Azure is not built yet.");
      },
    };
    const plan = planTarget(input({ bindings: [binding("a", "repo:x")] }), throwing);
    expect(plan.operations[0]).toMatchObject({
      status: "pending",
      call: null,
      after: { name: "a", subject: "repo:x" },
      reason: expect.stringContaining("not built yet"),
    });
  });
});

describe("plan summary and hash", () => {
  it("counts pending changes by kind and the rest by status", () => {
    const plan = planTarget(
      input({
        bindings: [binding("a", "repo:x"), binding("b", "repo:y"), binding("c", "repo:z", false)],
        read: found(object("b", "repo:y"), object("c", "repo:old")),
      }),
      tools(),
    );
    expect(summarizePlan(plan.operations)).toEqual({
      create: 1,
      update: 0,
      delete: 0,
      unchanged: 1,
      refused: 0,
      skipped: 1,
      pending: 1,
    });
  });

  it("changes when the cloud or the catalogue changes, not with the targets' order", () => {
    const one = input({ bindings: [binding("a", "repo:x")] });
    const two = input({ targetId: "t2" });
    expect(planHash([one, two])).toBe(planHash([two, one]));
    expect(planHash([one])).not.toBe(planHash([{ ...one, read: found(object("a", "repo:x")) }]));
    expect(planHash([one])).not.toBe(planHash([input({ bindings: [binding("a", "repo:y")] })]));
    expect(planHash([one])).toMatch(/^[0-9a-f]{64}$/);
  });
});
