import { Controller, Module, type DynamicModule } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { InjectConnection } from '@nestjs/mongoose';
import mongoose, { type Connection } from 'mongoose';
import { randomUUID } from 'node:crypto';
import { CASE_OPENED_V1, createEnvelope, type CaseOpenedV1, type EventEnvelope } from '@pdmc/contracts';
import { Inbox, isDuplicateKeyError } from '@pdmc/persistence';
import {
  captureLogs,
  createTestAuth,
  createTestNamespace,
  publishEnvelope,
  startRestartableStore,
  streamMessages,
  waitFor,
  type RestartableStore,
  type TestNamespace,
} from '@pdmc/testing';
import { loadConfig, ServiceConfig, ServiceCoreModule, startService, type RunningService } from '../src';

/** How long the database is away; the issue asks for two minutes, the suite uses less. */
const OUTAGE_MS = Number(process.env.PDMC_DB_OUTAGE_MS ?? 20_000);
const EVENTS = 40;

@Controller()
class LedgerHandler {
  constructor(
    private readonly inbox: Inbox,
    @InjectConnection() private readonly connection: Connection,
  ) {}

  @EventPattern(CASE_OPENED_V1.subject)
  async handle(@Payload() event: EventEnvelope<CaseOpenedV1>): Promise<void> {
    await this.inbox.once('funds.outage-ledger', event, async () => {
      try {
        await this.connection.collection('ledger').insertOne({ _id: event.id as never, caseId: event.payload.caseId });
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
      }
    });
  }
}

@Module({})
class LedgerModule {
  static register(config: ServiceConfig): DynamicModule {
    return { module: LedgerModule, imports: [ServiceCoreModule.forRoot({ service: 'funds', config })], controllers: [LedgerHandler] };
  }
}

function caseOpened(n: number): EventEnvelope<CaseOpenedV1> {
  return createEnvelope(
    CASE_OPENED_V1,
    {
      caseId: randomUUID(),
      petitionId: randomUUID(),
      caseNumber: `220106-2026-${String(n).padStart(6, '0')}`,
      workUnit: 'LABOUR',
      responsibleBody: 'dept:labour-inspection',
      openedAt: new Date().toISOString(),
      dueAt: new Date().toISOString(),
    },
    { correlationId: `corr-outage-${n}` },
  );
}

describe(`a database outage of ${OUTAGE_MS / 1000} s under load (real servers, the store killed and restarted)`, () => {
  let ns: TestNamespace;
  let store: RestartableStore;
  let auth: Awaited<ReturnType<typeof createTestAuth>>;
  let service: RunningService;
  const logs = captureLogs();
  const dbName = 'pdmc_outage_funds';

  beforeAll(async () => {
    ns = createTestNamespace('outage');
    store = await startRestartableStore();
    auth = await createTestAuth();
    const config = loadConfig(ServiceConfig, {
      ...auth.env,
      HTTP_PORT: '0',
      // As on the local stack: a write is acknowledged once journaled, so the kill loses none.
      MONGO_URL: withJournal(store.url),
      MONGO_DB: dbName,
      NATS_URL: ns.natsUrl,
      BUS_PREFIX: ns.busPrefix,
      // Two deliveries: before issue 9, an outage longer than two attempts dead-lettered events.
      MAX_DELIVER: '2',
      ACK_WAIT_MS: '5000',
      MONGO_SERVER_SELECTION_TIMEOUT_MS: '1500',
      CONSUMER_CONCURRENCY: '2',
      CONSUMER_PREFETCH: '2',
    });
    service = await startService({
      service: 'funds',
      title: 'test',
      description: 'test',
      module: LedgerModule.register(config),
      config,
      logDestination: logs.destination,
    });
  }, 90_000);

  afterAll(async () => {
    await service?.close();
    await store?.close();
    await ns?.cleanup();
    auth?.cleanup();
  });

  it('processes every event once the database is back, dead-lettering none', async () => {
    const sent: string[] = [];
    let publishing = true;
    // Steady load: one event every 100 ms, before, during and after the outage.
    const load = (async () => {
      for (let n = 1; n <= EVENTS && publishing; n++) {
        const event = caseOpened(n);
        await publishEnvelope(ns.natsUrl, ns.busPrefix, event);
        sent.push(event.id);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    })();
    const client = await mongoose.createConnection(store.url, { dbName, serverSelectionTimeoutMS: 60_000 }).asPromise();
    const processed = async (): Promise<number> => client.collection('ledger').countDocuments();
    try {
      await waitFor(async () => (await processed()) >= 5, { description: 'the first events handled', timeoutMs: 20_000 });
      await store.outage(OUTAGE_MS);
      await load;
      expect(sent).toHaveLength(EVENTS);
      await waitFor(async () => (await processed()) === EVENTS, {
        description: `all ${EVENTS} events in the ledger after the outage`,
        timeoutMs: 60_000,
      });
      const ids = (await client.collection('ledger').find({}).toArray()).map((d) => String(d._id));
      expect(new Set(ids)).toEqual(new Set(sent));
    } finally {
      publishing = false;
      await load;
      await client.close();
    }
    const deadLetters = await streamMessages(ns.natsUrl, `${ns.streamPrefix}DEAD_LETTERS`).catch(() => []);
    expect(deadLetters).toEqual([]);
    // The outage was seen, and waited out in place rather than spending deliveries.
    expect(logs.lines.some((l) => l.includes('transient failure; retrying in place'))).toBe(true);
    expect(logs.lines.some((l) => l.includes('handler failed; will retry'))).toBe(false);
  }, OUTAGE_MS + 150_000);
});

/** The URL with `journal=true` added to whatever options it has. */
function withJournal(url: string): string {
  const u = new URL(url);
  u.searchParams.set('journal', 'true');
  return u.toString();
}
