import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { http, streamMessages, waitFor, type ServiceProcess } from '@pdmc/testing';
import { startSystem, type RunningSystem } from './system';

/**
 * Kills at the named fault points (PDMC_FAULTS, test builds only) on one petition's way from
 * intake to a case, and proves each kill caused a real redelivery or republish, and that still
 * nothing was lost or doubled:
 * - routing dies between fetching the accepted event and handling it: JetStream redelivers it
 *   after the ack wait (delivery 2);
 * - routing dies after publishing the routed event, before removing it from its outbox: the
 *   restarted relay publishes it again and JetStream's de-duplication (msgID = event id) keeps one;
 * - handling dies after its write, before the inbox record: the redelivered event finds the case
 *   already there, and only the unique index on the case's petition id keeps it from opening a
 *   second one (the inbox never recorded the event).
 * The inbox on its own is proven in libs/platform/test/inbox-redelivery.int-spec.ts.
 */
describe('delivery through kills at the named fault points', () => {
  let system: RunningSystem;
  let routingFaults: string;
  let handlingFaults: string;
  let clerk: ReturnType<typeof http>;
  let dispatcher: ReturnType<typeof http>;

  const fired = (dir: string, point: string) => existsSync(join(dir, `${point}.fired`));
  const handled = (svc: ServiceProcess, type: string) =>
    svc
      .logs()
      .filter((l) => l.includes('"msg":"event handled"') && l.includes(`"type":"${type}"`))
      .map((l) => JSON.parse(l) as { eventId: string; deliveryCount: number });
  /**
   * Waits for the process to die at its fault point, then starts it again. It may die again at
   * `next` while starting (consumers run before the HTTP port answers): that is the next kill.
   */
  const revive = async (svc: ServiceProcess, dir: string, point: string, next?: string) => {
    await waitFor(() => fired(dir, point), { description: `${svc.service} killed at ${point}`, timeoutMs: 60_000 });
    try {
      await svc.restart();
    } catch (error) {
      if (!(next && fired(dir, next))) throw error;
    }
  };

  /** How many deliveries the server made on a durable consumer (redeliveries included). */
  const deliveries = async (stream: string, durable: string): Promise<number> => {
    const nc = await connect({ servers: system.ns.natsUrl });
    try {
      const info = await (await jetstreamManager(nc)).consumers.info(`${system.ns.streamPrefix}${stream}`, durable);
      return info.delivered.consumer_seq;
    } finally {
      await nc.close();
    }
  };

  beforeAll(async () => {
    routingFaults = mkdtempSync(join(tmpdir(), 'pdmc-faults-routing-'));
    handlingFaults = mkdtempSync(join(tmpdir(), 'pdmc-faults-handling-'));
    system = await startSystem('e2e-faults', ['intake', 'routing', 'handling'], {
      // Routing's supervision also consumes the registration (issue 14): its fetch is the first, the acceptance's the second.
      routing: { PDMC_FAULTS: 'between-fetch-and-handle@2,after-publish', PDMC_FAULTS_DIR: routingFaults, LOG_LEVEL: 'info' },
      handling: { PDMC_FAULTS: 'after-handler-write', PDMC_FAULTS_DIR: handlingFaults, LOG_LEVEL: 'info' },
    });
    clerk = http(system.running.intake.baseUrl, await system.auth.headers({ sub: 'clerk-faults', roles: ['intake_clerk'] }));
    dispatcher = http(system.running.handling.baseUrl, await system.auth.headers({ roles: ['dispatcher'] }));
  }, 120_000);

  afterAll(async () => {
    await system?.stop();
    rmSync(routingFaults, { recursive: true, force: true });
    rmSync(handlingFaults, { recursive: true, force: true });
  });

  it('redelivers or republishes after each kill, and ends with one decision, one routed event and one case', async () => {
    const { routing, handling } = system.running;
    const registered = await clerk.post<{ id: string }>(
      '/petitions',
      {
        channel: 'visit',
        itemClass: 'appeal',
        categoryId: 515,
        townCode: 'HX',
        subject: '退休金未按时发放',
        description: '原厂职工反映自今年三月起退休金未按时足额发放。',
        headcount: 1,
        receivedAt: new Date(Date.now() - 60_000).toISOString(),
        petitioners: [{ name: '赵建国', idNumber: '110101199003074514', phone: '13804310022' }],
      },
      { 'idempotency-key': `faults-${system.ns.busPrefix}` },
    );
    expect(registered.status).toBe(201);
    const petitionId = registered.body.id;
    // Routing's supervision handled the registration first, so the acceptance is its second fetch.
    await waitFor(async () => (handled(routing, 'intake.petition.registered.v1').length > 0 ? true : undefined), { description: 'the registration handled by routing' });
    expect((await clerk.post(`/petitions/${petitionId}/acceptance-decision`, { decision: 'accept' })).status).toBe(200);

    // 1. Routing fetched the accepted event and died before handling it.
    await revive(routing, routingFaults, 'between-fetch-and-handle', 'after-publish');
    // 2. The redelivered event was handled; routing died after publishing the routed event.
    await revive(routing, routingFaults, 'after-publish');
    // 3. Handling opened the case and died before recording the event in its inbox.
    await revive(handling, handlingFaults, 'after-handler-write');

    const cases = await waitFor(
      async () => {
        const res = await dispatcher.get<{ items: Array<{ id: string }>; total: number }>(`/cases?petitionId=${petitionId}`);
        const routedHandled = handled(handling, 'routing.petition.routed.v1').length > 0;
        return res.status === 200 && res.body.total > 0 && routedHandled ? res.body : undefined;
      },
      { description: 'the case after the kills', timeoutMs: 60_000 },
    );

    // Redeliveries really happened: the server delivered each event more than once (consumer
    // sequence counts every delivery; one event each in this namespace), and handling applied the
    // routed event on a later delivery. (Routing's own log line may die with it in the kill.)
    expect(await deliveries('INTAKE', 'routing__intake_petition_accepted_v1')).toBeGreaterThanOrEqual(2);
    expect(await deliveries('ROUTING', 'handling__routing_petition_routed_v1')).toBeGreaterThanOrEqual(2);
    const routedAtHandling = handled(handling, 'routing.petition.routed.v1');
    expect(routedAtHandling.length).toBeGreaterThan(0);
    expect(routedAtHandling.every((h) => h.deliveryCount >= 2)).toBe(true);
    // The restarted relay published the routed event again (its outbox still held it).
    const metrics = await http(routing.baseUrl).get<string>('/metrics');
    expect(String(metrics.body)).toMatch(/pdmc_outbox_published_total\{service="routing"\} [1-9]/);

    // Nothing doubled: one routed event in the stream, one case, one case.opened event.
    const routed = (await streamMessages(system.ns.natsUrl, `${system.ns.streamPrefix}ROUTING`)).filter(
      (m) => (m.data as { payload?: { petitionId?: string } }).payload?.petitionId === petitionId,
    );
    expect(routed).toHaveLength(1);
    expect(routedAtHandling[0]!.eventId).toBe((routed[0]!.data as { id: string }).id);
    expect(cases.total).toBe(1);
    const opened = await waitFor(
      async () => {
        const found = (await streamMessages(system.ns.natsUrl, `${system.ns.streamPrefix}HANDLING`)).filter(
          (m) => (m.data as { payload?: { petitionId?: string } }).payload?.petitionId === petitionId,
        );
        return found.length ? found : undefined;
      },
      { description: 'case.opened in the stream', timeoutMs: 30_000 },
    );
    expect(opened).toHaveLength(1);
  });
});
