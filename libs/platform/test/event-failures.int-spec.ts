import { Controller, Module, type DynamicModule } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { randomUUID } from 'node:crypto';
import { CASE_OPENED_V1, createEnvelope, type CaseOpenedV1, type EventEnvelope } from '@pdmc/contracts';
import { captureLogs, createTestAuth, createTestNamespace, publishEnvelope, streamMessages, waitFor, type TestNamespace } from '@pdmc/testing';
import { loadConfig, ServiceConfig, ServiceCoreModule, startService, type RunningService } from '../src';

const attempts: string[] = [];

@Controller()
class FailingHandler {
  @EventPattern(CASE_OPENED_V1.subject)
  handle(@Payload() event: EventEnvelope<CaseOpenedV1>): void {
    attempts.push(event.id);
    throw new Error('ledger database unavailable');
  }
}

@Module({})
class FailingModule {
  static register(config: ServiceConfig): DynamicModule {
    return {
      module: FailingModule,
      imports: [ServiceCoreModule.forRoot({ service: 'funds', config })],
      controllers: [FailingHandler],
    };
  }
}

describe('a service whose event handler keeps failing (real servers)', () => {
  let ns: TestNamespace;
  let auth: Awaited<ReturnType<typeof createTestAuth>>;
  let service: RunningService;
  const logs = captureLogs();

  beforeAll(async () => {
    ns = createTestNamespace('platform');
    auth = await createTestAuth();
    const config = loadConfig(ServiceConfig, {
      ...auth.env,
      HTTP_PORT: '0',
      MONGO_URL: ns.mongoUrl,
      MONGO_DB: ns.dbName('platform'),
      NATS_URL: ns.natsUrl,
      BUS_PREFIX: ns.busPrefix,
      MAX_DELIVER: '3',
    });
    service = await startService({
      service: 'funds',
      title: 'test',
      description: 'test',
      module: FailingModule.register(config),
      config,
      logDestination: logs.destination,
    });
  });

  afterAll(async () => {
    await service?.close();
    await ns?.cleanup();
    auth?.cleanup();
  });

  it('retries up to MAX_DELIVER, then dead-letters the event with the handler’s real error', async () => {
    const event = createEnvelope(
      CASE_OPENED_V1,
      {
        caseId: randomUUID(),
        petitionId: randomUUID(),
        caseNumber: '220106-2026-000009',
        workUnit: 'LABOUR',
        responsibleBody: 'dept:labour-inspection',
        openedAt: new Date().toISOString(),
        dueAt: new Date().toISOString(),
      },
      { correlationId: 'corr-dead-letter-1' },
    );
    await publishEnvelope(ns.natsUrl, ns.busPrefix, event);
    const [dead] = await waitFor(
      async () => {
        const found = await streamMessages(ns.natsUrl, `${ns.streamPrefix}DEAD_LETTERS`);
        return found.length ? found : undefined;
      },
      { description: 'a dead letter', timeoutMs: 30_000 },
    );
    expect(attempts.filter((id) => id === event.id)).toHaveLength(3);
    expect(dead.subject).toBe(`${ns.busPrefix}.dlq.funds.handling.case.opened.v1`);
    expect(JSON.stringify(dead.headers)).toContain('ledger database unavailable');
    expect(dead.data).toMatchObject({ id: event.id, type: CASE_OPENED_V1.subject });
    expect(logs.lines.some((l) => l.includes('event handler failed') && l.includes('corr-dead-letter-1'))).toBe(true);
  });
});
