import { describe, expect, it } from "vitest";
import { boundedMemo } from "@/lib/bounded-memo";

describe("boundedMemo", () => {
  it("computes once per key and gives each key its own answer", () => {
    const memo = boundedMemo<string>(10);
    const computed: string[] = [];
    const upper = (key: string) =>
      memo(key, () => {
        computed.push(key);
        return key.toUpperCase();
      });
    expect([upper("a"), upper("b"), upper("a")]).toEqual(["A", "B", "A"]);
    expect(computed).toEqual(["a", "b"]);
  });

  it("remembers null and undefined answers too", () => {
    const memo = boundedMemo<string | null>(10);
    let runs = 0;
    const none = () => memo("k", () => ((runs += 1), null));
    expect([none(), none()]).toEqual([null, null]);
    expect(runs).toBe(1);
  });

  it("starts afresh once full, and recomputes what it forgot when asked again", () => {
    const memo = boundedMemo<number>(2);
    const computed: string[] = [];
    const length = (key: string) => memo(key, () => (computed.push(key), key.length));
    length("a");
    length("bb");
    length("a");
    length("ccc");
    length("ccc");
    length("a");
    expect(computed).toEqual(["a", "bb", "ccc", "a"]);
  });

  it("computes but does not remember a key longer than its bound", () => {
    const memo = boundedMemo<number>(10, { maxKeyLength: 4 });
    let runs = 0;
    const count = (key: string) => memo(key, () => (runs += 1));
    expect([count("abcd"), count("abcd")]).toEqual([1, 1]);
    expect([count("abcde"), count("abcde")]).toEqual([2, 3]);
  });
});
