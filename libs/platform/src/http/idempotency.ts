import { createHash } from 'node:crypto';
import { DomainError } from './api-error';

/** 422: an `Idempotency-Key` this caller already used for a different request body. */
export class IdempotencyKeyReusedError extends DomainError {
  constructor() {
    super('IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was used for a different request; use a new key for a new request', 422);
  }
}

/** JSON with object keys sorted at every level, so equal bodies give equal text whatever the key order. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** What a handler stores and looks up for an idempotent request: an indexed key and the body's fingerprint. */
export interface IdempotencyScope {
  /** The value stored under the unique index, scoped to the caller. */
  key: string;
  /** sha256 of the canonical request body: a replay must match it. */
  fingerprint: string;
}

/**
 * Binds a client's `Idempotency-Key` to its caller and body, as payment APIs do:
 * - staff: the key is scoped to the token's subject (another clerk's same key is another
 *   request), and the fingerprint lets a reuse with a different body be refused with 422;
 * - anonymous callers have no identity, so the key is bound to the body itself (the stored key
 *   is a hash of both): a stranger guessing a key with another body starts a new request and
 *   learns nothing of the first.
 */
export function scopeIdempotencyKey(key: string, caller: { subject: string } | 'anonymous', body: unknown): IdempotencyScope {
  const fingerprint = sha256(canonicalJson(body));
  return caller === 'anonymous'
    ? { key: `anon:${sha256(`${key}\n${fingerprint}`)}`, fingerprint }
    : { key: `sub:${sha256(`${caller.subject}\n${key}`)}`, fingerprint };
}
