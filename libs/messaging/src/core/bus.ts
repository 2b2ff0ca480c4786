import { EventEmitter } from 'node:events';
import type { EventEnvelope } from '@pdmc/contracts';
import {
  JetStreamApiError,
  RetentionPolicy,
  StorageType,
  jetstreamManager,
  type JetStreamClient as NatsJetStreamClient,
  type JetStreamManager,
  type StreamConfig,
  type StreamInfo,
} from '@nats-io/jetstream';
import { nanos, type NatsConnection, type Status } from '@nats-io/nats-core';
import { connect } from '@nats-io/transport-node';
import { PDMC_HEADERS, recordToHeaders } from './headers';
import { describeError, type MessagingLogger } from './logger';
import { isConcreteSubject, logicalSubject, physicalStreamName, physicalSubject } from './names';

/** How to reach NATS and how this process names itself there. */
export interface BusOptions {
  /** One URL or a comma-separated list, e.g. `nats://nats-1:4222,nats://nats-2:4222`. */
  servers: string;
  /** Connection name shown by the server's monitoring; use the service name. */
  name: string;
  /** Namespace for every subject and stream (tests use a random one per file). */
  prefix?: string;
  user?: string;
  pass?: string;
  /**
   * Prefix of this connection's reply inboxes (`inboxPrefixFor(service)`); the NATS user of a
   * service may subscribe only there. Defaults to the shared `_INBOX`.
   */
  inboxPrefix?: string;
  /** Receives connection status changes (disconnect, reconnect, errors). */
  logger?: MessagingLogger;
  /** Durability of every stream this bus declares (`ensureStream`); defaults: file, 1 replica. */
  streams?: StreamSettings;
}

/**
 * How a stream is stored. One replica suits a single server (with `sync_interval: always` in the
 * server's configuration, so an acknowledged message is on disk); a cluster of three runs R3, so
 * an acknowledged message is on a majority of servers and survives the loss of one.
 */
export interface StreamSettings {
  replicas?: number;
  storage?: 'file' | 'memory';
}

/** What JetStream answered to a publish. */
export interface PublishResult {
  /** Stream sequence of the stored message (of the original one when `duplicate`). */
  seq: number;
  /** True when the server had already stored a message with this envelope id. */
  duplicate: boolean;
}

/** A stream to create or update; `StreamDefinition` from `@pdmc/contracts` fits. */
export interface StreamSpec {
  name: string;
  subjects: readonly string[];
}

/** Connection status events re-emitted by {@link Bus.on} (`disconnect`, `reconnect`, `error`, ...). */
export type BusStatusEvent = Status['type'];

/** JetStream de-duplicates messages with the same `msgID` published within this window. */
export const DUPLICATE_WINDOW_MS = 2 * 60 * 1000;

/** JetStream API error: "stream name already in use with a different configuration". */
const STREAM_NAME_IN_USE = 10058;

/**
 * One NATS connection with JetStream, speaking logical subjects and stream names; the prefix
 * from {@link BusOptions} is applied on the way out and removed on the way in.
 */
export class Bus {
  private readonly events = new EventEmitter();
  private connected = true;
  private draining?: Promise<void>;

  private constructor(
    private readonly nc: NatsConnection,
    private readonly js: NatsJetStreamClient,
    private readonly jsm: JetStreamManager,
    private readonly options: BusOptions,
  ) {
    // EventEmitter throws on an 'error' event nobody listens to; here it is only a status.
    this.events.on('error', () => undefined);
    void this.watchStatus();
  }

  /**
   * Connects and fails fast when no server answers, so a misconfigured service stops at
   * start-up. Once connected, the client reconnects forever with a jittered wait, and
   * subscriptions and consumers resume by themselves.
   */
  static async connect(options: BusOptions): Promise<Bus> {
    if (!options.servers?.trim()) throw new Error('BusOptions.servers is empty');
    if (!options.name?.trim()) throw new Error('BusOptions.name is empty');
    if (options.prefix) physicalSubject(options.prefix, 'check');
    const nc = await connect({
      servers: options.servers.split(',').map((s) => s.trim()).filter(Boolean),
      name: options.name,
      user: options.user,
      pass: options.pass,
      ...(options.inboxPrefix ? { inboxPrefix: options.inboxPrefix } : {}),
      reconnect: true,
      maxReconnectAttempts: -1,
      reconnectTimeWait: 2_000,
      // Spreads reconnects so that a restarted server is not hit by every client at once.
      reconnectJitter: 1_000,
    });
    const jsm = await jetstreamManager(nc);
    return new Bus(nc, jsm.jetstream(), jsm, options);
  }

  /** The namespace prefix, if any. */
  get prefix(): string | undefined {
    return this.options.prefix || undefined;
  }

  /** The connection (service) name. */
  get name(): string {
    return this.options.name;
  }

  /** The underlying connection, for advanced use; it speaks physical subjects. */
  get connection(): NatsConnection {
    return this.nc;
  }

  /** The underlying JetStream client, for advanced use; it speaks physical names. */
  get jetstream(): NatsJetStreamClient {
    return this.js;
  }

  /** The underlying JetStream manager, for advanced use; it speaks physical names. */
  get jetstreamManager(): JetStreamManager {
    return this.jsm;
  }

  /** Physical subject for a logical one. */
  subject(logical: string): string {
    return physicalSubject(this.prefix, logical);
  }

  /** Logical subject for a physical one. */
  logicalSubject(physical: string): string {
    return logicalSubject(this.prefix, physical);
  }

  /** Physical stream name for a logical one. */
  streamName(logical: string): string {
    return physicalStreamName(this.prefix, logical);
  }

