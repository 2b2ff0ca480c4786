import { EventEmitter } from 'node:events';
import { Schema, type Model, type Query } from 'mongoose';
import { findEventDefinition, validateEnvelope, type EventDefinition, type EventEnvelope, type FieldViolation } from '@pdmc/contracts';

/**
 * Reliable publishing without multi-document transactions: the events a state change causes
 * are stored in the same document, in the same single-document write, under `outbox`. A relay
 * publishes them (JetStream de-duplicates by event id) and then removes them. If the process
 * dies in between, the events are still in the document and the relay publishes them again.
 *
 * Pending documents are found through a top-level, indexed marker, never by scanning:
 * `outboxDueAt` is set (by {@link outboxPlugin}'s middleware, in the same write) whenever
 * entries are added, and removed by the relay once the outbox is empty. The relay reads
 * `{ outboxDueAt: { $lte: now } }` sorted by `outboxDueAt`, so the oldest pending document comes
 * first; after a failed publish the relay moves the marker into the future (back-off), so a
 * failing document does not hold the head of the queue. The marker cannot live in a collection
 * of its own: that would be a second write, and there are no multi-document transactions.
 */
export interface OutboxEntry {
  id: string;
  type: string;
  envelope: EventEnvelope;
}

export interface WithOutbox {
  outbox: OutboxEntry[];
}

/** An entry the relay gave up on (see `OutboxRelayOptions.maxAttempts`), kept for an operator. */
export interface ParkedOutboxEntry extends OutboxEntry {
  error: string;
  attempts: number;
  parkedAt: Date;
}

/** Top-level fields the plugin adds next to `outbox`. */
export interface OutboxMarkers {
  /** Set while `outbox` holds entries: when the relay should next try this document. Indexed. */
  outboxDueAt?: Date;
  /** Failed publish attempts of the first entry (the others wait behind it, in order). */
  outboxAttempts?: number;
  /** The last publish error of the first entry. */
  outboxLastError?: string;
  /** Entries parked after too many failures; `outboxParkedAt` marks documents that hold some. */
  outboxParked?: ParkedOutboxEntry[];
  outboxParkedAt?: Date;
}

const outboxEntrySchema = new Schema<OutboxEntry>(
  {
    id: { type: String, required: true },
    type: { type: String, required: true },
    envelope: { type: Schema.Types.Mixed, required: true },
  },
  { _id: false },
);

const parkedEntrySchema = new Schema<ParkedOutboxEntry>(
  {
    id: { type: String, required: true },
    type: { type: String, required: true },
    envelope: { type: Schema.Types.Mixed, required: true },
    error: { type: String, required: true },
    attempts: { type: Number, required: true },
    parkedAt: { type: Date, required: true },
  },
  { _id: false },
);

/** A document of `model` was written with new outbox entries (`id` unknown for multi-updates). */
export interface OutboxWrite {
  model: Model<unknown>;
  id?: unknown;
}

/**
 * Announces every write that added outbox entries, so the relay of the same process publishes
 * exactly those documents at once (by `_id`, no query over the collection).
 */
export const outboxWrites = new EventEmitter<{ write: [OutboxWrite] }>();
outboxWrites.setMaxListeners(100);

const UPDATE_OPS = ['findOneAndUpdate', 'updateOne', 'updateMany', 'findOneAndReplace', 'replaceOne'] as const;

/**
 * Mongoose plugin: adds the `outbox` array, the `outboxDueAt` marker the relay finds pending
 * documents by (indexed), the parking fields, and middleware that sets the marker in the same
 * write whenever entries are added (`create`/`save`, `insertMany`, `$push`/`$set` of `outbox`
 * in an update or a replacement). Writes through `model.collection` bypass the middleware and
 * must set `outboxDueAt` themselves.
 */
