import { isTransientBusError, TransientFailureError } from '@pdmc/messaging';
import { isTransientDatabaseError } from '@pdmc/persistence';

/**
 * A failure that says "not now" rather than "never": the database or NATS is unreachable, a
 * timeout, or a handler's own `TransientFailureError`. Event handlers retry such failures in
 * place without spending a delivery; the outbox relay does not count them toward parking.
 */
export function isTransientFailure(error: unknown): boolean {
  return error instanceof TransientFailureError || isTransientDatabaseError(error) || isTransientBusError(error);
}
