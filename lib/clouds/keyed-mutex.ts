/**
 * Runs tasks one at a time per key, in arrival order; different keys run at
 * once. In-process: one worker applies a given target at a time (the apply
 * job's own rule). Shared by the writers whose cloud demands serial writes to
 * one parent:
 * - Azure refuses concurrent credential writes under one managed identity
 *   with 409 (CLOUDS.md 1.5,
 *   https://learn.microsoft.com/en-us/entra/workload-id/workload-identity-federation-considerations);
 * - AWS UpdateAssumeRolePolicy replaces a role's whole trust policy and has
 *   no ETag, so overlapping read-modify-writes lose one (SECURITY.md 4.2,
 *   https://docs.aws.amazon.com/IAM/latest/APIReference/API_UpdateAssumeRolePolicy.html).
 */
export function createKeyedMutex() {
  const tails = new Map<string, Promise<void>>();
  return async function runExclusive<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = tails.get(key) ?? Promise.resolve();
    let done = () => {};
    const mine = new Promise<void>((resolve) => (done = resolve));
    const tail = previous.then(() => mine);
    tails.set(key, tail);
    await previous;
    try {
      return await task();
    } finally {
      done();
      // The last one out leaves no entry behind.
      if (tails.get(key) === tail) tails.delete(key);
    }
  };
}
