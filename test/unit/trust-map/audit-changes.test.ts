import { describe, expect, it } from "vitest";
import { auditActions } from "@/lib/audit/audit-actions";
import { mapEffects, rowsToReread } from "@/lib/trust-map/audit-changes";

const event = (action: string, entityType: string, entityId: string | null = "id-1") => ({
  action,
  entityType,
  entityId,
});

describe("rowsToReread", () => {
  it("says what every action the trail can hold does to the map", () => {
    expect(Object.keys(mapEffects).sort()).toEqual([...auditActions].sort());
  });

  it("re-reads each changed issuer, workload, target and binding once", () => {
    expect(
      rowsToReread([
        event("binding.create", "binding", "b1"),
        event("binding.update", "binding", "b1"),
        event("workload.delete", "workload", "w1"),
        event("target.update", "target", "t1"),
        event("issuer.create", "issuer", "i1"),
        event("sync.apply", "binding", "b2"),
        event("drift.change", "binding", "b3"),
      ]),
    ).toEqual({
      issuers: ["i1"],
      workloads: ["w1"],
      targets: ["t1"],
      bindings: ["b1", "b2", "b3"],
    });
  });

  it("ignores events that change nothing the map shows", () => {
    expect(
      rowsToReread([
        event("auth.sign_in", "user"),
        event("token.diagnose", "diagnosis"),
        event("risk.accept", "risk"),
        event("import.commit", "import"),
      ]),
    ).toEqual({ issuers: [], workloads: [], targets: [], bindings: [] });
  });

  it.each([
    ["an issuer's edit", event("issuer.update", "issuer")],
    ["an issuer's delete", event("issuer.delete", "issuer")],
    ["an action this build does not know", event("binding.merge", "binding")],
    ["a catalogue event without its entity", event("binding.update", "binding", null)],
  ])("asks for a rebuild after %s", (_what, unsafe) => {
    expect(rowsToReread([event("binding.create", "binding"), unsafe])).toBeNull();
  });
});
