import { trusted, type Model } from 'mongoose';
import type { EventEnvelope } from '@pdmc/contracts';
import { outboxWrites, type OutboxEntry, type OutboxMarkers, type OutboxWrite } from './outbox';
import { isTransientDatabaseError } from './transient-errors';

export interface OutboxRelayOptions {
  models: Model<unknown>[];
  publish: (envelope: EventEnvelope) => Promise<unknown>;
  /** Interval of the safety-net pass over the indexed marker. */
  pollMs: number;
  /**
   * While passes find nothing, the interval doubles up to this (default `pollMs`: fixed). On
   * MongoDB the pass is an index range read; on FerretDB 1.24 (SQLite) every filter other than
   * `_id` scans the collection, so an idle service should not sweep every few seconds.
   */
  maxPollMs?: number;
  /** Documents read per pass and model. Default 100. */
  batchSize?: number;
  /**
   * Failed attempts (errors that are not transient, see `isTransient`) after which an
   * entry is parked in `outboxParked` instead of blocking its document. Default 10.
   */
  maxAttempts?: number;
  /** Delay before a failing document is tried again, by attempt; the last repeats. */
  retryDelaysMs?: readonly number[];
  /**
   * Failures that say "not now" (connection, timeout) rather than "never"; they do not count
   * toward `maxAttempts`. Defaults to database errors only; the platform adds NATS's.
   */
  isTransient?: (error: unknown) => boolean;
  /** False skips the pass (e.g. while NATS is disconnected), so an outage counts nothing. */
  canPublish?: () => boolean;
  /** A publish failed; the entry stays and is retried later. */
  onError?: (error: unknown, context: { model: string; eventId?: string }) => void;
  /** An entry was parked after `maxAttempts` failures: alert an operator. */
  onParked?: (context: { model: string; documentId: unknown; eventId: string; type: string; error: string; attempts: number }) => void;
  /** Time source for markers; defaults to `Date.now`. */
  now?: () => number;
}

/** Counters since start, for metrics. */
export interface OutboxRelayStats {
  published: number;
  failed: number;
  parked: number;
  passes: number;
  /** Documents read by the last pass (all models). */
  lastPassDocuments: number;
  /** Duration of the last pass in ms. */
  lastPassMs: number;
}

type PendingDoc = { _id: unknown; outbox: OutboxEntry[] } & OutboxMarkers;

const DEFAULT_RETRY_DELAYS_MS = [1_000, 5_000, 15_000, 30_000, 60_000];
const PROJECTION = { outbox: 1, outboxDueAt: 1, outboxAttempts: 1 } as const;

/**
 * Publishes events waiting in documents' outboxes, without ever scanning a collection:
 * - the fast path: the plugin announces each write that added entries, and the relay publishes
 *   exactly those documents, read by `_id`;
 * - the safety net, on a timer and at start: documents whose indexed `outboxDueAt` marker is due,
 *   oldest first, `batchSize` at a time (events written just before a crash, by another
 *   instance, or during a NATS outage).
 * Within a document entries leave in order; the first failure stops that document (its marker
 * moves back by the retry delay) and the pass goes on with the others. After `maxAttempts`
 * real (non-transient) failures the entry is parked in `outboxParked` with its error and
 * `onParked` alerts, so a poison event blocks nothing. One pass at a time per process; several
 * processes may publish the same entry at once: JetStream's de-duplication window and the
 * consumers' idempotency make the second publish harmless.
 */
export class OutboxRelay {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private sweepRequested = false;
  private interval: number;
  private stopped = true;
  private readonly written = new Map<Model<unknown>, Set<unknown>>();
  private readonly listener = (write: OutboxWrite): void => this.onWrite(write);
  readonly stats: OutboxRelayStats = { published: 0, failed: 0, parked: 0, passes: 0, lastPassDocuments: 0, lastPassMs: 0 };

  constructor(private readonly options: OutboxRelayOptions) {
    this.interval = options.pollMs;
  }

  start(): void {
    this.stopped = false;
    outboxWrites.on('write', this.listener);
    this.schedule();
    this.running = this.markUnmarked().finally(() => {
      this.running = undefined;
      this.sweep();
    });
  }

