import { Schema, type Model } from 'mongoose';
import { findEventDefinition, validateEnvelope, type EventDefinition, type EventEnvelope, type FieldViolation } from '@pdmc/contracts';

/**
 * Reliable publishing without multi-document transactions: the events a state change causes
 * are stored in the same document, in the same single-document write, under `outbox`. A relay
 * publishes them (JetStream de-duplicates by event id) and then removes them. If the process
 * dies in between, the events are still in the document and the relay publishes them again.
 */
export interface OutboxEntry {
  id: string;
  type: string;
  envelope: EventEnvelope;
}

export interface WithOutbox {
  outbox: OutboxEntry[];
}

const outboxEntrySchema = new Schema<OutboxEntry>(
  {
    id: { type: String, required: true },
    type: { type: String, required: true },
    envelope: { type: Schema.Types.Mixed, required: true },
  },
  { _id: false },
);

/** Mongoose plugin: adds the `outbox` array and the index the relay scans by. */
export function outboxPlugin(schema: Schema): void {
  schema.add({ outbox: { type: [outboxEntrySchema], default: [] } });
  schema.index({ 'outbox.id': 1 }, { sparse: true });
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
