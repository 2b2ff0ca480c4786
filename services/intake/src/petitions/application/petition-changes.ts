/**
 * Runs a read-then-conditional-update step, retrying once when a concurrent change moved the
 * document between the read and the write (the update's filter no longer matched).
 */
export async function withOneRetry<T>(step: () => Promise<T | 'conflict'>, onConflict: () => Error): Promise<T> {
  for (let attempt = 0; attempt < 2; attempt++) {
    const result = await step();
    if (result !== 'conflict') return result;
  }
  throw onConflict();
}

/** The optimistic-concurrency counter mongoose keeps under `version` (versionKey). */
export function versionOf(doc: object): number {
  return (doc as { version?: number }).version ?? 0;
}
