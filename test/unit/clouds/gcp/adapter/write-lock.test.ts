import { describe, expect, it } from "vitest";
import { serialisePerKey } from "@/lib/clouds/gcp/adapter/write-lock";

const deferred = () => {
  let resolve = () => {};
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
};

describe("serialisePerKey", () => {
  it("runs tasks of one key one after another, and other keys meanwhile", async () => {
    const log: string[] = [];
    const gate = deferred();
    const first = serialisePerKey("a", async () => {
      log.push("a1 start");
      await gate.promise;
      log.push("a1 end");
    });
    const second = serialisePerKey("a", async () => void log.push("a2"));
    await serialisePerKey("b", async () => void log.push("b1"));
    expect(log).toEqual(["a1 start", "b1"]);
    gate.resolve();
    await Promise.all([first, second]);
    expect(log).toEqual(["a1 start", "b1", "a1 end", "a2"]);
  });

  it("lets the next task run after one fails", async () => {
    const failed = serialisePerKey("c", async () => {
      throw new Error("refused");
    });
    await expect(failed).rejects.toThrow("refused");
    await expect(serialisePerKey("c", async () => "ran")).resolves.toBe("ran");
  });
});
