import type { EventEnvelope } from '@pdmc/contracts';
import { BaseRpcContext } from '@nestjs/microservices';
import { PDMC_HEADERS } from '../core/headers';

/** Arguments of a {@link JetStreamContext}, in order. */
export type JetStreamContextArgs = [
  subject: string,
  streamSequence: number,
  deliveryCount: number,
  headers: Readonly<Record<string, string>>,
  envelope: EventEnvelope,
  working?: () => void,
];

/**
 * The context an `@EventPattern` handler receives (`@Ctx()`): where the event came from and how
 * often it was delivered. Acknowledgement is the transport's job, so the raw message is not
 * exposed.
 */
export class JetStreamContext extends BaseRpcContext<JetStreamContextArgs> {
  /** Logical subject, e.g. `intake.petition.registered.v1`. */
  getSubject(): string {
    return this.args[0];
  }

  /** Sequence of the event in its stream. */
  getStreamSequence(): number {
    return this.args[1];
  }

  /** 1 on the first delivery, higher on redeliveries. */
  getDeliveryCount(): number {
    return this.args[2];
  }

  /** Message headers (first value of each). */
  getHeaders(): Readonly<Record<string, string>> {
    return this.args[3];
  }

  /**
   * Tells JetStream the handler is still working, resetting the ack wait. The transport does it
   * by itself while a handler runs; a handler working in long steps may also call it.
   */
  signalProgress(): void {
    this.args[5]?.();
  }

  /** The validated envelope (also the handler's payload argument). */
  getEnvelope<P = unknown>(): EventEnvelope<P> {
    return this.args[4] as EventEnvelope<P>;
  }
}

/** Arguments of a {@link NatsRequestContext}, in order. */
export type NatsRequestContextArgs = [subject: string, headers: Readonly<Record<string, string>>];

/** The context a `@MessagePattern` (request/reply) handler receives. */
export class NatsRequestContext extends BaseRpcContext<NatsRequestContextArgs> {
  /** Logical subject of the request. */
  getSubject(): string {
    return this.args[0];
  }

  /** Request headers (first value of each). */
  getHeaders(): Readonly<Record<string, string>> {
    return this.args[1];
  }

  /** The caller's correlation id, when it sent one. */
  getCorrelationId(): string | undefined {
    return this.args[1][PDMC_HEADERS.correlationId];
  }
}
