import { describe, expect, it } from "vitest";
import { withKeyLock } from "@/lib/clouds/aws/adapter/write-lock";

// A promise the test settles itself, so order is observed without timing.
function gate() {
  let open = () => {};
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

describe("withKeyLock", () => {
  it("runs work on one key one at a time, in call order", async () => {
    const log: string[] = [];
    const first = gate();
    const a = withKeyLock("role-a", async () => {
      log.push("a1 start");
      await first.opened;
      log.push("a1 end");
    });
    const b = withKeyLock("role-a", async () => void log.push("a2 start"));
    await Promise.resolve();
    expect(log).toEqual(["a1 start"]);
    first.open();
    await Promise.all([a, b]);
    expect(log).toEqual(["a1 start", "a1 end", "a2 start"]);
  });

  it("runs work on another key while the first is held", async () => {
    const held = gate();
    const a = withKeyLock("role-a", () => held.opened);
    let ranB = false;
    await withKeyLock("role-b", async () => void (ranB = true));
    expect(ranB).toBe(true);
    held.open();
    await a;
  });

  it("releases the key when the work throws", async () => {
    await expect(withKeyLock("role-c", () => Promise.reject(new Error("boom")))).rejects.toThrow(
      "boom",
    );
    expect(await withKeyLock("role-c", async () => "next")).toBe("next");
  });
});
