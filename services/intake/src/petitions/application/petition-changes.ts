import { DomainError } from '@pdmc/platform';

/** A change that is not allowed in the petition's current state (409). */
export class PetitionStateConflictError extends DomainError {
  constructor(code: string, message: string) {
    super(code, message, 409);
  }
}

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
