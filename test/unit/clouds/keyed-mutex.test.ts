// One write at a time per identity or app, in arrival order; others run at once.
import { describe, expect, it } from "vitest";
import { createKeyedMutex } from "@/lib/clouds/keyed-mutex";

function gate() {
  let open = () => {};
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

describe("createKeyedMutex", () => {
  it("runs tasks on one key one after another, in arrival order", async () => {
    const run = createKeyedMutex();
    const log: string[] = [];
    const first = gate();
    const a = run("id", async () => {
      log.push("a start");
      await first.opened;
      log.push("a end");
    });
    const b = run("id", async () => {
      log.push("b");
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(log).toEqual(["a start"]);
    first.open();
    await Promise.all([a, b]);
    expect(log).toEqual(["a start", "a end", "b"]);
  });

  it("runs tasks on different keys at the same time", async () => {
    const run = createKeyedMutex();
    const held = gate();
    const started: string[] = [];
    const a = run("one", async () => {
      started.push("one");
      await held.opened;
    });
    const b = run("two", async () => {
      started.push("two");
      await held.opened;
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(started).toEqual(["one", "two"]);
    held.open();
    await Promise.all([a, b]);
  });

  it("lets the next task run after one fails, and passes the failure to its caller", async () => {
    const run = createKeyedMutex();
    const failed = run("id", () => Promise.reject(new Error("refused")));
    const next = run("id", () => Promise.resolve("ran"));
    await expect(failed).rejects.toThrow("refused");
    await expect(next).resolves.toBe("ran");
  });
});
