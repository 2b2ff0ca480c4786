import { type DynamicModule, Global, Module } from '@nestjs/common';
import { MongooseModule, getConnectionToken } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
import { MessagingModule } from '@pdmc/messaging';
import { Inbox, Sequences } from '@pdmc/persistence';
import type { ProducerName } from '@pdmc/contracts';
import { HealthController } from './health/health.controller';
import { OutboxRelayService } from './outbox-relay.service';
import { SERVICE_CONFIG, SERVICE_NAME } from './service-core.tokens';
import type { ServiceConfig } from './config/service-config';

export interface ServiceCoreOptions {
  service: ProducerName;
  config: ServiceConfig;
}

/**
 * What every service shares: its own MongoDB database, its NATS connection, the outbox relay,
 * the inbox of processed events, sequences, and the health endpoints.
 */
@Global()
@Module({})
export class ServiceCoreModule {
  static forRoot({ service, config }: ServiceCoreOptions): DynamicModule {
    return {
      module: ServiceCoreModule,
      imports: [
        MongooseModule.forRoot(config.MONGO_URL, {
          dbName: config.MONGO_DB,
          serverSelectionTimeoutMS: 10_000,
          autoIndex: true,
        }),
        MessagingModule.forRoot({
          bus: {
            servers: config.NATS_URL,
            name: service,
            prefix: config.BUS_PREFIX,
            user: config.NATS_USER,
            pass: config.NATS_PASSWORD,
          },
        }),
      ],
      controllers: [HealthController],
      providers: [
        { provide: SERVICE_NAME, useValue: service },
        { provide: SERVICE_CONFIG, useValue: config },
        OutboxRelayService,
        { provide: Inbox, inject: [getConnectionToken()], useFactory: (c: Connection) => new Inbox(c) },
        { provide: Sequences, inject: [getConnectionToken()], useFactory: (c: Connection) => new Sequences(c) },
      ],
      exports: [SERVICE_NAME, SERVICE_CONFIG, OutboxRelayService, Inbox, Sequences],
    };
  }
}
