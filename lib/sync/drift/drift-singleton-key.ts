/** One queued drift check per target, whoever asks (the sweep or an operator). */
export function driftSingletonKey(targetId: string): string {
  return `target:${targetId}`;
}
