import {
  AckPolicy,
  DeliverPolicy,
  JetStreamApiError,
  type ConsumerConfig,
  type ConsumerInfo,
  type ConsumerMessages,
  type JsMsg,
} from '@nats-io/jetstream';
import { nanos } from '@nats-io/nats-core';
import type { Bus } from './bus';
import { publishDeadLetter } from './dead-letter';
import { headersToRecord } from './headers';
import { consoleLogger, describeError, type MessagingLogger } from './logger';
import { isTransientBusError, TransientFailureError } from './transient';

/**
 * Thrown by a message handler when no redelivery can ever succeed (malformed JSON, a payload
 * that breaks the contract): the message goes to the dead-letter stream at once.
 */
export class UnprocessableMessageError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'UnprocessableMessageError';
  }
}

/** A delivered message as handlers see it: read-only, settled by the consumer, never by them. */
export interface DeliveredMessage {
  /** Logical subject. */
  subject: string;
  data: Uint8Array;
  headers: Readonly<Record<string, string>>;
  /** Physical stream name. */
  stream: string;
  streamSequence: number;
  /** 1 on the first delivery. */
  deliveryCount: number;
  /**
   * Tells the server the handler is still at work, resetting its ack wait. The consumer also
   * does this by itself while the handler runs (up to `maxHandlerMs`); a handler that works in
   * long steps may call it between them.
   */
  working?: () => void;
}

/** Options of {@link consumeDurable}. */
export interface DurableConsumerOptions {
  bus: Bus;
  /** Logical stream name, e.g. `INTAKE`; the bus prefix is applied. */
  stream: string;
  /** Durable consumer name, unique per (consuming service, handler). */
  durable: string;
  /** Logical subject filter, e.g. `intake.petition.registered.v1`; the bus prefix is applied. */
  filterSubject: string;
  /** The consuming service; names the dead-letter subject `dlq.<service>.<subject>`. */
  service: string;
  /** Deliveries (including the first) before a failing message is dead-lettered. */
  maxDeliver: number;
  /** Redelivery delay after the n-th failed delivery is `backoffMs[n-1]`, then the last entry. */
  backoffMs: readonly number[];
  /** How long the server waits for a verdict (or a progress signal) before it redelivers. */
  ackWaitMs: number;
  /**
   * Resolve to acknowledge; throw to retry, or throw {@link UnprocessableMessageError} to
   * dead-letter now. An error that `isTransient` accepts is retried in place without spending
   * a delivery.
   */
  onMessage: (message: DeliveredMessage) => Promise<void>;
  logger?: MessagingLogger;
  /**
   * Messages asked for per pull, at most the free handler slots, so nothing waits unstarted in
   * this process (a stop then has nothing to hand back). Default: `concurrency`.
   */
  batchSize?: number;
  /** Messages handled at once by this process. Default 1. */
  concurrency?: number;
  /**
   * The server's bound on messages delivered but not yet acknowledged, over all instances.
   * Default 100.
   */
  maxAckPending?: number;
  /**
   * Failures that say "not now" (database or broker unreachable, timeouts): retried in place
   * with capped back-off for as long as it takes, the message kept in progress with `working()`,
   * so an outage does not use up deliveries. Default: only {@link TransientFailureError} and
   * NATS's own transient errors.
   */
  isTransient?: (error: unknown) => boolean;
  /** First and longest wait between in-place retries of a transient failure. Default 500 ms, 15 s. */
  transientBackoffMs?: { initial: number; max: number };
  /**
   * A running handler keeps its message in progress (`working()`) for at most this long;
   * after that the server redelivers it as if the process had died. Default 10 minutes.
   */
  maxHandlerMs?: number;
  /** How long `stop()` waits for the messages in hand. Default 20 s. */
  stopTimeoutMs?: number;
  /** Called when a message was fetched, before its handler starts (fault injection in tests). */
  beforeHandle?: (message: DeliveredMessage) => void | Promise<void>;
  /**
   * Names a dead letter differently from the delivered message: a replay consumer files a
   * replay that fails again under the original subject and consumer.
   */
  deadLetterAs?: (subject: string, headers: Readonly<Record<string, string>>) => { subject: string; consumer: string };
  /** Called once a message was dead-lettered and terminated (a replay consumer removes the replay). */
  afterDeadLetter?: (streamSequence: number) => Promise<void>;
}

