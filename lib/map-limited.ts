/**
 * Runs `work` over `items` with at most `limit` in flight; results keep the
 * items' order. When one item fails, no new item starts, the ones in flight
 * finish, and then the first failure is thrown: nothing is left running
 * behind the caller's back. `work` is told which lane (0 to limit - 1) runs
 * the item: a lane takes one item after another, never two at once.
 */
export async function mapLimited<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T, lane: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  let failure: { error: unknown } | null = null;
  const lane = async (_: unknown, laneIndex: number) => {
    while (next < items.length && !failure) {
      const index = next++;
      try {
        results[index] = await work(items[index] as T, laneIndex);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  if (failure) throw (failure as { error: unknown }).error;
  return results;
}
