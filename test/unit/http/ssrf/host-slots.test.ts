import { describe, expect, it } from "vitest";
import { createHostSlots } from "@/lib/http/ssrf/host-slots";

const never = () => new AbortController().signal;

describe("createHostSlots", () => {
  it("grants two slots per key at once and hands a freed slot to the longest waiter", async () => {
    const slots = createHostSlots(2);
    const first = await slots.acquire("a:443", never());
    await slots.acquire("a:443", never());
    const order: string[] = [];
    const third = slots.acquire("a:443", never()).then((release) => {
      order.push("third");
      return release;
    });
    const fourth = slots.acquire("a:443", never()).then(() => order.push("fourth"));
    // Another host is not held up by this one.
    await slots.acquire("b:443", never());
    expect(order).toEqual([]);

    first();
    first();
    (await third)();
    await fourth;
    expect(order).toEqual(["third", "fourth"]);
  });

  it("drops a waiter whose signal aborts, rejecting with the signal's reason", async () => {
    const slots = createHostSlots(1);
    const release = await slots.acquire("a:443", never());
    const controller = new AbortController();
    const waiting = slots.acquire("a:443", controller.signal);
    controller.abort(new Error("deadline"));
    await expect(waiting).rejects.toThrow("deadline");

    release();
    // The aborted waiter took nothing: the slot is free for the next caller.
    await expect(slots.acquire("a:443", never())).resolves.toBeTypeOf("function");
    await expect(slots.acquire("a:443", AbortSignal.abort(new Error("late")))).rejects.toThrow(
      "late",
    );
  });
});
