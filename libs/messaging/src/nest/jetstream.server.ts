import {
  DEAD_LETTER_STREAM,
  STREAMS,
  findEventDefinition,
  validateEnvelope,
  type EventDefinition,
  type EventEnvelope,
  type StreamDefinition,
} from '@pdmc/contracts';
import { Logger } from '@nestjs/common';
import {
  Server,
  type BaseRpcContext,
  type CustomTransportStrategy,
  type MessageHandler,
} from '@nestjs/microservices';
import type { Msg, NatsConnection, Status, Subscription } from '@nats-io/nats-core';
import { lastValueFrom } from 'rxjs';
import { Bus, type BusOptions, type BusStatusEvent, type StreamSpec } from '../core/bus';
import { ensureDeadLetterStream } from '../core/dead-letter';
import { REPLAY_TOKEN, replaySubject } from '../core/dead-letters';
import {
  UnprocessableMessageError,
  consumeDurable,
  type DeliveredMessage,
  type DurableConsumer,
} from '../core/durable-consumer';
import { PDMC_HEADERS, headersToRecord } from '../core/headers';
import { describeError, type MessagingLogger } from '../core/logger';
import { durableName, isConcreteSubject } from '../core/names';
import { JetStreamContext, NatsRequestContext } from './jetstream.context';
import { toReplyError, type RequestReply } from './request-reply';

/**
 * Transport id of {@link JetStreamServer}; `@EventPattern(subject, JETSTREAM_TRANSPORT)` binds a
 * handler to this transport only.
 */
export const JETSTREAM_TRANSPORT: unique symbol = Symbol.for('pdmc.messaging.jetstream');

/** Status values emitted on `server.status` / `client.status`. */
export type JetStreamStatus = 'connected' | 'disconnected' | 'reconnecting';

/** Connection events listenable with `on()`. */
export type JetStreamEvents = Record<BusStatusEvent, (status: Status) => void>;

/** Options of {@link JetStreamServer}. */
export interface JetStreamServerOptions {
  bus: BusOptions;
  /** The consuming service: queue group, durable names and dead-letter subjects derive from it. */
  service: string;
  /** Streams this service produces to; created or updated at start-up. */
  ensureStreams?: StreamDefinition[];
  /** Deliveries (including the first) before a failing event is dead-lettered. Default 5. */
  maxDeliver?: number;
  /** Redelivery delays after the 1st, 2nd, ... failure; the last repeats. Default [1s, 5s, 15s, 30s]. */
  backoffMs?: number[];
  /** How long the server waits for a verdict before redelivering. Default 30 s. */
  ackWaitMs?: number;
  /** Event handlers running at once, per consumer. Default 1. */
  concurrency?: number;
  /** Messages pulled at once per consumer, at most its free slots. Default: `concurrency`. */
  prefetch?: number;
  /** The server's bound on unacknowledged messages per consumer (all instances). Default 100. */
  maxAckPending?: number;
  /** How long `close()` waits for the events in hand. Default 20 s. */
  stopTimeoutMs?: number;
  /**
   * Failures retried in place for as long as it takes, spending no delivery (database or broker
   * unreachable). NATS's own transient errors and `TransientFailureError` always are.
   */
  isTransient?: (error: unknown) => boolean;
  /** Flow control of single consumers, by their `@EventPattern` subject; overrides the above. */
  consumers?: Record<string, ConsumerFlowControl>;
  /** Called after a message was fetched, before its handler runs (test fault injection). */
  beforeHandle?: (message: DeliveredMessage) => void | Promise<void>;
  /** Wraps each event handler call, e.g. to open the app's correlation-id scope. */
  runInContext?: <T>(envelope: EventEnvelope, fn: () => Promise<T>, delivery?: { deliveryCount: number; subject: string }) => Promise<T>;
  logger?: MessagingLogger;
}

/** Per-consumer flow control; unset fields take the server-wide options. */
export interface ConsumerFlowControl {
  ackWaitMs?: number;
  concurrency?: number;
  prefetch?: number;
  maxAckPending?: number;
  maxDeliver?: number;
}

interface EventRoute {
  pattern: string;
  definition: EventDefinition;
  handler: MessageHandler;
}

const GENERIC_NEST_ERROR = 'Internal server error';

