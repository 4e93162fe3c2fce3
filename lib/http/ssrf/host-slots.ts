// A counting semaphore per host:port (SECURITY.md §2.3 "a per-host
// concurrency of 1–2"): however many diagnoses name one slow issuer, this
// process holds at most `limit` connections to it; the rest wait their turn,
// each for no longer than its own deadline. In memory, so per instance.

/** Gives a slot back; calling it again does nothing. */
export type ReleaseSlot = () => void;

export type HostSlots = {
  /** Resolves once a slot for `key` is free; rejects with the signal's reason if it aborts first. */
  acquire: (key: string, signal: AbortSignal) => Promise<ReleaseSlot>;
};

export function createHostSlots(limit: number): HostSlots {
  const busy = new Map<string, number>();
  const queues = new Map<string, Array<(release: ReleaseSlot) => void>>();

  function releaser(key: string): ReleaseSlot {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = queues.get(key)?.shift();
      if (queues.get(key)?.length === 0) queues.delete(key);
      // Hand the slot straight to the next waiter, so no newcomer can jump the queue.
      if (next) return next(releaser(key));
      const count = (busy.get(key) ?? 1) - 1;
      if (count === 0) busy.delete(key);
      else busy.set(key, count);
    };
  }

  return {
    acquire(key, signal) {
      if (signal.aborted) return Promise.reject(signal.reason);
      const count = busy.get(key) ?? 0;
      if (count < limit) {
        busy.set(key, count + 1);
        return Promise.resolve(releaser(key));
      }
      return new Promise<ReleaseSlot>((resolve, reject) => {
        const queue = queues.get(key) ?? [];
        queues.set(key, queue);
        const onAbort = () => {
          const index = queue.indexOf(take);
          if (index >= 0) queue.splice(index, 1);
          if (queue.length === 0 && queues.get(key) === queue) queues.delete(key);
          reject(signal.reason);
        };
        const take = (release: ReleaseSlot) => {
          signal.removeEventListener("abort", onAbort);
          resolve(release);
        };
        queue.push(take);
        signal.addEventListener("abort", onAbort, { once: true });
      });
    },
  };
}
