import { Controller, Module, type DynamicModule } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { randomUUID } from 'node:crypto';
import { CASE_OPENED_V1, createEnvelope, type CaseOpenedV1, type EventEnvelope } from '@pdmc/contracts';
import { captureLogs, createTestAuth, createTestNamespace, http, publishEnvelope, streamMessages, waitFor, type TestNamespace } from '@pdmc/testing';
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

  it('lets an administrator list, inspect, replay and discard dead letters, audited, with count and age as metrics and on /ready', async () => {
    const admin = http(service.url, await auth.headers({ sub: 'ops-1', roles: ['administrator'] }));
    const clerk = http(service.url, await auth.headers({ sub: 'clerk-1', roles: ['intake_clerk'] }));
    const auditor = http(service.url, await auth.headers({ sub: 'auditor-1', roles: ['auditor'] }));
    type Page = { items: Array<{ seq: number; eventId: string; error: string; consumer: string; subject: string; deliveryCount: number; replaying: boolean }>; stats: { count: number } };
    const page = await waitFor(
      async () => {
        const res = await admin.get<Page>('/admin/dead-letters');
        return res.status === 200 && res.body.items.length > 0 ? res.body : undefined;
      },
      { description: 'a dead letter on the admin endpoint', timeoutMs: 30_000 },
    );
    const [letter] = page.items;
    expect(letter).toMatchObject({
      subject: CASE_OPENED_V1.subject,
      consumer: 'funds__handling_case_opened_v1',
      deliveryCount: 3,
      error: expect.stringContaining('ledger database unavailable'),
    });
    expect(page.stats.count).toBe(page.items.length);
    expect((await clerk.get('/admin/dead-letters')).status).toBe(403);
    expect((await admin.get(`/admin/dead-letters/${letter.seq}`)).body).toMatchObject({ seq: letter.seq, event: { id: letter.eventId } });
    expect((await admin.get('/admin/dead-letters/999999999')).status).toBe(404);

    const metrics = await http(service.url).get<string>('/metrics');
    expect(String(metrics.body)).toContain(`pdmc_dead_letters{service="funds"} ${page.items.length}`);
    expect(String(metrics.body)).toMatch(/pdmc_dead_letter_oldest_age_seconds\{service="funds"\} \d+/);
    expect((await http(service.url).get('/ready')).body).toMatchObject({ details: { deadLetters: { count: page.items.length } } });

    const before = attempts.filter((id) => id === letter.eventId).length;
    expect((await auditor.post(`/admin/dead-letters/${letter.seq}/replay`)).status).toBe(403);
    expect((await admin.post(`/admin/dead-letters/${letter.seq}/replay`)).status).toBe(200);
    // Still failing: handled again by this consumer, and dead-lettered again under its subject.
    await waitFor(() => attempts.filter((id) => id === letter.eventId).length > before, { description: 'the replay handled', timeoutMs: 15_000 });
    const again = await waitFor(
      async () => (await admin.get<Page>('/admin/dead-letters')).body.items.find((l) => l.eventId === letter.eventId && !l.replaying && l.seq !== letter.seq),
      { description: 'the replay dead-lettered again', timeoutMs: 30_000 },
    );
    expect(again).toMatchObject({ consumer: 'funds__handling_case_opened_v1', subject: CASE_OPENED_V1.subject });
    expect((await admin.delete(`/admin/dead-letters/${again.seq}`)).status).toBe(200);
    expect((await admin.get<Page>('/admin/dead-letters')).body.items.find((l) => l.eventId === letter.eventId)).toBeUndefined();

    const audited = async (action: string): Promise<Array<string | undefined>> =>
      (await admin.get<{ items: Array<{ objectId?: string }> }>(`/audit-events?actor=ops-1&action=${action}`)).body.items.map((e) => e.objectId);
    expect(await audited('dead_letter.read')).toEqual(['999999999', String(letter.seq)]);
    expect(await audited('dead_letter.replay')).toEqual([String(letter.seq)]);
    expect(await audited('dead_letter.discard')).toEqual([String(again.seq)]);
  });
});
