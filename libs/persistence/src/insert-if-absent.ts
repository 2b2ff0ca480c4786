import type { Model } from 'mongoose';
import { isDuplicateKeyError } from './inbox';

/**
 * Runs a write that a unique key makes idempotent (an insert, or an upsert with `$setOnInsert`)
 * and tells whether it wrote: false when the key existed already, which for such a write means
 * it was done before (a redelivery, a retry, a concurrent first write). Other errors propagate.
 */
export async function duplicateKeyMeansDone(write: () => Promise<unknown>): Promise<boolean> {
  try {
    await write();
    return true;
  } catch (error) {
    if (isDuplicateKeyError(error)) return false;
    throw error;
  }
}

/** Inserts `doc` unless a document with the same unique key exists; true when this call inserted it. */
export function insertIfAbsent(
  // Any collection's model: the document is checked by the model's schema.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  model: Model<any>,
  doc: object,
): Promise<boolean> {
  return duplicateKeyMeansDone(() => model.create(doc));
}
