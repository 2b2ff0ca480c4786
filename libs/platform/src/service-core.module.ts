import { type DynamicModule, Global, Module } from '@nestjs/common';
import { MongooseModule, getConnectionToken } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { AuthModule } from '@pdmc/auth';
import { inboxPrefixFor, MessagingModule } from '@pdmc/messaging';
import { Inbox, PREPARED_COLLECTIONS_OPTIONS, Sequences } from '@pdmc/persistence';
import type { ProducerName } from '@pdmc/contracts';
import { CLOCK, clockFromEnvironment, type Clock } from '@pdmc/calendar';
import { AuditHttpController } from './audit/audit.http.controller';
import { AuditInterceptor } from './audit/audit.interceptor';
import { InboxInterceptor } from './inbox.interceptor';
import { AuditLog } from './audit/audit-log';
import { HealthController } from './health/health.controller';
import { RateLimitGuard } from './http/rate-limit';
import { OutboxRelayService } from './outbox-relay.service';
import { DeadLettersHttpController } from './dead-letters/dead-letters.http.controller';
import { DeadLettersService } from './dead-letters/dead-letters.service';
import { SERVICE_CONFIG, SERVICE_NAME } from './service-core.tokens';
import { StorePreparation } from './store-preparation';
import type { ServiceConfig } from './config/service-config';

export interface ServiceCoreOptions {
  service: ProducerName;
  config: ServiceConfig;
  /** The time source of every time-dependent rule; tests pass a ManualClock. Defaults to the system clock (or an e2e test's clock file, only under NODE_ENV=test). */
  clock?: Clock;
}

/**
 * What every service shares: its own MongoDB database, its NATS connection, the outbox relay,
 * the inbox of processed events, sequences, staff authentication, the audit trail and the health
 * endpoints.
 */
@Global()
@Module({})
export class ServiceCoreModule {
  static forRoot({ service, config, clock }: ServiceCoreOptions): DynamicModule {
    return {
      module: ServiceCoreModule,
      imports: [
        MongooseModule.forRoot(config.MONGO_URL, {
          dbName: config.MONGO_DB,
          // Short: an event handler learns of an outage within seconds and retries in place
          // (the failure is transient and spends no delivery) instead of hanging its message.
          serverSelectionTimeoutMS: config.MONGO_SERVER_SELECTION_TIMEOUT_MS ?? 5_000,
          heartbeatFrequencyMS: 2_000,
          // Filters built from input are sanitised: `{ "$ne": ... }` smuggled into a value is
          // matched literally. Operators the code builds itself are marked with trusted().
          sanitizeFilter: true,
          // Collections and indexes are made by StorePreparation before anything writes.
          ...PREPARED_COLLECTIONS_OPTIONS,
        }),
        MessagingModule.forRoot({
          bus: {
            servers: config.NATS_URL,
            name: service,
            prefix: config.BUS_PREFIX,
            user: config.NATS_USER,
            pass: config.NATS_PASSWORD,
            inboxPrefix: inboxPrefixFor(service),
            streams: { replicas: config.STREAM_REPLICAS ?? 1, storage: config.STREAM_STORAGE ?? 'file' },
          },
        }),
        AuthModule.forRoot({ issuer: config.AUTH_ISSUER, audience: config.AUTH_AUDIENCE, jwksUrl: config.AUTH_JWKS_URL }),
      ],
      controllers: [HealthController, AuditHttpController, DeadLettersHttpController],
      providers: [
        AuditLog,
        { provide: APP_INTERCEPTOR, useClass: AuditInterceptor },
        { provide: APP_INTERCEPTOR, useClass: InboxInterceptor },
        { provide: APP_GUARD, useClass: RateLimitGuard },
        { provide: SERVICE_NAME, useValue: service },
        { provide: SERVICE_CONFIG, useValue: config },
        { provide: CLOCK, useValue: clock ?? clockFromEnvironment() },
        StorePreparation,
        OutboxRelayService,
        DeadLettersService,
        { provide: Inbox, inject: [getConnectionToken()], useFactory: (c: Connection) => new Inbox(c) },
        { provide: Sequences, inject: [getConnectionToken()], useFactory: (c: Connection) => new Sequences(c) },
      ],
      exports: [SERVICE_NAME, SERVICE_CONFIG, CLOCK, OutboxRelayService, DeadLettersService, Inbox, Sequences, AuditLog],
    };
  }
}
