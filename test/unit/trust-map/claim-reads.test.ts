import { describe, expect, it } from "vitest";
import {
  absentRead,
  clearClaimReads,
  newClaimReads,
  trackClaims,
  unknownRead,
} from "@/lib/trust-map/claim-reads";

// What an evaluation read decides whether its verdict can rest on a claim
// Fedlens does not know; these pin the reads the Proxy must notice.

const claims = {
  sub: "system:serviceaccount:web:deployer",
  "kubernetes.io": { namespace: "web", serviceaccount: { name: "deployer" } },
};
const podPath = ["kubernetes.io", "pod"];
const uidPath = ["kubernetes.io", "serviceaccount", "uid"];

describe("claim reads", () => {
  it("notes a read inside a nested claim, and only the unknown it touches", () => {
    const reads = newClaimReads();
    const tracked = trackClaims(claims, reads);
    const k8s = tracked["kubernetes.io"] as Record<string, Record<string, unknown>>;
    expect(k8s.serviceaccount?.uid).toBeUndefined();
    expect(unknownRead(reads, [podPath, uidPath])).toEqual([uidPath]);
  });

  it("notes a presence test as a read", () => {
    const reads = newClaimReads();
    const k8s = trackClaims(claims, reads)["kubernetes.io"] as Record<string, unknown>;
    expect("pod" in k8s).toBe(false);
    expect(unknownRead(reads, [podPath, uidPath])).toEqual([podPath]);
  });

  it("does not count reading the outer claim as reading what it lacks", () => {
    const reads = newClaimReads();
    const k8s = trackClaims(claims, reads)["kubernetes.io"] as Record<string, unknown>;
    expect(k8s.namespace).toBe("web");
    expect(unknownRead(reads, [podPath, uidPath])).toEqual([]);
    expect(unknownRead(reads, [["kubernetes.io"]])).toEqual([["kubernetes.io"]]);
  });

  it("hands back the same inner object on every read, so an evaluator may compare them", () => {
    const tracked = trackClaims(claims, newClaimReads());
    expect(tracked["kubernetes.io"]).toBe(tracked["kubernetes.io"]);
  });

  it("lists top-level claims read that the token lacks, registered ones aside", () => {
    const reads = newClaimReads();
    const tracked = trackClaims(claims, reads);
    void [tracked.repository, tracked.sub, tracked.nbf, tracked.repository];
    expect(absentRead(reads, claims)).toEqual([["repository"]]);
    expect(reads.listed).toBe(false);
    Object.keys(tracked);
    expect(reads.listed).toBe(true);
  });
});

describe("unknown claims read", () => {
  const actor = ["actor"];
  const runId = ["run_id"];
  const unknown = [podPath, actor, runId];

  function readsOf(read: (tracked: Record<string, unknown>) => void) {
    const reads = newClaimReads();
    read(trackClaims({ ...claims, sub: "x" }, reads));
    return reads;
  }

  it("finds a top-level unknown claim among a list that also holds nested ones", () => {
    const reads = readsOf((tracked) => void [tracked.sub, tracked.actor, tracked.sub]);
    expect(reads.names).toEqual(["sub", "actor"]);
    expect(unknownRead(reads, unknown)).toEqual([actor]);
  });

  it("finds none when only known claims were read, and answers each evaluation's reads anew", () => {
    const readActor = readsOf((tracked) => void tracked.actor);
    const readSub = readsOf((tracked) => void tracked.sub);
    // The same shared list asked about twice: nothing of the first answer is kept.
    expect(unknownRead(readActor, unknown)).toEqual([actor]);
    expect(unknownRead(readSub, unknown)).toEqual([]);
    expect(unknownRead(readActor, unknown)).toEqual([actor]);
  });

  it("counts any read as a read of the empty path, and no read as none", () => {
    expect(
      unknownRead(
        readsOf((tracked) => void tracked.sub),
        [[], runId],
      ),
    ).toEqual([[]]);
    expect(
      unknownRead(
        readsOf(() => undefined),
        [[], runId],
      ),
    ).toEqual([]);
  });

  it("starts empty again once cleared", () => {
    const reads = readsOf((tracked) => {
      void tracked.actor;
      void (tracked["kubernetes.io"] as Record<string, unknown>).pod;
      Object.keys(tracked);
    });
    expect(unknownRead(reads, unknown)).toEqual([podPath, actor]);
    clearClaimReads(reads);
    expect(reads).toEqual(newClaimReads());
    expect(unknownRead(reads, unknown)).toEqual([]);
  });
});
