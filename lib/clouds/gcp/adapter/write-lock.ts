// Writes to one service account's IAM policy run one at a time in this
// process: two Fedlens changes on one account would otherwise read the same
// etag and one would lose its write to a 409 and a re-read (SECURITY.md 4.4:
// one writer per parent resource). Different accounts run in parallel.

const tails = new Map<string, Promise<void>>();

/** Runs `task` after every earlier task of `key` has settled. */
export async function serialisePerKey<T>(key: string, task: () => Promise<T>): Promise<T> {
  const previous = tails.get(key) ?? Promise.resolve();
  const run = previous.then(task);
  const tail = run.then(
    () => undefined,
    () => undefined,
  );
  tails.set(key, tail);
  try {
    return await run;
  } finally {
    if (tails.get(key) === tail) tails.delete(key);
  }
}
