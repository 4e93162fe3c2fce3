import { describe, expect, it } from "vitest";
import { fileId, filedAt, holdsOnly, unfileId, type FiledIds } from "@/lib/trust-map/filed-ids";

describe("filed ids", () => {
  it("keeps a lone id as it is, makes a set for a second, and files an id once", () => {
    const index: FiledIds = new Map();
    fileId(index, "repo:contoso/web", "b-1");
    expect(index.get("repo:contoso/web")).toBe("b-1");
    fileId(index, "repo:contoso/web", "b-1");
    expect([...filedAt(index, "repo:contoso/web")]).toEqual(["b-1"]);
    fileId(index, "repo:contoso/web", "b-2");
    fileId(index, "repo:contoso/web", "b-2");
    expect([...filedAt(index, "repo:contoso/web")]).toEqual(["b-1", "b-2"]);
  });

  it("reads a lone id as one id, not as its characters", () => {
    const index: FiledIds = new Map([["k", "abc"]]);
    expect([...filedAt(index, "k")]).toEqual(["abc"]);
    expect([...filedAt(index, "missing")]).toEqual([]);
  });

  it("drops a key once its last id goes, whichever form it holds", () => {
    const index: FiledIds = new Map();
    fileId(index, "a", "x");
    unfileId(index, "a", "y");
    expect(index.has("a")).toBe(true);
    unfileId(index, "a", "x");
    expect(index.has("a")).toBe(false);
    fileId(index, "b", "x");
    fileId(index, "b", "y");
    unfileId(index, "b", "x");
    expect([...filedAt(index, "b")]).toEqual(["y"]);
    unfileId(index, "b", "y");
    expect(index.has("b")).toBe(false);
    unfileId(index, "never", "x");
    expect(index.size).toBe(0);
  });

  it("tells whether a key holds only one id, or nothing", () => {
    const index: FiledIds = new Map();
    expect(holdsOnly(index, "s", "w-1")).toBe(true);
    fileId(index, "s", "w-1");
    expect(holdsOnly(index, "s", "w-1")).toBe(true);
    expect(holdsOnly(index, "s", "w-2")).toBe(false);
    fileId(index, "s", "w-2");
    expect(holdsOnly(index, "s", "w-1")).toBe(false);
    unfileId(index, "s", "w-2");
    expect(holdsOnly(index, "s", "w-1")).toBe(true);
    expect(holdsOnly(index, "s", "w-2")).toBe(false);
  });
});