  /** True while connected and not draining or closed. */
  isConnected(): boolean {
    return this.connected && !this.nc.isClosed() && !this.nc.isDraining();
  }

  /** Listens to connection status changes; see {@link BusStatusEvent}. */
  on(event: BusStatusEvent, listener: (status: Status) => void): this {
    this.events.on(event, listener);
    return this;
  }

  /**
   * Creates the stream, or brings an existing one to this configuration: the storage and
   * replica count of `settings` (by default the bus's `streams` option: file, one replica),
   * limits retention, two-minute duplicate window and exactly the given subjects. Safe to call from
   * several services at once: an identical create is accepted by the server, and a create that
   * loses a race to a different configuration falls back to an update.
   */
  async ensureStream(spec: StreamSpec, settings: StreamSettings = this.options.streams ?? {}): Promise<StreamInfo> {
    const name = this.streamName(spec.name);
    const wanted = {
      name,
      subjects: spec.subjects.map((s) => this.subject(s)),
      storage: settings.storage === 'memory' ? StorageType.Memory : StorageType.File,
      retention: RetentionPolicy.Limits,
      duplicate_window: nanos(DUPLICATE_WINDOW_MS),
      num_replicas: settings.replicas ?? 1,
    } satisfies Partial<StreamConfig>;
    try {
      return await this.jsm.streams.add(wanted);
    } catch (err) {
      if (!(err instanceof JetStreamApiError && err.code === STREAM_NAME_IN_USE)) throw err;
    }
    const current = await this.jsm.streams.info(name);
    const { config } = current;
    if (config.storage !== wanted.storage || config.retention !== wanted.retention) {
      throw new Error(
        `Stream ${name} exists with storage=${config.storage} retention=${config.retention}; ` +
          `it must be storage=${wanted.storage} retention=${wanted.retention} and cannot be changed in place`,
      );
    }
    const sameSubjects =
      config.subjects.length === wanted.subjects.length &&
      wanted.subjects.every((s) => config.subjects.includes(s));
    if (
      sameSubjects &&
      config.duplicate_window === wanted.duplicate_window &&
      (config.num_replicas ?? 1) === wanted.num_replicas
    ) {
      return current;
    }
    // Subjects, duplicate window and replica count are reconciled in place (a cluster moves
    // the stream from R1 to R3 without losing it).
    return this.jsm.streams.update(name, {
      subjects: wanted.subjects,
      duplicate_window: wanted.duplicate_window,
      num_replicas: wanted.num_replicas,
    });
  }

  /**
   * Publishes an event to JetStream on the subject named by `envelope.type` and waits for the
   * server's acknowledgement; throws when the event was not stored. The envelope id is the
   * de-duplication id, so re-publishing the same envelope (an outbox retry) stores it once.
   */
  async publish(envelope: EventEnvelope): Promise<PublishResult> {
    if (!envelope?.id) throw new Error('Cannot publish an event without an envelope id');
    if (!envelope.type || !isConcreteSubject(envelope.type)) {
      throw new Error(`Cannot publish: envelope type "${envelope.type}" is not a concrete subject`);
    }
    const ack = await this.js.publish(this.subject(envelope.type), JSON.stringify(envelope), {
      msgID: envelope.id,
      headers: recordToHeaders({
        [PDMC_HEADERS.correlationId]: envelope.correlationId,
        [PDMC_HEADERS.causationId]: envelope.causationId,
        [PDMC_HEADERS.eventType]: envelope.type,
      }),
    });
    return { seq: ack.seq, duplicate: ack.duplicate };
  }

  /**
   * Core NATS request/reply with JSON on both sides (no JetStream: a request is answered now or
   * not at all). Rejects on timeout or when no service listens on the subject.
   */
  async request<T = unknown>(
    subject: string,
    data: unknown,
    timeoutMs: number,
    options: { correlationId?: string } = {},
  ): Promise<T> {
    const reply = await this.nc.request(this.subject(subject), JSON.stringify(data ?? null), {
      timeout: timeoutMs,
      ...(options.correlationId
        ? { headers: recordToHeaders({ [PDMC_HEADERS.correlationId]: options.correlationId }) }
        : {}),
    });
    return (reply.data.length ? reply.json<T>() : undefined) as T;
  }

  /**
   * Stops taking new messages, lets pending publishes and subscription callbacks finish, then
   * closes. Safe to call more than once and after the connection closed by itself.
   */
  drain(): Promise<void> {
    if (!this.draining) {
      this.draining = this.nc.isClosed() ? Promise.resolve() : this.nc.drain().catch((err: unknown) => {
        // Draining a connection that was closed meanwhile is not a failure of shutdown.
        if (!this.nc.isClosed()) throw err;
      });
    }
    return this.draining;
  }

  /** Resolves when the connection is closed for good (after `drain()` or a fatal error). */
  async closed(): Promise<void> {
    await this.nc.closed();
  }

  private async watchStatus(): Promise<void> {
    const logger = this.options.logger;
    for await (const status of this.nc.status()) {
      if (status.type === 'disconnect') this.connected = false;
      if (status.type === 'reconnect') this.connected = true;
      try {
        if (logger) {
          const entry = {
            msg: `nats ${status.type}`,
            connection: this.options.name,
            status: describeStatus(status),
          };
          if (status.type === 'disconnect' || status.type === 'error' || status.type === 'slowConsumer') {
            logger.warn(entry);
          } else if (status.type === 'reconnect') {
            logger.log(entry);
          }
        }
        this.events.emit(status.type, status);
      } catch {
        // A faulty listener must neither stop status tracking nor crash the process.
      }
    }
  }
}

function describeStatus(status: Status): string {
  if ('server' in status && typeof status.server === 'string') return status.server;
  if ('error' in status) return describeError(status.error);
  return status.type;
}
