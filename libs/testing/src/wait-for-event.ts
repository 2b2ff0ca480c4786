import { isDeepStrictEqual } from 'node:util';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { streamMessages, type StoredMessage } from './bus';
import { waitFor } from './wait-for';

/** Where a test's streams are: a {@link TestNamespace} (or an in-process service's `ns`) will do. */
export interface EventBus {
  natsUrl: string;
  /** Prefix of the namespace's stream names (`T1A2B3C4D_`). */
  streamPrefix: string;
}

/**
 * Which stored events a test is after. Every criterion given must hold; none given matches
 * every message of the stream.
 */
export interface EventQuery {
  /** The stream as declared, without the namespace prefix: `ROUTING`, `INTAKE`, `DEAD_LETTERS`. */
  stream: string;
  /** The envelope `type` (the subject without bus prefix), e.g. `routing.petition.routed.v1`; any type if omitted. */
  type?: string;
  /** Payload fields the event must have, each deeply equal: `{ petitionId }`. */
  payload?: Record<string, unknown>;
  /** Text the message body must contain anywhere (e.g. an id in a dead letter, whatever its shape). */
  mentioning?: string;
  /** Any other condition, on the payload and the whole stored message. */
  where?: (payload: Record<string, unknown>, message: StoredMessage) => boolean;
  /** Words for {@link where} in the timeout message, e.g. `'flags.threatOfExtremeAction set'`. */
  whereDescription?: string;
}

/** How long {@link waitForEvent} and {@link waitForEvents} wait. */
export interface WaitForEventOptions {
  /** Give up after this long. Default 15 000 ms. */
  timeoutMs?: number;
  /** Pause between two reads of the stream. Default 200 ms. */
  intervalMs?: number;
}

function payloadOf(message: StoredMessage): Record<string, unknown> {
  const payload = message.data['payload'];
  return typeof payload === 'object' && payload !== null ? (payload as Record<string, unknown>) : {};
}

function matches(query: EventQuery, message: StoredMessage): boolean {
  if (query.type !== undefined && message.data['type'] !== query.type) return false;
  const payload = payloadOf(message);
  if (query.payload && !Object.entries(query.payload).every(([key, value]) => isDeepStrictEqual(payload[key], value))) {
    return false;
  }
  if (query.mentioning !== undefined && !JSON.stringify(message.data).includes(query.mentioning)) return false;
  return query.where ? query.where(payload, message) : true;
}

const streamName = (bus: EventBus, query: EventQuery) => `${bus.streamPrefix}${query.stream}`;

/** `1 event "routing.petition.routed.v1" with payload {"petitionId":"…"} in stream T…_ROUTING` */
function describeQuery(bus: EventBus, query: EventQuery, count: number): string {
  const parts = [`${count} event${count === 1 ? '' : 's'} ${query.type ? `"${query.type}"` : 'of any type'}`];
  if (query.payload) parts.push(`with payload ${JSON.stringify(query.payload)}`);
  if (query.mentioning !== undefined) parts.push(`mentioning ${JSON.stringify(query.mentioning)}`);
  if (query.where) parts.push(`where ${query.whereDescription ?? 'the given predicate holds'}`);
  return `${parts.join(' ')} in stream ${streamName(bus, query)}`;
}

/** `held 4 messages: intake.petition.registered.v1 ×3, intake.petition.accepted.v1 ×1; 1 of the type, 0 matching` */
function describeSeen(query: EventQuery, seen: StoredMessage[] | undefined, exists: boolean): string {
  if (!exists) return 'the stream does not exist';
  if (!seen) return 'the stream could not be read';
  if (seen.length === 0) return 'the stream held no messages';
  const types = new Map<string, number>();
  for (const m of seen) {
    const type = typeof m.data['type'] === 'string' ? (m.data['type'] as string) : `(no type, subject ${m.subject})`;
    types.set(type, (types.get(type) ?? 0) + 1);
  }
  const listed = [...types].map(([type, n]) => `${type} ×${n}`).join(', ');
  const ofType = query.type === undefined ? seen.length : (types.get(query.type) ?? 0);
  const matching = seen.filter((m) => {
    try {
      return matches(query, m);
    } catch {
      return false;
    }
  }).length;
  return `the stream held ${seen.length} message${seen.length === 1 ? '' : 's'}: ${listed}; ${ofType} of the type, ${matching} matching`;
}

async function streamExists(natsUrl: string, stream: string): Promise<boolean> {
  const nc = await connect({ servers: natsUrl });
  try {
    const jsm = await jetstreamManager(nc);
    return (await jsm.streams.info(stream).catch(() => undefined)) !== undefined;
  } finally {
    await nc.close();
  }
}

/**
 * The events now stored in a stream that match `query`, oldest first: for checking that
 * something did not happen, or happened only once, after the test waited for what it expected.
 */
export async function findEvents(bus: EventBus, query: EventQuery): Promise<StoredMessage[]> {
  return (await streamMessages(bus.natsUrl, streamName(bus, query))).filter((m) => matches(query, m));
}

/**
 * Waits until the stream holds at least `count` events matching `query` and resolves with
 * all the matching events stored at that moment (so a test can then check there are not
 * more), oldest first. On timeout the error says what it waited for and which types the
 * stream held, e.g.:
 *
 * `Timed out after 15000 ms waiting for 1 event "intake.petition.declined.v1" with payload
 * {"petitionId":"…"} in stream T…_INTAKE; the stream held 2 messages:
 * intake.petition.registered.v1 ×1, intake.petition.accepted.v1 ×1; 0 of the type, 0 matching`
 */
export async function waitForEvents(
  bus: EventBus,
  query: EventQuery,
  count: number,
  { timeoutMs = 15_000, intervalMs = 200 }: WaitForEventOptions = {},
): Promise<StoredMessage[]> {
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`waitForEvents: count must be a positive integer, got ${count}`);
  const what = describeQuery(bus, query, count);
  let seen: StoredMessage[] | undefined;
  try {
    return await waitFor(
      async () => {
        seen = await streamMessages(bus.natsUrl, streamName(bus, query));
        const found = seen.filter((m) => matches(query, m));
        return found.length >= count ? found : undefined;
      },
      { description: what, timeoutMs, intervalMs },
    );
  } catch (error) {
    const exists = seen?.length ? true : await streamExists(bus.natsUrl, streamName(bus, query)).catch(() => true);
    throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}; ${describeSeen(query, seen, exists)}`, {
      cause: error,
    });
  }
}

/**
 * Waits until the stream holds an event matching `query` and resolves with the first one
 * (oldest) stored. See {@link waitForEvents} for the timeout message.
 *
 * ```ts
 * const routed = await waitForEvent(ns, { stream: 'ROUTING', type: 'routing.petition.routed.v1', payload: { petitionId } });
 * ```
 */
export async function waitForEvent(bus: EventBus, query: EventQuery, options: WaitForEventOptions = {}): Promise<StoredMessage> {
  const [first] = await waitForEvents(bus, query, 1, options);
  return first;
}
