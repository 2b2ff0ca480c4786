/** nats.js error classes that mean "the broker is not reachable now" (`name` of the error). */
const TRANSIENT_BUS_ERRORS = new Set([
  'TimeoutError',
  'ConnectionError',
  'ClosedConnectionError',
  'DrainingConnectionError',
  // JetStream publish to a stream whose leader is not (yet) elected, e.g. right after a restart.
  'NoRespondersError',
  'JetStreamNotEnabled',
]);

/**
 * True when a NATS/JetStream error says "not now" (timeout, disconnected, closing, no responders
 * during a restart), so that the same operation can succeed later unchanged. Looks through
 * `cause` chains.
 */
export function isTransientBusError(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 5) return false;
  const e = error as { name?: unknown; cause?: unknown; code?: unknown };
  if (typeof e.name === 'string' && TRANSIENT_BUS_ERRORS.has(e.name)) return true;
  if (e.name === 'RequestError' && e.cause === undefined) return true;
  return isTransientBusError(e.cause, depth + 1);
}

/**
 * Thrown (or wrapped as `cause`) by a handler whose dependency is unavailable for now. The
 * consumer keeps such a message in progress and retries it with back-off for as long as it
 * takes, without spending one of its deliveries.
 */
export class TransientFailureError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'TransientFailureError';
  }
}
