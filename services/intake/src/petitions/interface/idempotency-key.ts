import { scopeIdempotencyKey, ValidationFailedError, type IdempotencyScope } from '@pdmc/platform';

const IDEMPOTENCY_KEY = /^[A-Za-z0-9_-]{8,64}$/;

/** A client's retry key: 8-64 letters, digits, `-` or `_`, or none. */
export function checkIdempotencyKey(key: string | undefined): void {
  if (key !== undefined && !IDEMPOTENCY_KEY.test(key)) {
    throw new ValidationFailedError([
      { field: 'Idempotency-Key', rule: 'matches', message: 'Idempotency-Key must be 8-64 letters, digits, - or _' },
    ]);
  }
}

/** The checked key bound to its caller and the request body (see `scopeIdempotencyKey`), or undefined without one. */
export function idempotencyOf(
  key: string | undefined,
  caller: { subject: string } | 'anonymous',
  body: object,
): IdempotencyScope | undefined {
  checkIdempotencyKey(key);
  return key === undefined ? undefined : scopeIdempotencyKey(key, caller, body);
}
