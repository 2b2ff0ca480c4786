import {
  findEventDefinition,
  validateEnvelope,
  type EventDefinition,
  type EventEnvelope,
} from '@pdmc/contracts';
import { ClientProxy, type ReadPacket, type WritePacket } from '@nestjs/microservices';
import type { NatsConnection, Status } from '@nats-io/nats-core';
import { Bus, type BusOptions, type BusStatusEvent, type PublishResult } from '../core/bus';
import type { JetStreamEvents, JetStreamStatus } from './jetstream.server';
import { RequestReplyError, isRequestReply } from './request-reply';

/** Options of {@link JetStreamClient}. */
export interface JetStreamClientOptions {
  /** Connection options (the client owns and drains the connection) or a shared, connected Bus. */
  bus: BusOptions | Bus;
  /** Timeout of `send()` requests. Default 5 s. */
  requestTimeoutMs?: number;
}

/**
 * Nest `ClientProxy` over the bus. `emit(type, envelope)` publishes a complete, contract-valid
 * {@link EventEnvelope} to JetStream and completes once the server stored it (emitting
 * `{ seq, duplicate }`); `send(subject, data)` is a core NATS request whose `{ ok, data | error }`
 * reply is unwrapped, failures arriving as {@link RequestReplyError}.
 */
export class JetStreamClient extends ClientProxy<JetStreamEvents, JetStreamStatus> {
  private readonly busOptions?: BusOptions;
  private readonly requestTimeoutMs: number;
  private readonly pendingListeners: Array<[BusStatusEvent, (status: Status) => void]> = [];
  private bus?: Bus;
  private connecting?: Promise<Bus>;

  constructor(source: JetStreamClientOptions | Bus) {
    super();
    const options: JetStreamClientOptions = source instanceof Bus ? { bus: source } : source;
    this.requestTimeoutMs = options.requestTimeoutMs ?? 5_000;
    if (options.bus instanceof Bus) {
      this.attach(options.bus);
      this.connecting = Promise.resolve(options.bus);
    } else {
      this.busOptions = options.bus;
    }
  }

  /** Connects once (a failed attempt is retried on the next call) and resolves with the bus. */
  connect(): Promise<Bus> {
    if (this.connecting) return this.connecting;
    if (!this.busOptions) return Promise.reject(new Error('JetStreamClient has no bus options'));
    const connecting = Bus.connect(this.busOptions).then((bus) => {
      this.attach(bus);
      return bus;
    });
    connecting.catch(() => {
      if (this.connecting === connecting) this.connecting = undefined;
    });
    this.connecting = connecting;
    return connecting;
  }

  /** Drains the connection if this client opened it; a shared Bus is left to its owner. */
  async close(): Promise<void> {
    if (!this.busOptions || !this.connecting) return;
    const pending = this.connecting;
    this.connecting = undefined;
    this.bus = undefined;
    const bus = await pending.catch(() => undefined);
    await bus?.drain();
    this._status$.next('disconnected');
  }

  /** The NATS connection; available once connected. */
  unwrap<T = NatsConnection>(): T {
    if (!this.bus) throw new Error('JetStreamClient is not connected; call connect() first');
    return this.bus.connection as T;
  }

  /** Listens to connection events. */
  override on<EventKey extends keyof JetStreamEvents = keyof JetStreamEvents>(
    event: EventKey,
    callback: JetStreamEvents[EventKey],
  ): void {
    if (this.bus) this.bus.on(event, callback);
    else this.pendingListeners.push([event, callback]);
  }

  protected async dispatchEvent<T = PublishResult>(packet: ReadPacket): Promise<T> {
    const type = this.normalizePattern(packet.pattern);
    const envelope = packet.data as EventEnvelope | undefined;
    if (!envelope || typeof envelope !== 'object' || envelope.type !== type) {
      throw new Error(`emit("${type}", data): data must be a complete EventEnvelope whose type is "${type}"`);
    }
    const definition = findEventDefinition(type);
    if (!definition) throw new Error(`emit("${type}"): no such event in @pdmc/contracts (EVENT_REGISTRY)`);
    // Checked here so that a broken event fails its producer instead of every consumer.
    const checked = validateEnvelope(definition as EventDefinition<object>, envelope);
    if (!checked.ok) {
      const violations = checked.violations.map((v) => `${v.field}: ${v.message}`).join('; ');
      throw new Error(`emit("${type}"): invalid envelope: ${violations}`);
    }
    const bus = await this.connect();
    return (await bus.publish(envelope)) as T;
  }

  protected publish(packet: ReadPacket, callback: (packet: WritePacket) => void): () => void {
    let cancelled = false;
    const subject = this.normalizePattern(packet.pattern);
    this.connect()
      .then((bus) => bus.request(subject, packet.data, this.requestTimeoutMs))
      .then((reply) => {
        if (cancelled) return;
        if (!isRequestReply(reply)) {
          const message = `malformed reply from "${subject}"`;
          callback({ err: new RequestReplyError({ code: 'BAD_REPLY', message }) });
        } else if (reply.ok) {
          callback({ response: reply.data, isDisposed: true });
        } else {
          callback({ err: new RequestReplyError(reply.error) });
        }
      })
      .catch((err: unknown) => {
        if (!cancelled) callback({ err });
      });
    // Unsubscribing from send() only stops delivery: a core request cannot be recalled.
    return () => {
      cancelled = true;
    };
  }

  private attach(bus: Bus): void {
    this.bus = bus;
    for (const [event, listener] of this.pendingListeners.splice(0)) bus.on(event, listener);
    bus.on('disconnect', () => this._status$.next('disconnected'));
    bus.on('reconnecting', () => this._status$.next('reconnecting'));
    bus.on('reconnect', () => this._status$.next('connected'));
    this._status$.next('connected');
  }
}
