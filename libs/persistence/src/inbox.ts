import { Schema, type Connection, type Model } from 'mongoose';
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