  /**
   * Documents written before the marker existed (or through `model.collection` without it) get
   * one: a single query per model at start, so nothing pending is left behind by an upgrade.
   */
  private async markUnmarked(): Promise<void> {
    for (const model of this.options.models) {
      try {
        await model.collection.updateMany(
          { 'outbox.0': { $exists: true }, outboxDueAt: { $exists: false } } as never,
          { $set: { outboxDueAt: new Date(this.now()) } } as never,
        );
      } catch (error) {
        this.options.onError?.(error, { model: model.modelName });
      }
    }
  }

  /**
   * Publishes what was written since the last pass, as announced by the plugin's middleware
   * (which also starts that pass by itself): documents read by `_id`, never a query over the
   * collection. A write the middleware cannot see (through `model.collection`) waits for the
   * next sweep; call {@link sweep} to hurry it.
   */
  kick(): void {
    this.run();
  }

  /** Asks for a pass over the indexed marker now, and resets the sweep interval. */
  sweep(): void {
    if (this.stopped) return;
    this.interval = this.options.pollMs;
    this.sweepRequested = true;
    this.run();
  }

  /** Waits for the pass in progress, if any. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    outboxWrites.off('write', this.listener);
    if (this.timer) clearTimeout(this.timer);
    await this.idle();
  }

  /** One pass over the due marker of every model, to the end; returns how many events were published. */
  async flush(): Promise<number> {
    let published = 0;
    const now = this.now();
    for (const model of this.options.models) {
      for (;;) {
        const { published: n, read } = await this.sweepModel(model, now);
        published += n;
        if (read < this.batchSize || n === 0) break;
      }
    }
    return published;
  }

  private onWrite({ model, id }: OutboxWrite): void {
    if (this.stopped) return;
    const known = this.options.models.find((m) => m === model || (m.modelName === model.modelName && m.db === model.db));
    if (!known) return;
    if (id === undefined) {
      this.sweepRequested = true;
    } else {
      let ids = this.written.get(known);
      if (!ids) this.written.set(known, (ids = new Set()));
      ids.add(id);
    }
    // Coalesce the writes of one tick into one pass.
    queueMicrotask(() => this.run());
  }

  private run(): void {
    if (this.stopped || this.running) return;
    this.running = this.drain().finally(() => {
      this.running = undefined;
      if (!this.stopped && (this.sweepRequested || [...this.written.values()].some((ids) => ids.size > 0))) this.run();
    });
  }

  private schedule(): void {
    this.timer = setTimeout(() => {
      if (this.stopped) return;
      this.sweepRequested = true;
      this.run();
      this.schedule();
    }, this.interval);
    this.timer.unref();
  }

  private get batchSize(): number {
    return this.options.batchSize ?? 100;
  }

  private now(): number {
    return this.options.now?.() ?? Date.now();
  }

  private async drain(): Promise<void> {
    try {
      if (this.options.canPublish && !this.options.canPublish()) {
        // Nothing can leave now; the timer tries again. Announced ids are dropped: their markers
        // are set, so the sweep finds them.
        this.written.clear();
        this.sweepRequested = false;
        return;
      }
      const started = Date.now();
      let read = 0;
      for (const [model, ids] of this.written) {
        const batch = [...ids];
        ids.clear();
        for (const id of batch) {
          const doc = (await model
            .findOne({ _id: id }, PROJECTION)
            .lean()
            .exec()) as PendingDoc | null;
          read += 1;
          if (doc?.outbox?.length) await this.relayDocument(model, doc);
        }
      }
      if (this.sweepRequested) {
        this.sweepRequested = false;
        const now = this.now();
        let found = 0;
        for (const model of this.options.models) {
          const result = await this.sweepModel(model, now);
          read += result.read;
          found += result.read;
          // A full batch means there may be more: go on without waiting for the timer. Every
          // document read leaves the due set (published, marker dropped, or moved by back-off).
          if (result.read >= this.batchSize) this.sweepRequested = true;
        }
        const max = Math.max(this.options.maxPollMs ?? this.options.pollMs, this.options.pollMs);
        this.interval = found > 0 ? this.options.pollMs : Math.min(this.interval * 2, max);
      }
      this.stats.passes += 1;
      this.stats.lastPassDocuments = read;
      this.stats.lastPassMs = Date.now() - started;
    } catch (error) {
      this.options.onError?.(error, { model: '*' });
    }
  }