/** A running durable consumer. */
export interface DurableConsumer {
  /** Physical stream name. */
  readonly stream: string;
  readonly durable: string;
  /**
   * Stops fetching and waits (up to `stopTimeoutMs`) for the messages in hand to be handled and
   * settled; nothing fetched is left unstarted, so nothing is nakked. Safe to call more than once.
   */
  stop(): Promise<void>;
}

/** What happened to one delivery; logged, and useful in tests. */
export type Verdict = 'acked' | 'retry' | 'dead-lettered';

/** Delay before redelivery after the `deliveryCount`-th delivery failed. */
export function retryDelayMs(backoffMs: readonly number[], deliveryCount: number): number {
  if (backoffMs.length === 0) return 0;
  return backoffMs[Math.min(Math.max(deliveryCount, 1), backoffMs.length) - 1];
}

const CONSUMER_EXISTS_CODES = new Set([
  10013, // consumer name already in use (older servers)
  10148, // consumer already exists (servers ≥ 2.10 with the create action)
]);

/**
 * The consumer configuration. `max_deliver` on the server is deliberately unlimited: the bound
 * is enforced here, so the last failed delivery can still be copied to the dead-letter stream,
 * and a failed copy can be retried; a server-side limit would silently stop redelivering it.
 * For the same reason there is no server `backoff` (the server only allows it with a finite
 * `max_deliver`); retry delays come from `nak(delay)`.
 */
export function durableConsumerConfig(
  options: Pick<DurableConsumerOptions, 'bus' | 'durable' | 'filterSubject' | 'ackWaitMs' | 'maxAckPending'>,
): Partial<ConsumerConfig> {
  return {
    durable_name: options.durable,
    ack_policy: AckPolicy.Explicit,
    deliver_policy: DeliverPolicy.All,
    filter_subject: options.bus.subject(options.filterSubject),
    ack_wait: nanos(options.ackWaitMs),
    max_deliver: -1,
    max_ack_pending: options.maxAckPending ?? DEFAULT_MAX_ACK_PENDING,
  };
}

/** Default of `DurableConsumerOptions.maxAckPending`. */
export const DEFAULT_MAX_ACK_PENDING = 100;

/** Creates the durable consumer or brings an existing one to `config`; safe when services race. */
export async function upsertDurableConsumer(
  bus: Bus,
  stream: string,
  config: Partial<ConsumerConfig> & { durable_name: string },
): Promise<ConsumerInfo> {
  try {
    return await bus.jetstreamManager.consumers.add(stream, config);
  } catch (err) {
    if (!(err instanceof JetStreamApiError && CONSUMER_EXISTS_CODES.has(err.code))) throw err;
  }
  return bus.jetstreamManager.consumers.update(stream, config.durable_name, {
    ack_wait: config.ack_wait,
    max_deliver: config.max_deliver,
    filter_subject: config.filter_subject,
    ...(config.max_ack_pending !== undefined ? { max_ack_pending: config.max_ack_pending } : {}),
  });
}

/**
 * Creates (or updates) a durable pull consumer and handles its messages, `concurrency` at a time,
 * until `stop()`. It pulls only as many messages as it has free slots, so none waits unstarted.
 * Settling is done here, never by the handler:
 * - handler resolved → ack;
 * - handler threw a transient error (see `isTransient`) → keep the message in progress
 *   (`working()`) and run the handler again after a capped back-off, for as long as it takes:
 *   an outage spends no delivery;
 * - handler threw anything else, deliveries left → nak with the back-off delay;
 * - handler threw on the last delivery, or threw {@link UnprocessableMessageError} → copy to the
 *   dead-letter stream, then term; if that copy fails → nak, so the message is kept and retried.
 *
 * The loop survives reconnects and deletion of the consumer (it is re-created). Resolves once
 * the consumer exists and pulling has started.
 */
