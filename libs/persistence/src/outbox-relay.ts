import { trusted, type Model } from 'mongoose';
import type { EventEnvelope } from '@pdmc/contracts';
import type { OutboxEntry } from './outbox';

export interface OutboxRelayOptions {
  models: Model<unknown>[];
  publish: (envelope: EventEnvelope) => Promise<unknown>;
  pollMs: number;
  batchSize?: number;
  onError?: (error: unknown, context: { model: string; eventId?: string }) => void;
}

interface PendingDoc {
  _id: unknown;
  outbox: OutboxEntry[];
}

/**
 * Publishes events waiting in documents' outboxes. Runs on a timer (the safety net after a
 * crash) and on `kick()` right after a write (the fast path). One pass at a time per process;
 * several processes may relay the same document at once: JetStream's de-duplication window and
 * the consumers' idempotency make the second publish harmless.
 */
export class OutboxRelay {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private again = false;
  private stopped = false;

  constructor(private readonly options: OutboxRelayOptions) {}

  start(): void {
    this.stopped = false;
    this.schedule();
    this.kick();
  }

  /** Asks for a pass now; if one is running, one more follows it. */
  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.drainAll().finally(() => {
      this.running = undefined;
      if (this.again) {
        this.again = false;
        this.kick();
      }
    });
  }

  /** Waits for the pass in progress, if any. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.idle();
  }

  /** One full pass over every model; returns how many events were published. */
  async flush(): Promise<number> {
    let published = 0;
    for (const model of this.options.models) published += await this.flushModel(model);
    return published;
  }

  private schedule(): void {
    this.timer = setInterval(() => this.kick(), this.options.pollMs);
    this.timer.unref();
  }

  private async drainAll(): Promise<void> {
    try {
      // Keep going while passes find work, so a burst is emptied without waiting for the timer.
      while (!this.stopped && (await this.flush()) > 0) {
        /* next pass */
      }
    } catch (error) {
      this.options.onError?.(error, { model: '*' });
    }
  }

  private async flushModel(model: Model<unknown>): Promise<number> {
    const docs = (await model
      .find({ 'outbox.0': trusted({ $exists: true }) }, { outbox: 1 })
      .sort({ _id: 1 })
      .limit(this.options.batchSize ?? 100)
      .lean()
      .exec()) as unknown as PendingDoc[];
    let published = 0;
    for (const doc of docs) {
      const sent: OutboxEntry[] = [];
      for (const entry of doc.outbox) {
        try {
          await this.options.publish(entry.envelope);
          sent.push(entry);
        } catch (error) {
          // Stop at the first failure so a document's events keep their order; the rest wait
          // for the next pass.
          this.options.onError?.(error, { model: model.modelName, eventId: entry.id });
          break;
        }
      }
      if (sent.length) {
        // `$pullAll` with the entries exactly as read (same field order) removes just them and
        // leaves any appended meanwhile. FerretDB's `$pull` ignores conditions such as
        // `{ id: ... }`, so whole-entry equality is the portable form. The raw collection is
        // used so mongoose does not re-cast (and reorder) the entries.
        await model.collection.updateOne({ _id: doc._id } as never, { $pullAll: { outbox: sent } } as never);
        published += sent.length;
      }
      if (sent.length < doc.outbox.length) return published;
    }
    return published;
  }
}
