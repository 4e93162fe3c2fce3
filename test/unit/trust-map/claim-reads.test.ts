import { describe, expect, it } from "vitest";
import { absentRead, newClaimReads, trackClaims, unknownRead } from "@/lib/trust-map/claim-reads";

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