export async function consumeDurable(options: DurableConsumerOptions): Promise<DurableConsumer> {
  if (!Number.isInteger(options.maxDeliver) || options.maxDeliver < 1) {
    throw new Error(`maxDeliver must be a positive integer, got ${options.maxDeliver}`);
  }
  if (options.backoffMs.some((ms) => !Number.isFinite(ms) || ms < 0)) {
    throw new Error(`backoffMs must hold non-negative numbers, got [${options.backoffMs.join(', ')}]`);
  }
  const concurrency = options.concurrency ?? 1;
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new Error(`concurrency must be a positive integer, got ${options.concurrency}`);
  }
  const runner = new DurableConsumerRunner(options);
  await runner.start();
  return runner;
}

/** Default transient-error test of a consumer: the broker's own and {@link TransientFailureError}. */
export function isTransientByDefault(error: unknown): boolean {
  if (error instanceof TransientFailureError) return true;
  if (error && typeof error === 'object' && (error as { name?: unknown }).name === 'TransientFailureError') return true;
  return isTransientBusError(error);
}

/** Pull request expiry: how long an idle consumer waits before it asks again (and sees a stop). */
const FETCH_EXPIRES_MS = 5_000;

class DurableConsumerRunner implements DurableConsumer {
  readonly stream: string;
  readonly durable: string;
  private readonly logger: MessagingLogger;
  private readonly config: Partial<ConsumerConfig> & { durable_name: string };
  private readonly concurrency: number;
  private fetching?: ConsumerMessages;
  private stopping = false;
  private loop?: Promise<void>;
  private wakeUp?: () => void;
  private slotFreed?: () => void;
  private readonly inFlight = new Set<Promise<unknown>>();
  /** Errors of messages whose dead-letter copy failed, by stream sequence, for the retry. */
  private readonly lastErrors = new Map<number, string>();

  constructor(private readonly options: DurableConsumerOptions) {
    this.stream = options.bus.streamName(options.stream);
    this.durable = options.durable;
    this.logger = options.logger ?? consoleLogger;
    this.concurrency = options.concurrency ?? 1;
    this.config = { ...durableConsumerConfig(options), durable_name: options.durable };
  }

  async start(): Promise<void> {
    await upsertDurableConsumer(this.options.bus, this.stream, this.config);
    this.loop = this.run();
  }