  private async sweepModel(model: Model<unknown>, now: number): Promise<{ published: number; read: number }> {
    const docs = (await model
      .find({ outboxDueAt: trusted({ $lte: new Date(now) }) }, PROJECTION)
      .sort({ outboxDueAt: 1 })
      .limit(this.batchSize)
      .lean()
      .exec()) as unknown as PendingDoc[];
    let published = 0;
    for (const doc of docs) published += await this.relayDocument(model, doc);
    return { published, read: docs.length };
  }

  /** Publishes one document's entries in order; returns how many left. */
  private async relayDocument(model: Model<unknown>, doc: PendingDoc): Promise<number> {
    const entries = doc.outbox ?? [];
    const sent: OutboxEntry[] = [];
    let failure: { entry: OutboxEntry; error: unknown } | undefined;
    for (const entry of entries) {
      try {
        await this.options.publish(entry.envelope);
        sent.push(entry);
      } catch (error) {
        // Stop at the first failure so a document's events keep their order; the rest wait.
        failure = { entry, error };
        break;
      }
    }
    const collection = model.collection;
    if (sent.length) {
      // `$pullAll` with the entries exactly as read (same field order) removes just them and
      // leaves any appended meanwhile. FerretDB's `$pull` ignores conditions such as
      // `{ id: ... }`, so whole-entry equality is the portable form. The raw collection is
      // used so mongoose does not re-cast (and reorder) the entries.
      await collection.updateOne(
        { _id: doc._id } as never,
        { $pullAll: { outbox: sent }, $unset: { outboxAttempts: '', outboxLastError: '' } } as never,
      );
      this.stats.published += sent.length;
    }
    if (failure) {
      await this.recordFailure(model, doc, failure.entry, failure.error, sent.length > 0);
    } else {
      // Emptied: drop the marker, unless a writer appended meanwhile (it set the marker itself).
      // Done on the fast path too: a marker left behind is read again by every sweep, and with
      // thousands of them (bench:scale) each sweep cost a second on the embedded store.
      await collection.updateOne(
        { _id: doc._id, 'outbox.0': trusted({ $exists: false }) } as never,
        { $unset: { outboxDueAt: '' } } as never,
      );
    }
    return sent.length;
  }

  private async recordFailure(
    model: Model<unknown>,
    doc: PendingDoc,
    entry: OutboxEntry,
    error: unknown,
    headChanged: boolean,
  ): Promise<void> {
    this.stats.failed += 1;
    this.interval = this.options.pollMs;
    this.options.onError?.(error, { model: model.modelName, eventId: entry.id });
    const transient = (this.options.isTransient ?? isTransientDatabaseError)(error);
    const attempts = (headChanged ? 0 : (doc.outboxAttempts ?? 0)) + (transient ? 0 : 1);
    const message = describe(error);
    const collection = model.collection;
    if (attempts >= (this.options.maxAttempts ?? 10)) {
      // Poison: park it next to the state it belongs to, so the entries behind it can leave.
      const parked = { ...entry, error: message, attempts, parkedAt: new Date(this.now()) };
      await collection.updateOne(
        { _id: doc._id } as never,
        {
          $pullAll: { outbox: [entry] },
          $push: { outboxParked: parked },
          $set: { outboxParkedAt: new Date(this.now()), outboxDueAt: new Date(this.now()) },
          $unset: { outboxAttempts: '', outboxLastError: '' },
        } as never,
      );
      this.stats.parked += 1;
      this.options.onParked?.({ model: model.modelName, documentId: doc._id, eventId: entry.id, type: entry.type, error: message, attempts });
      return;
    }
    const delays = this.options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
    const delay = delays[Math.min(Math.max(attempts, 1), delays.length) - 1] ?? 0;
    await collection.updateOne(
      { _id: doc._id } as never,
      { $set: { outboxDueAt: new Date(this.now() + delay), outboxAttempts: attempts, outboxLastError: message.slice(0, 1024) } } as never,
    );
  }
}

function describe(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}
