import { Controller, Module, type DynamicModule } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { getConnectionToken, InjectConnection } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
import { randomUUID } from 'node:crypto';
import { connect } from '@nats-io/transport-node';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { durableName, physicalStreamName } from '@pdmc/messaging';
import { CASE_OPENED_V1, CASE_TERMINATED_V1, createEnvelope, type CaseOpenedV1, type CaseTerminatedV1, type EventEnvelope } from '@pdmc/contracts';
import { Inbox } from '@pdmc/persistence';
import { captureLogs, createTestAuth, createTestNamespace, waitFor, type TestNamespace } from '@pdmc/testing';
import { loadConfig, ServiceConfig, ServiceCoreModule, startService, type RunningService } from '../src';

const deliveries: string[] = [];

/**
 * A handler whose change is not idempotent by itself ($inc on a counter, no unique key): only the
 * inbox stands between a redelivered event and a doubled count.
 */
@Controller()
class CounterHandler {
  constructor(
    private readonly inbox: Inbox,
    @InjectConnection() private readonly connection: Connection,
  ) {}

  @EventPattern(CASE_OPENED_V1.subject)
  async handle(@Payload() event: EventEnvelope<CaseOpenedV1>): Promise<void> {
    deliveries.push(event.id);
    await this.inbox.once('funds.count-cases', event, async () => {
      await this.connection.collection('counters_by_unit').updateOne({ _id: event.payload.workUnit as never }, { $inc: { cases: 1 } }, { upsert: true });
    });
  }
}

/** The same non-idempotent change, de-duplicated by the `inbox` option of the event pattern instead. */
@Controller()
class TerminationCounterHandler {
  constructor(@InjectConnection() private readonly connection: Connection) {}

  @EventPattern(CASE_TERMINATED_V1.subject, { inbox: 'funds.count-terminations' })
  async handle(@Payload() event: EventEnvelope<CaseTerminatedV1>): Promise<void> {
    deliveries.push(event.id);
    await this.connection.collection('counters_by_unit').updateOne({ _id: event.payload.workUnit as never }, { $inc: { terminations: 1 } }, { upsert: true });
  }
}

@Module({})
class CounterModule {
  static register(config: ServiceConfig): DynamicModule {
    return { module: CounterModule, imports: [ServiceCoreModule.forRoot({ service: 'funds', config })], controllers: [CounterHandler, TerminationCounterHandler] };
  }
}

describe('the inbox on its own: an event delivered again after the de-duplication window', () => {
  let ns: TestNamespace;
  let auth: Awaited<ReturnType<typeof createTestAuth>>;
  let service: RunningService;
  let dbName: string;
  const logs = captureLogs();

  beforeAll(async () => {
    ns = createTestNamespace('inbox');
    auth = await createTestAuth();
    dbName = ns.dbName('inbox');
    const config = loadConfig(ServiceConfig, {
      ...auth.env,
      HTTP_PORT: '0',
      MONGO_URL: ns.mongoUrl,
      MONGO_DB: dbName,
      NATS_URL: ns.natsUrl,
      BUS_PREFIX: ns.busPrefix,
    });
    service = await startService({ service: 'funds', title: 'test', description: 'test', module: CounterModule.register(config), config, logDestination: logs.destination });
  });

  afterAll(async () => {
    await service?.close();
    await ns?.cleanup();
    auth?.cleanup();
  });

  it('counts the case once although the handler was given the event twice', async () => {
    const event = createEnvelope(
      CASE_OPENED_V1,
      {
        caseId: randomUUID(),
        petitionId: randomUUID(),
        caseNumber: '220106-2026-000077',
        workUnit: 'LABOUR',
        responsibleBody: 'dept:labour-inspection',
        openedAt: new Date().toISOString(),
        dueAt: new Date().toISOString(),
      },
      { correlationId: 'corr-inbox-1' },
    );
    // The same event stored twice, as after a producer crash between publish and outbox removal
    // followed by a restart later than JetStream's two-minute duplicate window: distinct msgIDs.
    const nc = await connect({ servers: ns.natsUrl });
    try {
      const js = jetstream(nc);
      for (const copy of ['first', 'late-republish']) {
        await js.publish(`${ns.busPrefix}.${CASE_OPENED_V1.subject}`, JSON.stringify(event), { msgID: `${event.id}:${copy}` });
      }
    } finally {
      await nc.close();
    }
    await waitFor(() => deliveries.filter((id) => id === event.id).length === 2, { description: 'both deliveries handled', timeoutMs: 20_000 });
    const connection = service.app.get<Connection>(getConnectionToken(), { strict: false });
    await waitFor(
      async () => (await connection.collection('processed_events').countDocuments({ eventId: event.id })) === 1,
      { description: 'the inbox record', timeoutMs: 10_000 },
    );
    const counter = await connection.collection('counters_by_unit').findOne({ _id: 'LABOUR' as never });
    expect(counter?.cases).toBe(1);
  });
  it('counts the termination once with the inbox option on the event pattern, and records the consumer', async () => {
    const event = createEnvelope(
      CASE_TERMINATED_V1,
      {
        caseId: randomUUID(),
        petitionId: randomUUID(),
        caseNumber: '220106-2026-000078',
        workUnit: 'URBAN_ENV',
        ground: 'review_window_passed',
        terminatedAt: new Date().toISOString(),
      },
      { correlationId: 'corr-inbox-2' },
    );
    const nc = await connect({ servers: ns.natsUrl });
    try {
      const js = jetstream(nc);
      let lastSeq = 0;
      for (const copy of ['first', 'late-republish']) {
        lastSeq = (await js.publish(`${ns.busPrefix}.${CASE_TERMINATED_V1.subject}`, JSON.stringify(event), { msgID: `${event.id}:${copy}` })).seq;
      }
      // The second copy is acknowledged without reaching the handler: wait until the consumer acknowledged both.
      const jsm = await jetstreamManager(nc);
      const stream = physicalStreamName(ns.busPrefix, 'HANDLING');
      const consumer = durableName('funds', CASE_TERMINATED_V1.subject);
      await waitFor(
        async () => {
          const info = await jsm.consumers.info(stream, consumer);
          return info.ack_floor.stream_seq >= lastSeq;
        },
        { description: 'both copies acknowledged', timeoutMs: 20_000 },
      );
    } finally {
      await nc.close();
    }
    const connection = service.app.get<Connection>(getConnectionToken(), { strict: false });
    expect(await connection.collection('processed_events').countDocuments({ consumer: 'funds.count-terminations', eventId: event.id })).toBe(1);
    expect(deliveries.filter((id) => id === event.id)).toHaveLength(1);
    const counter = await connection.collection('counters_by_unit').findOne({ _id: 'URBAN_ENV' as never });
    expect(counter?.terminations).toBe(1);
  });
});
