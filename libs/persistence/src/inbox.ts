import { Schema, trusted, type Connection, type Model } from 'mongoose';
import type { EventEnvelope } from '@pdmc/contracts';
import { faults } from './faults';
import { modelOn } from './model-on';

interface ProcessedEvent {
  _id: string;
  consumer: string;
  eventId: string;
  eventType: string;
  processedAt: Date;
}

const processedEventSchema = new Schema<ProcessedEvent>(
  {
    _id: { type: String },
    consumer: { type: String, required: true },
    eventId: { type: String, required: true },
    eventType: { type: String, required: true },
    processedAt: { type: Date, required: true },
  },
  { collection: 'processed_events', versionKey: false },
);
processedEventSchema.index({ consumer: 1, eventId: 1 }, { unique: true });

export function isDuplicateKeyError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 11000;
}

/**
 * Records which events each consumer has handled, under a unique index, so a redelivered
 * event changes nothing twice. The handler's own write must also be idempotent (a unique
 * key or a conditional update), because a crash can fall between that write and this record;
 * then the redelivery repeats the write harmlessly and records it.
 */
export class Inbox {
  private readonly model: Model<ProcessedEvent>;

  constructor(connection: Connection) {
    this.model = modelOn(connection, 'ProcessedEvent', processedEventSchema);
  }

  async seen(consumer: string, eventId: string): Promise<boolean> {
    return (await this.model.exists({ _id: `${consumer}:${eventId}` }).exec()) !== null;
  }

  async record(consumer: string, envelope: EventEnvelope): Promise<void> {
    try {
      await this.model.create({
        _id: `${consumer}:${envelope.id}`,
        consumer,
        eventId: envelope.id,
        eventType: envelope.type,
        processedAt: new Date(),
      });
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
    }
  }

  /** Runs `handle` unless this consumer already processed the event; returns whether it ran. */
  async once(consumer: string, envelope: EventEnvelope, handle: () => Promise<void>): Promise<boolean> {
    if (await this.seen(consumer, envelope.id)) return false;
    await handle();
    faults.hit('after-handler-write');
    await this.record(consumer, envelope);
    return true;
  }
}

/** Documents changed by {@link updateOnce} keep the keys of the events already applied to them. */
export interface WithProcessedEvents {
  processedEvents?: string[];
}

/**
 * Mongoose plugin: adds `processedEvents`, the `<consumer>:<event id>` keys of the events
 * already applied to the document by {@link updateOnce} and {@link insertOnce}. A document
 * collects one key per event that changed it, which for a case or a petition is a handful.
 */
export function processedEventsPlugin(schema: Schema): void {
  schema.add({ processedEvents: { type: [String], default: undefined } });
}

/** What {@link updateOnce} did. */
export type UpdateOnceResult = 'applied' | 'already-applied' | 'no-match';

/**
 * The inbox inside the state: applies `update` to the one document `filter` selects and records
 * the event in that same single-document write, unless the document already records it. There
 * is no step between the handler's change and the inbox record for a crash to fall into.
 * `filter` should hold `_id` (and may add the expected state); `no-match` means the document is
 * missing or not in that state.
 */
export async function updateOnce(
  model: Model<never>,
  filter: Record<string, unknown> & { _id: unknown },
  consumer: string,
  envelope: Pick<EventEnvelope, 'id'>,
  update: Record<string, unknown>,
): Promise<UpdateOnceResult> {
  const key = `${consumer}:${envelope.id}`;
  const push = { ...((update.$push as Record<string, unknown> | undefined) ?? {}), processedEvents: key };
  const result = await model
    .updateOne({ ...filter, processedEvents: trusted({ $ne: key }) } as never, { ...update, $push: push } as never)
    .exec();
  if (result.matchedCount > 0) return 'applied';
  return (await model.exists({ _id: filter._id, processedEvents: key } as never).exec()) ? 'already-applied' : 'no-match';
}

/**
 * Creates the document an event causes, recording the event in it; a second delivery finds the
 * document (same `_id`, e.g. `idFromEvent(event.id, purpose)`) and changes nothing.
 */
export async function insertOnce(
  model: Model<never>,
  doc: Record<string, unknown> & { _id: unknown },
  consumer: string,
  envelope: Pick<EventEnvelope, 'id'>,
): Promise<'applied' | 'already-applied'> {
  try {
    await model.create({ ...doc, processedEvents: [`${consumer}:${envelope.id}`] } as never);
    return 'applied';
  } catch (error) {
    if (isDuplicateKeyError(error)) return 'already-applied';
    throw error;
  }
}
