import { Schema } from 'mongoose';

/**
 * Failed progress look-ups per query code. Kept for every code tried, known or not, so the
 * answers never tell whether a code exists.
 */
export interface LookupLock {
  _id: string;
  failures: number;
  lockedUntil?: Date;
  updatedAt: Date;
}

export const LOOKUP_LOCK_MODEL = 'LookupLock';

export const lookupLockSchema = new Schema<LookupLock>(
  {
    _id: { type: String },
    failures: { type: Number, required: true },
    lockedUntil: { type: Date },
    updatedAt: { type: Date, required: true },
  },
  { collection: 'lookup_locks', versionKey: false },
);
