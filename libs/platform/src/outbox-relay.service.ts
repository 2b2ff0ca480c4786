import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import type { Connection, Model } from 'mongoose';
import { BUS, type Bus } from '@pdmc/messaging';
import { faults, hasOutbox, OutboxRelay, type OutboxRelayStats } from '@pdmc/persistence';
import { SERVICE_CONFIG } from './service-core.tokens';
import type { ServiceConfig } from './config/service-config';
import { isTransientFailure } from './transient-failure';

/**
 * Runs the outbox relay over every model of this service's connection that has an outbox.
 * Writes that add outbox entries are announced by the outbox plugin, so their events leave at
 * once (read by `_id`); `kick()` is kept for use cases that call it. The sweep over the indexed
 * marker catches up after a crash, another instance's crash, or a NATS outage (and runs at once
 * when NATS reconnects).
 */
@Injectable()
export class OutboxRelayService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('OutboxRelay');
  private relay?: OutboxRelay;

  constructor(
    @InjectConnection() private readonly connection: Connection,
    @Inject(BUS) private readonly bus: Bus,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
  ) {}

  onApplicationBootstrap(): void {
    const models = Object.values(this.connection.models).filter((m) => hasOutbox(m as Model<unknown>));
    this.relay = new OutboxRelay({
      models: models as Model<unknown>[],
      publish: async (envelope) => {
        const result = await this.bus.publish(envelope);
        faults.hit('after-publish');
        return result;
      },
      pollMs: this.config.OUTBOX_POLL_MS,
      maxPollMs: this.config.OUTBOX_SWEEP_MAX_MS ?? this.config.OUTBOX_POLL_MS,
      maxAttempts: this.config.OUTBOX_MAX_ATTEMPTS ?? 10,
      isTransient: isTransientFailure,
      // While NATS is away nothing can leave; the sweep on reconnect sends what piled up.
      canPublish: () => this.bus.isConnected(),
      onError: (error, context) =>
        this.logger.warn({ msg: 'outbox publish failed; will retry', ...context, error: String(error) }),
      onParked: (context) =>
        this.logger.error({
          msg: 'ALERT outbox entry parked after repeated failures; see docs/architecture.md "Parked outbox entries"',
          ...context,
          documentId: String(context.documentId),
        }),
    });
    this.bus.on('reconnect', () => this.relay?.sweep());
    this.relay.start();
  }

  kick(): void {
    this.relay?.kick();
  }

  /** Counters since start (published, failed, parked, last pass), for metrics. */
  stats(): OutboxRelayStats | undefined {
    return this.relay?.stats;
  }

  /** Publishes everything pending now (used by tests and on shutdown). */
  async flush(): Promise<number> {
    await this.relay?.idle();
    return (await this.relay?.flush()) ?? 0;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.relay?.stop();
  }
}
