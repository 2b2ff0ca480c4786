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
  /** How long the server waits for a verdict before it redelivers. */
  ackWaitMs: number;
  /**
   * Resolve to acknowledge; throw to retry, or throw {@link UnprocessableMessageError} to
   * dead-letter now.
   */
  onMessage: (message: DeliveredMessage) => Promise<void>;
  logger?: MessagingLogger;
  /** Messages fetched ahead per pull; they are handled one at a time. Default 10. */
  batchSize?: number;
}

/** A running durable consumer. */
export interface DurableConsumer {
  /** Physical stream name. */
  readonly stream: string;
  readonly durable: string;
  /**
   * Stops fetching, waits for the message in hand to be handled and settled, and hands
   * prefetched, unhandled messages back to the server. Safe to call more than once.
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
  options: Pick<DurableConsumerOptions, 'bus' | 'durable' | 'filterSubject' | 'ackWaitMs'>,
): Partial<ConsumerConfig> {
  return {
    durable_name: options.durable,
    ack_policy: AckPolicy.Explicit,
    deliver_policy: DeliverPolicy.All,
    filter_subject: options.bus.subject(options.filterSubject),
    ack_wait: nanos(options.ackWaitMs),
    max_deliver: -1,
  };
}

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
  });
}

/**
 * Creates (or updates) a durable pull consumer and handles its messages one at a time until
 * `stop()`. Settling is done here, never by the handler:
 * - handler resolved → ack;
 * - handler threw, deliveries left → nak with the back-off delay;
 * - handler threw on the last delivery, or threw {@link UnprocessableMessageError} → copy to the
 *   dead-letter stream, then term; if that copy fails → nak, so the message is kept and retried.
 *
 * The loop survives reconnects (the client resumes pulling) and deletion of the consumer (it is
 * re-created). Resolves once the consumer exists and pulling has started.
 */
export async function consumeDurable(options: DurableConsumerOptions): Promise<DurableConsumer> {
  if (!Number.isInteger(options.maxDeliver) || options.maxDeliver < 1) {
    throw new Error(`maxDeliver must be a positive integer, got ${options.maxDeliver}`);
  }
  if (options.backoffMs.some((ms) => !Number.isFinite(ms) || ms < 0)) {
    throw new Error(`backoffMs must hold non-negative numbers, got [${options.backoffMs.join(', ')}]`);
  }
  const runner = new DurableConsumerRunner(options);
  await runner.start();
  return runner;
}

class DurableConsumerRunner implements DurableConsumer {
  readonly stream: string;
  readonly durable: string;
  private readonly logger: MessagingLogger;
  private readonly config: Partial<ConsumerConfig> & { durable_name: string };
  private messages?: ConsumerMessages;
  private stopping = false;
  private loop?: Promise<void>;
  private wakeUp?: () => void;
  /** Errors of messages whose dead-letter copy failed, by stream sequence, for the retry. */
  private readonly lastErrors = new Map<number, string>();

  constructor(private readonly options: DurableConsumerOptions) {
    this.stream = options.bus.streamName(options.stream);
    this.durable = options.durable;
    this.logger = options.logger ?? consoleLogger;
    this.config = { ...durableConsumerConfig(options), durable_name: options.durable };
  }

  async start(): Promise<void> {
    await upsertDurableConsumer(this.options.bus, this.stream, this.config);
    this.messages = await this.openMessages();
    this.loop = this.run(this.messages);
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.wakeUp?.();
    await this.messages?.close();
    await this.loop;
  }

  private async openMessages(): Promise<ConsumerMessages> {
    const consumer = await this.options.bus.jetstream.consumers.get(this.stream, this.durable);
    // abort_on_missing_resource ends the iterator when the consumer is deleted, so the loop
    // below can re-create it instead of pulling from nothing forever.
    return consumer.consume({ max_messages: this.options.batchSize ?? 10, abort_on_missing_resource: true });
  }

  private async run(first: ConsumerMessages): Promise<void> {
    let messages: ConsumerMessages | undefined = first;
    let failures = 0;
    while (!this.stopping) {
      try {
        if (!messages) {
          await upsertDurableConsumer(this.options.bus, this.stream, this.config);
          messages = await this.openMessages();
          this.messages = messages;
          if (this.stopping) await messages.close();
          this.logger.log({ msg: 'consumer resumed', stream: this.stream, durable: this.durable });
        }
        for await (const msg of messages) {
          failures = 0;
          if (this.stopping) {
            // Prefetched but not started: hand it back now rather than after ack_wait, so
            // another instance can take it during a rolling restart.
            msg.nak();
            continue;
          }
          await this.settle(msg);
        }
      } catch (err) {
        if (this.stopping) break;
        failures += 1;
        this.logger.warn({
          msg: 'consumer interrupted; re-creating it',
          stream: this.stream,
          durable: this.durable,
          error: describeError(err),
        });
      }
      messages = undefined;
      const nc = this.options.bus.connection;
      if (this.stopping || nc.isClosed() || nc.isDraining()) break;
      await this.pause(Math.min(250 * 2 ** Math.min(failures, 5), 5_000));
    }
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

    try {
      await this.options.onMessage({
        subject,
        data: msg.data,
        headers: headersToRecord(msg.headers),
        stream: this.stream,
        streamSequence: msg.seq,
        deliveryCount,
      });
    } catch (err) {
      const error = describeError(err);
      if (err instanceof UnprocessableMessageError) {
        // Redelivery cannot fix a malformed message: dead-letter it now.
        return this.deadLetter(msg, subject, error);
      }
      if (deliveryCount >= maxDeliver) {
        // Out of attempts: park it in the dead-letter stream with its error.
        return this.deadLetter(msg, subject, error);
      }
      const delayMs = retryDelayMs(backoffMs, deliveryCount);
      // Transient failure: ask for redelivery after the back-off delay.
      msg.nak(delayMs);
      this.logger.warn({ msg: 'handler failed; will retry', ...where, delayMs, error });
      return 'retry';
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

  private async deadLetter(msg: JsMsg, subject: string, error: string): Promise<Verdict> {
    const deliveryCount = msg.info.deliveryCount;
    const where = { stream: this.stream, durable: this.durable, subject, seq: msg.seq, deliveryCount };
    try {
      await publishDeadLetter(this.options.bus, {
        service: this.options.service,
        consumer: this.durable,
        subject,
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
    return 'dead-lettered';
  }
}
