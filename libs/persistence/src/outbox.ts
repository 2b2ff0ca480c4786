import { Schema, type Model } from 'mongoose';
import type { EventEnvelope } from '@pdmc/contracts';

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

/** Turns envelopes into outbox entries, for `$push: { outbox: { $each: ... } }` or a new document. */
export function toOutbox(...envelopes: EventEnvelope[]): OutboxEntry[] {
  return envelopes.map((envelope) => ({ id: envelope.id, type: envelope.type, envelope }));
}
