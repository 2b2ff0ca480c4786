import 'reflect-metadata';
import type { INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { getConnectionToken } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import helmet from '@fastify/helmet';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { Logger as PinoLogger } from 'pino';
import { STREAMS, type ProducerName } from '@pdmc/contracts';
import { inboxPrefixFor, JetStreamServer } from '@pdmc/messaging';
import { faults, prepareCollections } from '@pdmc/persistence';
import { AuditLog, STATE_CHANGING, type AuditedRequest } from './audit/audit-log';
import type { ServiceConfig } from './config/service-config';
import { AllExceptionsFilter } from './http/all-exceptions.filter';
import { CorrelationInterceptor } from './http/correlation.interceptor';
import { documentErrorAnswers } from './http/documented-errors';
import { acceptJsonBodiesOnly } from './http/json-body';
import { createValidationPipe } from './http/validation';
import { acceptCorrelationId, runWithCorrelation } from './logging/correlation';
import { createLogger, JsonLogger } from './logging/logger';
import { isTransientFailure } from './transient-failure';

export interface ServiceDescription {
  service: ProducerName;
  title: string;
  description: string;
  /** The root module, already bound to the configuration (e.g. `AppModule.register(config)`). */
  module: Type<unknown> | import('@nestjs/common').DynamicModule;
  config: ServiceConfig;
  /** Where logs go; defaults to stdout. Tests pass a capturing stream. */
  logDestination?: import('pino').DestinationStream;
}

export interface RunningService {
  app: INestApplication;
  url: string;
  logger: PinoLogger;
  close(): Promise<void>;
}

/**
 * Builds and starts a service: Fastify HTTP API and JetStream listener in one process, JSON
 * logs with correlation ids, validation, one error shape, OpenAPI at /docs, and graceful
 * shutdown (in-flight HTTP requests and messages finish, then connections drain).
 */
export async function startService(desc: ServiceDescription): Promise<RunningService> {
  const { config, service } = desc;
  const pino = createLogger(service, config.LOG_LEVEL, desc.logDestination);
  const adapter = new FastifyAdapter({
    bodyLimit: config.BODY_LIMIT_BYTES,
    // Request ids come from the correlation id, not Fastify's counter.
    genReqId: (req: import('node:http').IncomingMessage) => acceptCorrelationId(req.headers['x-correlation-id']),
    logger: false,
    trustProxy: config.TRUST_PROXY === 'true',
  });
  adapter.getInstance().addHook('onRequest', async (request, reply) => {
    const correlationId = request.id;
    (request as unknown as { correlationId: string }).correlationId = correlationId;
    reply.header('x-correlation-id', correlationId);
  });
  // One access line per request. The query string is left out: it may hold search terms
  // such as phone numbers.
  adapter.getInstance().addHook('onResponse', async (request, reply) => {
    pino.info(
      {
        correlationId: request.id,
        method: request.method,
        path: request.url.split('?')[0],
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime),
      },
      'request',
    );
  });

  // JSON only, nesting bounded (docs/security.md, "Input handling"); Nest's own parsers, which
  // also take form-encoded bodies, are left out.
  acceptJsonBodiesOnly(adapter.getInstance(), { bodyLimit: config.BODY_LIMIT_BYTES });

  const app = await NestFactory.create<NestFastifyApplication>(desc.module, adapter, {
    logger: new JsonLogger(pino),
    abortOnError: false,
    bodyParser: false,
  });
  await app.register(helmet as never, {
    // The API answers JSON; only the /docs page needs its own scripts and styles.
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        frameAncestors: ["'none'"],
      },
    },
  });
  // Closed unless origins are listed: browsers elsewhere cannot call the API with staff tokens.
  if (config.CORS_ORIGINS) {
    app.enableCors({ origin: config.CORS_ORIGINS.split(','), credentials: false, maxAge: 600 });
  }
  // State changes refused before any handler ran (401, 403, 413, 429, malformed JSON) get their
  // audit entry here; the interceptor has written all the others and marked the request.
  const audit = app.get(AuditLog, { strict: false });
  adapter.getInstance().addHook('onResponse', async (request, reply) => {
    if (!STATE_CHANGING.has(request.method)) return;
    await audit.recordRequest(request as AuditedRequest, undefined, reply.statusCode < 400 ? 'success' : 'failure', reply.statusCode, undefined);
  });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new AllExceptionsFilter());
  app.useGlobalInterceptors(new CorrelationInterceptor());
  app.enableShutdownHooks();

  const document = documentErrorAnswers(SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle(desc.title)
      .setDescription(desc.description)
      .setVersion('1')
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
      .build(),
  ));
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/json' });

  app.connectMicroservice(
    {
      strategy: new JetStreamServer({
        service,
        bus: {
          servers: config.NATS_URL,
          name: `${service}-listener`,
          prefix: config.BUS_PREFIX,
          user: config.NATS_USER,
          pass: config.NATS_PASSWORD,
          inboxPrefix: inboxPrefixFor(service),
          streams: { replicas: config.STREAM_REPLICAS ?? 1, storage: config.STREAM_STORAGE ?? 'file' },
        },
        ensureStreams: [STREAMS[service]],
        maxDeliver: config.MAX_DELIVER,
        ackWaitMs: config.ACK_WAIT_MS,
        concurrency: config.CONSUMER_CONCURRENCY ?? 1,
        prefetch: config.CONSUMER_PREFETCH ?? 1,
        maxAckPending: config.CONSUMER_MAX_ACK_PENDING ?? 100,
        stopTimeoutMs: config.SHUTDOWN_TIMEOUT_MS ?? 20_000,
        // A database or broker outage is waited out in place; it never spends a delivery.
        isTransient: isTransientFailure,
        beforeHandle: faults.enabled ? () => faults.hit('between-fetch-and-handle') : undefined,
        runInContext: (envelope, fn, delivery) =>
          runWithCorrelation({ correlationId: envelope.correlationId, causationId: envelope.id }, async () => {
            const started = Date.now();
            try {
              const result = await fn();
              pino.info({ type: envelope.type, eventId: envelope.id, deliveryCount: delivery?.deliveryCount, ms: Date.now() - started }, 'event handled');
              return result;
            } catch (error) {
              pino.warn({ type: envelope.type, eventId: envelope.id, err: error }, 'event handler failed');
              throw error;
            }
          }),
        logger: new JsonLogger(pino.child({ context: 'JetStreamServer' })),
      }),
    },
    { inheritAppConfig: true },
  );

  // Unique indexes are what makes a redelivered event harmless: build them before the first
  // event arrives, not in the background after.
  await ensureIndexes(app);
  await app.startAllMicroservices();
  await app.listen(config.HTTP_PORT, config.HTTP_HOST);
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : config.HTTP_PORT;
  const url = `http://${config.HTTP_HOST.includes(':') ? `[${config.HTTP_HOST}]` : config.HTTP_HOST}:${port}`;
  pino.info({ url, docs: `${url}/docs` }, `${service} service listening`);
  return { app, url, logger: pino, close: () => app.close() };
}

/** Waits until every model of the service's connection has its collection and indexes (unique ones included). */
async function ensureIndexes(app: INestApplication): Promise<void> {
  const connection = app.get<Connection>(getConnectionToken(), { strict: false });
  await prepareCollections(connection);
}
