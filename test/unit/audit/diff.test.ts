import { describe, expect, it } from "vitest";
import { diffSnapshots } from "@/lib/audit/diff";

describe("diffSnapshots", () => {
  it("marks every field added when there was nothing before (a create)", () => {
    expect(diffSnapshots(null, { name: "GitLab", kind: "gitlab" })).toEqual([
      { path: "kind", before: undefined, after: "gitlab", change: "added" },
      { path: "name", before: undefined, after: "GitLab", change: "added" },
    ]);
  });

  it("marks every field removed when nothing is left (a delete)", () => {
    expect(diffSnapshots({ name: "GitLab" }, null)).toEqual([
      { path: "name", before: "GitLab", after: undefined, change: "removed" },
    ]);
  });

  it("flattens nested objects to dotted paths in sorted order", () => {
    const before = { name: "A", owner: { team: "platform", contact: "a@example.com" }, version: 1 };
    const after = { name: "A", owner: { team: "security", contact: "a@example.com" }, version: 2 };
    expect(diffSnapshots(before, after)).toEqual([
      { path: "name", before: "A", after: "A", change: "same" },
      { path: "owner.contact", before: "a@example.com", after: "a@example.com", change: "same" },
      { path: "owner.team", before: "platform", after: "security", change: "changed" },
      { path: "version", before: 1, after: 2, change: "changed" },
    ]);
  });

  it.each([
    ["arrays as whole values", { tags: ["a", "b"] }, { tags: ["a", "c"] }, "changed"],
    ["equal arrays", { tags: ["a"] }, { tags: ["a"] }, "same"],
    ["null to a value", { jwksUri: null }, { jwksUri: "https://k.example.com" }, "changed"],
    ["a value to null", { jwksUri: "https://k.example.com" }, { jwksUri: null }, "changed"],
    ["a type change", { version: "1" }, { version: 1 }, "changed"],
    [
      "objects in an array whose keys come back reordered (jsonb)",
      { statements: [{ Sid: "A", Effect: "Allow" }] },
      { statements: [{ Effect: "Allow", Sid: "A" }] },
      "same",
    ],
  ])("compares %s", (_label, before, after, change) => {
    const [row] = diffSnapshots(before, after);
    expect(row?.change).toBe(change);
  });

  it("shows an emptied nested object rather than dropping it", () => {
    expect(diffSnapshots({ meta: { a: 1 } }, { meta: {} })).toEqual([
      { path: "meta", before: undefined, after: {}, change: "added" },
      { path: "meta.a", before: 1, after: undefined, change: "removed" },
    ]);
  });

  it("returns nothing for two empty snapshots", () => {
    expect(diffSnapshots({}, {})).toEqual([]);
    expect(diffSnapshots(null, null)).toEqual([]);
  });
});