export function outboxPlugin(schema: Schema): void {
  schema.add({
    outbox: { type: [outboxEntrySchema], default: [] },
    outboxDueAt: { type: Date, required: false },
    outboxAttempts: { type: Number, required: false },
    outboxLastError: { type: String, required: false },
    outboxParked: { type: [parkedEntrySchema], default: undefined },
    outboxParkedAt: { type: Date, required: false },
  });
  schema.index({ 'outbox.id': 1 }, { sparse: true });
  schema.index({ outboxDueAt: 1 }, { sparse: true });
  schema.index({ outboxParkedAt: 1 }, { sparse: true });

  schema.pre('save', function markNewEntries() {
    const doc = this as unknown as WithOutbox & OutboxMarkers & { isModified(path: string): boolean };
    if (doc.outbox?.length && (doc.isModified('outbox') || !doc.outboxDueAt)) {
      if (!doc.outboxDueAt || doc.outboxDueAt > new Date()) doc.outboxDueAt = new Date();
    }
  });
  schema.post('save', function announce(doc: { _id: unknown; outbox?: unknown[]; constructor: unknown }) {
    if (doc.outbox?.length) outboxWrites.emit('write', { model: doc.constructor as Model<unknown>, id: doc._id });
  });

  schema.pre('insertMany', function markInserted(this: unknown, ...args: unknown[]) {
    const docs = args.find((a) => Array.isArray(a)) as Array<Partial<WithOutbox & OutboxMarkers>> | undefined;
    for (const doc of docs ?? []) {
      if (doc?.outbox?.length && !doc.outboxDueAt) doc.outboxDueAt = new Date();
    }
  });
  schema.post('insertMany', function announceInserted(this: Model<unknown>, result: unknown) {
    const docs = (Array.isArray(result) ? result : []) as Array<{ _id: unknown; outbox?: unknown[] }>;
    for (const doc of docs) {
      if (doc.outbox?.length) outboxWrites.emit('write', { model: this, id: doc._id });
    }
  });

  for (const op of UPDATE_OPS) {
    schema.pre(op, function markUpdate(this: Query<unknown, unknown>) {
      if (!addsOutboxEntries(this.getUpdate())) return;
      const update = this.getUpdate() as Record<string, Record<string, unknown> | undefined>;
      if (isReplacement(update)) {
        (update as Record<string, unknown>).outboxDueAt = new Date();
      } else {
        // $min: an older mark (an entry still waiting) keeps its place at the head of the queue.
        update.$min = { ...(update.$min ?? {}), outboxDueAt: new Date() };
      }
      this.setUpdate(update);
      (this as unknown as { _pdmcOutboxWrite?: boolean })._pdmcOutboxWrite = true;
    });
    schema.post(op, function announceUpdate(this: Query<unknown, unknown>, result: unknown) {
      if (!(this as unknown as { _pdmcOutboxWrite?: boolean })._pdmcOutboxWrite) return;
      const filterId = (this.getFilter() as { _id?: unknown })._id;
      const resultId = (result as { _id?: unknown } | null)?._id;
      const id = resultId ?? (isPlainId(filterId) ? filterId : undefined);
      outboxWrites.emit('write', { model: this.model as Model<unknown>, id });
    });
  }
}

function isPlainId(id: unknown): boolean {
  return typeof id === 'string' || typeof id === 'number' || (typeof id === 'object' && id !== null && !isOperatorObject(id));
}

function isOperatorObject(value: object): boolean {
  return Object.keys(value).some((k) => k.startsWith('$'));
}

function isReplacement(update: unknown): boolean {
  return typeof update === 'object' && update !== null && !Array.isArray(update) && !isOperatorObject(update);
}

/** Whether an update (operators or replacement) adds outbox entries. */
export function addsOutboxEntries(update: unknown): boolean {
  if (!update || typeof update !== 'object' || Array.isArray(update)) return false;
  const u = update as Record<string, unknown>;
  if (isReplacement(u)) return Array.isArray(u.outbox) && u.outbox.length > 0;
  const pushed = (u.$push as Record<string, unknown> | undefined)?.outbox;
  if (pushed !== undefined) {
    const each = (pushed as { $each?: unknown[] } | null)?.$each;
    return Array.isArray(each) ? each.length > 0 : true;
  }
  const set = (u.$set as Record<string, unknown> | undefined)?.outbox;
  const setOnInsert = (u.$setOnInsert as Record<string, unknown> | undefined)?.outbox;
  return (Array.isArray(set) && set.length > 0) || (Array.isArray(setOnInsert) && setOnInsert.length > 0);
}

export function hasOutbox(model: Model<unknown>): boolean {
  return Boolean(model.schema.path('outbox'));
}

/**
 * An event its own contract refuses, caught before it is stored: the state change that would
 * have carried it is refused with it, instead of the event reaching the dead-letter stream of
 * every consumer (a bug in the producer, so the request fails with a 500 and the log says why).
 */
export class OutboxContractError extends Error {
  constructor(
    readonly type: string,
    readonly violations: FieldViolation[],
  ) {
    super(`outbox: ${type} breaks its contract: ${violations.map((v) => `${v.field}: ${v.message}`).join('; ')}`);
    this.name = 'OutboxContractError';
  }
}

/**
 * Turns envelopes into outbox entries, for `$push: { outbox: { $each: ... } }` or a new document.
 * Each envelope is checked against its contract in `@pdmc/contracts` first, with unknown fields
 * rejected, as the publisher would; a refused one throws {@link OutboxContractError}.
 */
export function toOutbox(...envelopes: EventEnvelope[]): OutboxEntry[] {
  for (const envelope of envelopes) {
    const definition = findEventDefinition(envelope.type);
    if (!definition) throw new OutboxContractError(envelope.type, [{ field: 'type', rule: 'registered', message: 'no such event in EVENT_REGISTRY' }]);
    const checked = validateEnvelope(definition as EventDefinition<object>, envelope);
    if (!checked.ok) throw new OutboxContractError(envelope.type, checked.violations);
  }
  return envelopes.map((envelope) => ({ id: envelope.id, type: envelope.type, envelope }));
}
