/** Error classes of the MongoDB driver and mongoose that mean "the database is not reachable now". */
const TRANSIENT_NAMES = new Set([
  'MongoServerSelectionError',
  'MongooseServerSelectionError',
  'MongoNetworkError',
  'MongoNetworkTimeoutError',
  'MongoNotConnectedError',
  'MongoPoolClearedError',
  'MongoWaitQueueTimeoutError',
  'MongoTopologyClosedError',
  'MongoOperationTimeoutError',
]);

/** Server codes that say "try again": a stepping-down primary, a shutdown, a network failure. */
const TRANSIENT_CODES = new Set([6, 7, 89, 91, 189, 262, 9001, 10107, 11600, 11602, 13435, 13436]);

const TRANSIENT_LABELS = ['RetryableWriteError', 'TransientTransactionError', 'ResetPool', 'PoolRequstedRetry'];

/** Node socket errors. */
const TRANSIENT_SYSCALL_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);

/**
 * True when an error says the database (or the network to it) is unavailable for now, so the
 * same operation can succeed later unchanged: server selection, connection and pool errors,
 * mongoose's buffering timeout, retryable server codes. Such failures must not spend a
 * message's deliveries or an outbox entry's attempts. Looks through `cause` chains.
 */
export function isTransientDatabaseError(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 5) return false;
  const e = error as {
    name?: unknown;
    code?: unknown;
    message?: unknown;
    cause?: unknown;
    hasErrorLabel?: (label: string) => boolean;
    errorLabels?: unknown;
  };
  if (typeof e.name === 'string' && TRANSIENT_NAMES.has(e.name)) return true;
  if (typeof e.code === 'number' && TRANSIENT_CODES.has(e.code)) return true;
  if (typeof e.code === 'string' && TRANSIENT_SYSCALL_CODES.has(e.code)) return true;
  if (typeof e.hasErrorLabel === 'function' && TRANSIENT_LABELS.some((l) => e.hasErrorLabel!(l))) return true;
  if (Array.isArray(e.errorLabels) && e.errorLabels.some((l) => TRANSIENT_LABELS.includes(String(l)))) return true;
  // Mongoose queues operations while disconnected and fails them with this text after bufferTimeoutMS.
  if (typeof e.message === 'string' && /buffering timed out after|connection .* closed|Client must be connected/i.test(e.message)) return true;
  return isTransientDatabaseError(e.cause, depth + 1);
}
