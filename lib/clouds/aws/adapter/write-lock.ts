// Writes to one role's trust policy (and to one OIDC provider) run one after
// another in this process: UpdateAssumeRolePolicy replaces the whole document
// and IAM offers no ETag, so two read-modify-writes that overlap lose one of
// them (SECURITY.md 4.2, 4.4: per parent resource 1). Different keys run in
// parallel.
// https://docs.aws.amazon.com/IAM/latest/APIReference/API_UpdateAssumeRolePolicy.html

const tails = new Map<string, Promise<void>>();

/** Runs `work` once every earlier holder of `key` has finished (in call order). */
export async function withKeyLock<T>(key: string, work: () => Promise<T>): Promise<T> {
  const previous = tails.get(key) ?? Promise.resolve();
  let release = () => {};
  const done = new Promise<void>((resolve) => (release = resolve));
  const tail = previous.then(() => done);
  tails.set(key, tail);
  await previous;
  try {
    return await work();
  } finally {
    release();
    if (tails.get(key) === tail) tails.delete(key);
  }
}
