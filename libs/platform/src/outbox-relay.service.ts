import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import type { Connection, Model } from 'mongoose';
import { BUS, type Bus } from '@pdmc/messaging';
import { hasOutbox, OutboxRelay } from '@pdmc/persistence';
import { SERVICE_CONFIG } from './service-core.tokens';
import type { ServiceConfig } from './config/service-config';

/**
 * Runs the outbox relay over every model of this service's connection that has an outbox.
 * Use cases call `kick()` after a write so events leave at once; the timer catches up after
 * a crash or a NATS outage.
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
      publish: (envelope) => this.bus.publish(envelope),
      pollMs: this.config.OUTBOX_POLL_MS,
      onError: (error, context) =>
        this.logger.warn({ msg: 'outbox publish failed; will retry', ...context, error: String(error) }),
    });
    this.relay.start();
  }

  kick(): void {
    this.relay?.kick();
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