  /**
   * Stops pulling, waits (up to `stopTimeoutMs`) for the messages in hand to be handled and
   * settled. Nothing is nakked: a message still running at the deadline is left to the ack
   * wait, and none was fetched without being started.
   */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wakeUp?.();
    this.slotFreed?.();
    await this.fetching?.close().catch(() => undefined);
    await this.loop;
    const deadline = this.options.stopTimeoutMs ?? 20_000;
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), deadline);
      timer.unref();
    });
    const outcome = await Promise.race([Promise.allSettled([...this.inFlight]).then(() => 'done' as const), timedOut]);
    clearTimeout(timer);
    if (outcome === 'timeout') {
      this.logger.warn({
        msg: 'consumer stopped with messages still in hand; the server redelivers them after the ack wait',
        stream: this.stream,
        durable: this.durable,
        inFlight: this.inFlight.size,
      });
    }
  }

  private async run(): Promise<void> {
    let failures = 0;
    const consumerHandle = async () => this.options.bus.jetstream.consumers.get(this.stream, this.durable);
    let consumer: Awaited<ReturnType<typeof consumerHandle>> | undefined;
    while (!this.stopping) {
      try {
        if (this.inFlight.size >= this.concurrency) {
          await new Promise<void>((resolve) => (this.slotFreed = resolve));
          continue;
        }
        if (!consumer) {
          if (failures > 0) await upsertDurableConsumer(this.options.bus, this.stream, this.config);
          consumer = await consumerHandle();
          if (failures > 0) this.logger.log({ msg: 'consumer resumed', stream: this.stream, durable: this.durable });
        }
        const free = this.concurrency - this.inFlight.size;
        const batch = Math.max(1, Math.min(free, this.options.batchSize ?? this.concurrency));
        const messages = await consumer.fetch({ max_messages: batch, expires: FETCH_EXPIRES_MS });
        this.fetching = messages;
        for await (const msg of messages) {
          // Started even when a stop came meanwhile: the server delivered it to us, and handling
          // it now spares it a wait of a full ack_wait.
          this.begin(msg);
        }
        this.fetching = undefined;
        failures = 0;
      } catch (err) {
        this.fetching = undefined;
        if (this.stopping) break;
        failures += 1;
        consumer = undefined;
        this.logger.warn({
          msg: 'consumer interrupted; re-creating it',
          stream: this.stream,
          durable: this.durable,
          error: describeError(err),
        });
        const nc = this.options.bus.connection;
        if (nc.isClosed() || nc.isDraining()) break;
        await this.pause(Math.min(250 * 2 ** Math.min(failures, 5), 5_000));
      }
    }
  }

  private begin(msg: JsMsg): void {
    const handling: Promise<unknown> = this.settle(msg)
      .catch((err: unknown) => {
        this.logger.error({ msg: 'settling a message failed', stream: this.stream, durable: this.durable, error: describeError(err) });
      })
      .finally(() => {
        this.inFlight.delete(handling);
        const freed = this.slotFreed;
        this.slotFreed = undefined;
        freed?.();
      });
    this.inFlight.add(handling);
  }

  private rememberError(seq: number, error: string): void {
    this.lastErrors.delete(seq);
    this.lastErrors.set(seq, error);
    // Bounded: only a hint for the dead letter; the oldest entries go first.
    if (this.lastErrors.size > 1_000) this.lastErrors.delete(this.lastErrors.keys().next().value as number);
  }

  private pause(ms: number): Promise<void> {
    const jittered = ms / 2 + Math.random() * (ms / 2);
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, jittered);
      this.wakeUp = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  /** Sends `working()` every third of the ack wait until `stopAfterMs` or the returned stop. */
  private keepInProgress(msg: JsMsg, stopAfterMs: number): () => void {
    const every = Math.max(Math.floor(this.options.ackWaitMs / 3), 100);
    const started = Date.now();
    const timer = setInterval(() => {
      if (Date.now() - started > stopAfterMs) {
        clearInterval(timer);
        return;
      }
      msg.working();
    }, every);
    timer.unref();
    return () => clearInterval(timer);
  }

  private async settle(msg: JsMsg): Promise<Verdict> {
    const { maxDeliver, backoffMs } = this.options;
    const deliveryCount = msg.info.deliveryCount;
    const subject = this.options.bus.logicalSubject(msg.subject);
    const where = { stream: this.stream, durable: this.durable, subject, seq: msg.seq, deliveryCount };

    if (deliveryCount > maxDeliver) {
      // The budget is spent and the last delivery left no stored verdict (the process died, the
      // handler overran ack_wait, or the dead-letter copy failed): dead-letter without running
      // the handler again, so a message that kills the process cannot loop forever.
      const reason =
        this.lastErrors.get(msg.seq) ??
        `no verdict after ${maxDeliver} deliveries ` +
          '(handler crashed, overran ack wait, or the service stopped)';
      return this.deadLetter(msg, subject, reason);
    }

    const delivered: DeliveredMessage = {
      subject,
      data: msg.data,
      headers: headersToRecord(msg.headers),
      stream: this.stream,
      streamSequence: msg.seq,
      deliveryCount,
      working: () => msg.working(),
    };
    await this.options.beforeHandle?.(delivered);
    const isTransient = this.options.isTransient ?? isTransientByDefault;
    const { initial, max } = this.options.transientBackoffMs ?? { initial: 500, max: 15_000 };
    let wait = initial;
    let retries = 0;
    for (;;) {
      const stopProgress = this.keepInProgress(msg, this.options.maxHandlerMs ?? 10 * 60_000);
      try {
        await this.options.onMessage(delivered);
        stopProgress();
        break;
      } catch (err) {
        stopProgress();
        const error = describeError(err);
        if (err instanceof UnprocessableMessageError) {
          // Redelivery cannot fix a malformed message: dead-letter it now.
          return this.deadLetter(msg, subject, error);
        }
        if (isTransient(err) || isTransientByDefault(err)) {
          if (this.stopping) {
            // Shutting down in the middle of an outage: hand it back for another instance; the
            // delivery this costs is the shutdown's, not the outage's.
            msg.nak(wait);
            this.logger.warn({ msg: 'transient failure while stopping; handed back', ...where, error });
            return 'retry';
          }
          retries += 1;
          // Not the message's fault: keep it in progress and try again in place, without
          // spending a delivery, for as long as the outage lasts.
          if (retries === 1 || retries % 10 === 0) {
            this.logger.warn({ msg: 'transient failure; retrying in place', ...where, retries, waitMs: wait, error });
          }
          await this.waitInProgress(msg, wait);
          wait = Math.min(wait * 2, max);
          continue;
        }
        if (deliveryCount >= maxDeliver) {
          // Out of attempts: park it in the dead-letter stream with its error.
          return this.deadLetter(msg, subject, error);
        }
        const delayMs = retryDelayMs(backoffMs, deliveryCount);
        // A real failure: ask for redelivery after the back-off delay; it spends a delivery.
        msg.nak(delayMs);
        this.logger.warn({ msg: 'handler failed; will retry', ...where, delayMs, error });
        return 'retry';
      }
    }

    // The handler succeeded: ack, and wait for the server to confirm it so that a lost ack is
    // at least logged. If it was lost, the message comes again and the idempotent handler
    // skips it by event id.
    try {
      await msg.ackAck();
    } catch (err) {
      this.logger.warn({
        msg: 'ack not confirmed; message may be redelivered',
        ...where,
        error: describeError(err),
      });
    }
    return 'acked';
  }

  private async waitInProgress(msg: JsMsg, ms: number): Promise<void> {
    msg.working();
    const stop = this.keepInProgress(msg, Number.POSITIVE_INFINITY);
    await new Promise((resolve) => setTimeout(resolve, ms));
    stop();
  }

  private async deadLetter(msg: JsMsg, subject: string, error: string): Promise<Verdict> {
    const deliveryCount = msg.info.deliveryCount;
    const where = { stream: this.stream, durable: this.durable, subject, seq: msg.seq, deliveryCount };
    const filed = this.options.deadLetterAs?.(subject, headersToRecord(msg.headers)) ?? { subject, consumer: this.durable };
    try {
      await publishDeadLetter(this.options.bus, {
        service: this.options.service,
        consumer: filed.consumer,
        subject: filed.subject,
        physicalSubject: msg.subject,
        stream: this.stream,
        streamSequence: msg.seq,
        deliveryCount,
        data: msg.data,
        headers: msg.headers,
        error,
      });
    } catch (dlqErr) {
      // The copy was not stored: keep the original (nak, not term) so it is retried later and
      // never lost. The next delivery exceeds maxDeliver and comes straight back here, with the
      // error remembered for the copy.
      this.rememberError(msg.seq, error);
      const delayMs = retryDelayMs(this.options.backoffMs, Number.MAX_SAFE_INTEGER);
      msg.nak(delayMs);
      this.logger.error({
        msg: 'dead-letter publish failed; message kept for retry',
        ...where,
        delayMs,
        error,
        deadLetterError: describeError(dlqErr),
      });
      return 'retry';
    }
    this.lastErrors.delete(msg.seq);
    // The copy is stored: tell the server never to deliver the original to this consumer again.
    // No term reason: servers before 2.11 do not parse "+TERM <reason>" and the dead letter
    // carries the error anyway.
    msg.term();
    this.logger.error({ msg: 'message dead-lettered', ...where, error });
    await this.options.afterDeadLetter?.(msg.seq).catch((err: unknown) => {
      this.logger.warn({ msg: 'after dead-letter step failed', ...where, error: describeError(err) });
    });
    return 'dead-lettered';
  }
}