/**
 * NestJS transport over NATS JetStream. `@EventPattern(subject)` handlers consume the
 * producer's stream through one durable consumer each (`<service>__<subject>`); the envelope is
 * validated against its contract before the handler runs, and the message is acked only after
 * the handler succeeded (see `consumeDurable` for retries and dead-lettering). A handler may
 * throw `UnprocessableMessageError` to dead-letter an event at once; register
 * `JetStreamExceptionFilter` so that Nest passes handler errors through unchanged.
 * `@MessagePattern(subject)` handlers answer core NATS requests in the queue group `<service>`.
 */
export class JetStreamServer
  extends Server<JetStreamEvents, JetStreamStatus>
  implements CustomTransportStrategy
{
  private bus?: Bus;
  private readonly consumers: DurableConsumer[] = [];
  private readonly subscriptions: Subscription[] = [];
  private readonly inflightRequests = new Set<Promise<void>>();
  private readonly pendingListeners: Array<[BusStatusEvent, (status: Status) => void]> = [];
  private readonly log: MessagingLogger;
  private closing?: Promise<void>;

  constructor(private readonly options: JetStreamServerOptions) {
    super();
    this.transportId = JETSTREAM_TRANSPORT;
    if (!options.service || !/^[A-Za-z0-9_-]+$/.test(options.service)) {
      throw new Error(`JetStreamServer: service "${options.service}" must match [A-Za-z0-9_-]+`);
    }
    this.log = options.logger ?? nestLogger(new Logger(JetStreamServer.name));
  }

  /** Connects, ensures streams and consumers, subscribes request handlers, then calls back. */
  async listen(callback: (...optionalParams: unknown[]) => unknown): Promise<void> {
    try {
      await this.start();
    } catch (err) {
      await this.close().catch(() => undefined);
      callback(err);
      return;
    }
    callback();
  }

  /** Stops consumers and request subscriptions, waits for in-flight handlers, then drains. */
  close(): Promise<void> {
    this.closing ??= this.shutdown();
    return this.closing;
  }

  /** Listens to connection events of the server's own connection. */
  on<EventKey extends keyof JetStreamEvents = keyof JetStreamEvents>(
    event: EventKey,
    callback: JetStreamEvents[EventKey],
  ): void {
    if (this.bus) this.bus.on(event, callback);
    else this.pendingListeners.push([event, callback]);
  }

  /** The NATS connection; available after `listen`. */
  unwrap<T = NatsConnection>(): T {
    if (!this.bus) throw new Error('JetStreamServer is not listening; call listen() (or app.listen()) first');
    return this.bus.connection as T;
  }

  private async start(): Promise<void> {
    const routes: EventRoute[] = [];
    const requestPatterns: Array<[string, MessageHandler]> = [];
    for (const [pattern, handler] of this.messageHandlers) {
      if (handler.isEventHandler) {
        const definition = findEventDefinition(pattern);
        if (!definition) {
          throw new Error(
            `@EventPattern("${pattern}") in service "${this.options.service}" names no known event; ` +
              'declare it in @pdmc/contracts (EVENT_REGISTRY)',
          );
        }
        routes.push({ pattern, definition, handler });
      } else {
        if (!isConcreteSubject(pattern)) {
          throw new Error(`@MessagePattern("${pattern}") must be a concrete NATS subject`);
        }
        requestPatterns.push([pattern, handler]);
      }
    }

    const bus = await Bus.connect({ ...this.options.bus, logger: this.options.bus.logger ?? this.log });
    this.bus = bus;
    for (const [event, listener] of this.pendingListeners) bus.on(event, listener);
    bus.on('disconnect', () => this._status$.next('disconnected'));
    bus.on('reconnecting', () => this._status$.next('reconnecting'));
    bus.on('reconnect', () => this._status$.next('connected'));
    this._status$.next('connected');

    // Consumers also ensure the producers' streams (same contract, same configuration), so the
    // start-up order of services does not matter.
    const streams = new Map<string, StreamSpec>();
    for (const def of this.options.ensureStreams ?? []) streams.set(def.name, def);
    for (const route of routes) {
      const def = STREAMS[route.definition.producer];
      streams.set(def.name, def);
    }
    for (const spec of streams.values()) await bus.ensureStream(spec);
    await ensureDeadLetterStream(bus);

    for (const route of routes) {
      const flow = this.options.consumers?.[route.pattern] ?? {};
      const concurrency = flow.concurrency ?? this.options.concurrency ?? 1;
      this.consumers.push(
        await consumeDurable({
          bus,
          stream: STREAMS[route.definition.producer].name,
          durable: durableName(this.options.service, route.pattern),
          filterSubject: route.pattern,
          service: this.options.service,
          maxDeliver: flow.maxDeliver ?? this.options.maxDeliver ?? 5,
          backoffMs: this.options.backoffMs ?? [1_000, 5_000, 15_000, 30_000],
          ackWaitMs: flow.ackWaitMs ?? this.options.ackWaitMs ?? 30_000,
          concurrency,
          batchSize: flow.prefetch ?? this.options.prefetch ?? concurrency,
          maxAckPending: flow.maxAckPending ?? this.options.maxAckPending,
          isTransient: this.options.isTransient,
          stopTimeoutMs: this.options.stopTimeoutMs,
          beforeHandle: this.options.beforeHandle,
          onMessage: (message) => this.deliverEvent(route, message),
          logger: this.log,
        }),
      );
    }
    if (routes.length) this.consumers.push(await this.consumeReplays(bus, routes));
    for (const [pattern, handler] of requestPatterns) this.subscribeRequests(bus, pattern, handler);
  }

  /**
   * Dead letters an operator replays (`DeadLetters.replay`) come back on
   * `dlq.<service>._replay.<subject>`; one durable consumer per service hands each to the route
   * of its original subject, exactly like a first delivery, and removes it from the dead-letter
   * stream once handled. A replay that fails again is dead-lettered under its original subject
   * and consumer.
   */
  private consumeReplays(bus: Bus, routes: EventRoute[]): Promise<DurableConsumer> {
    const service = this.options.service;
    const prefix = `dlq.${service}.${REPLAY_TOKEN}.`;
    const original = (subject: string): string => (subject.startsWith(prefix) ? subject.slice(prefix.length) : subject);
    const routeFor = (subject: string, consumer?: string): EventRoute | undefined =>
      routes.find((r) => consumer && durableName(service, r.pattern) === consumer) ??
      routes.find((r) => r.pattern === original(subject));
    return consumeDurable({
      bus,
      stream: DEAD_LETTER_STREAM.name,
      durable: `${service}__replay`,
      filterSubject: replaySubject(service, '>'),
      service,
      maxDeliver: this.options.maxDeliver ?? 5,
      backoffMs: this.options.backoffMs ?? [1_000, 5_000, 15_000, 30_000],
      ackWaitMs: this.options.ackWaitMs ?? 30_000,
      isTransient: this.options.isTransient,
      stopTimeoutMs: this.options.stopTimeoutMs,
      logger: this.log,
      // The replay failed for good and was filed again as a new dead letter: the replay itself goes.
      afterDeadLetter: async (seq) => {
        await bus.jetstreamManager.streams.deleteMessage(bus.streamName(DEAD_LETTER_STREAM.name), seq, false);
      },
      deadLetterAs: (subject, headers) => ({
        subject: original(subject),
        consumer: headers[PDMC_HEADERS.consumer] || `${service}__replay`,
      }),
      onMessage: async (message) => {
        const route = routeFor(message.subject, message.headers[PDMC_HEADERS.consumer]);
        if (!route) throw new UnprocessableMessageError(`replay of ${original(message.subject)}: no handler for it in ${service}`);
        await this.deliverEvent(route, { ...message, subject: original(message.subject) });
        // Handled: the replay leaves the dead-letter stream, so lists and counts show only what
        // still needs an operator.
        await bus.jetstreamManager.streams.deleteMessage(bus.streamName(DEAD_LETTER_STREAM.name), message.streamSequence, false).catch((err: unknown) => {
          this.log.warn({ msg: 'handled replay not removed from the dead-letter stream', seq: message.streamSequence, error: describeError(err) });
        });
      },
    });
  }

  /**
   * Parses, validates and hands one event to its handler. Throwing UnprocessableMessageError
   * makes consumeDurable dead-letter and term at once: no redelivery can repair bad JSON or a
   * payload that breaks its contract. Any other failure is retried with back-off.
   */
  private async deliverEvent(route: EventRoute, message: DeliveredMessage): Promise<void> {
    let parsed: unknown;
    try {
      parsed = JSON.parse(Buffer.from(message.data).toString('utf8'));
    } catch (err) {
      throw new UnprocessableMessageError(`invalid JSON: ${describeError(err)}`);
    }
    // Tolerant reader: fields added to a .v1 event after this consumer was built are dropped.
    const checked = validateEnvelope(route.definition as EventDefinition<object>, parsed, { unknownFields: 'strip' });
    if (!checked.ok) {
      const violations = checked.violations.map((v) => `${v.field || '(root)'}: ${v.message}`).join('; ');
      throw new UnprocessableMessageError(`invalid envelope: ${violations}`);
    }
    const envelope = checked.value as EventEnvelope;
    const context = new JetStreamContext([
      message.subject,
      message.streamSequence,
      message.deliveryCount,
      message.headers,
      envelope,
      message.working,
    ]);
    const run = async (): Promise<void> => {
      try {
        await this.invoke(route.handler, envelope, context);
      } catch (err) {
        throw explainNestError(err);
      }
    };
    const delivery = { deliveryCount: message.deliveryCount, subject: message.subject };
    await (this.options.runInContext ? this.options.runInContext(envelope, run, delivery) : run());
  }

  private subscribeRequests(bus: Bus, pattern: string, handler: MessageHandler): void {
    const subscription = bus.connection.subscribe(bus.subject(pattern), {
      // One queue group per service: each request is answered by one instance.
      queue: this.options.service,
      callback: (err, msg) => {
        if (err) {
          this.log.error({ msg: 'request subscription failed', subject: pattern, error: describeError(err) });
          return;
        }
        const answering: Promise<void> = this.answer(pattern, handler, msg).finally(() =>
          this.inflightRequests.delete(answering),
        );
        this.inflightRequests.add(answering);
      },
    });
    this.subscriptions.push(subscription);
  }

  private async answer(pattern: string, handler: MessageHandler, msg: Msg): Promise<void> {
    const headers = headersToRecord(msg.headers);
    const correlationId = headers[PDMC_HEADERS.correlationId];
    let reply: RequestReply;
    try {
      let data: unknown;
      try {
        data = msg.data.length ? JSON.parse(Buffer.from(msg.data).toString('utf8')) : undefined;
      } catch {
        throw Object.assign(new Error('request body is not valid JSON'), { code: 'BAD_REQUEST' });
      }
      const result = await this.invoke(handler, data, new NatsRequestContext([pattern, headers]));
      reply = { ok: true, data: result ?? null };
    } catch (err) {
      reply = { ok: false, error: toReplyError(err, correlationId) };
      this.log.warn({ msg: 'request failed', subject: pattern, correlationId, error: describeError(err) });
    }
    // Published without a reply subject: nobody is waiting for the answer.
    if (!msg.reply) return;
    try {
      msg.respond(JSON.stringify(reply));
    } catch (err) {
      this.log.error({ msg: 'reply not sent', subject: pattern, correlationId, error: describeError(err) });
    }
  }

  /**
   * Runs a Nest handler to completion. A handler may return a value, a Promise or an Observable;
   * one that returns nothing (or an Observable that completes without a value) has succeeded.
   */
  private invoke(handler: MessageHandler, data: unknown, context: BaseRpcContext): Promise<unknown> {
    const transportId = this.transportId ?? JETSTREAM_TRANSPORT;
    return new Promise((resolve, reject) => {
      this.onProcessingStartHook(transportId, context, async () => {
        try {
          const result$ = this.transformToObservable(handler(data, context));
          resolve(await lastValueFrom(result$, { defaultValue: undefined }));
        } catch (err) {
          reject(err);
        } finally {
          this.onProcessingEndHook?.(transportId, context);
        }
      });
    });
  }

  private async shutdown(): Promise<void> {
    // Stop taking requests; those already received are still answered below.
    await Promise.all(this.subscriptions.map((s) => s.drain().catch(() => undefined)));
    await Promise.all(this.consumers.map((c) => c.stop()));
    await Promise.allSettled([...this.inflightRequests]);
    await this.bus?.drain();
    this._status$.next('disconnected');
  }
}

/** Nest's default RPC filter hides the cause; say how to keep it, so dead letters are useful. */
function explainNestError(err: unknown): unknown {
  const generic =
    err !== null &&
    typeof err === 'object' &&
    !(err instanceof Error) &&
    (err as { status?: unknown; message?: unknown }).status === 'error' &&
    (err as { message?: unknown }).message === GENERIC_NEST_ERROR;
  if (!generic) return err;
  return new Error(
    `${GENERIC_NEST_ERROR} (the handler's error was replaced by Nest's default exception filter; ` +
      'register JetStreamExceptionFilter to keep it)',
  );
}

function nestLogger(logger: Logger): MessagingLogger {
  return {
    log: (message) => logger.log(message),
    warn: (message) => logger.warn(message),
    error: (message) => logger.error(message),
  };
}
