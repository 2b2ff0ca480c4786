import { type PetitionRegisteredV1 } from '@pdmc/contracts';
import { loadConfig } from '@pdmc/platform';
import {
  aRegisteredPetition,
  findEvents,
  petitionFlags,
  publishEnvelope,
  startInProcess,
  waitFor,
  type HttpClient,
  type InProcessService,
  type TestNamespace,
  type AsJson,
} from '@pdmc/testing';
import { startEmergency } from '../src/app';
import { EmergencyConfig } from '../src/config/emergency.config';
import type { WatchItemView as ServiceWatchItemView } from '../src/watch/application/watch-item-queries.handler';

/** A watch item as the API answers it: the service's view, dates as strings. */
type WatchItemView = AsJson<ServiceWatchItemView>;


/** Given a petition registered at the front desk, as intake would publish it. */
const registered = (over: Partial<PetitionRegisteredV1> = {}) =>
  aRegisteredPetition({ caseNumber: '220106-2026-000077', receivedAt: new Date(Date.now() - 60_000).toISOString(), ...over });

describe('emergency: the duty officer’s watch list (real servers)', () => {
  let emergency: InProcessService;
  let ns: TestNamespace;
  let api: HttpClient;

  beforeAll(async () => {
    emergency = await startInProcess({
      label: 'emergency',
      start: (env, logs) => startEmergency(loadConfig(EmergencyConfig, env), logs),
    });
    ns = emergency.ns;
    // The role whose work the watch list is.
    api = await emergency.as({ roles: ['emergency_duty_officer'] });
  });

  afterAll(async () => {
    await emergency?.close();
  });

  const watchItemOf = async (petitionId: string) => {
    const res = await api.get<WatchItemView>(`/watch-items/${petitionId}`);
    return res.status === 200 ? res.body : undefined;
  };

  const watchList = async () => {
    const res = await api.get<WatchItemView[]>('/watch-items');
    expect(res.status).toBe(200);
    return res.body;
  };

  const logLinesOf = (eventId: string, msg: string) =>
    emergency.logs.filter((l) => l.includes(`"msg":"${msg}"`) && l.includes(`"eventId":"${eventId}"`));

  /** Resolves once the service logged that it handled (or skipped as seen) this event `times` times. */
  const waitUntilHandled = (eventId: string, times = 1) =>
    waitFor(() => logLinesOf(eventId, 'event handled').length >= times, {
      description: `event ${eventId} handled ${times} time(s)`,
    });

  it('puts a petition threatening extreme action on the watch list at high risk', async () => {
    const event = registered({ headcount: 2, flags: petitionFlags({ threatOfExtremeAction: true }) });
    await publishEnvelope(ns.natsUrl, ns.busPrefix, event);

    const item = await waitFor(() => watchItemOf(event.payload.petitionId), { description: 'a watch item' });
    expect(item).toMatchObject({
      petitionId: event.payload.petitionId,
      caseNumber: event.payload.caseNumber,
      townCode: 'HX',
      headcount: 2,
      reasons: ['threatOfExtremeAction'],
      riskLevel: 'high',
      receivedAt: event.payload.receivedAt,
    });
  });

  it('watches a collective visit without other risk flags at elevated risk', async () => {
    const event = registered({ headcount: 30, flags: petitionFlags({ collective: true, repeat: true }) });
    await publishEnvelope(ns.natsUrl, ns.busPrefix, event);

    const item = await waitFor(() => watchItemOf(event.payload.petitionId), { description: 'a watch item' });
    expect(item).toMatchObject({ reasons: ['collective'], riskLevel: 'elevated', headcount: 30 });
  });

  it('leaves a petition without risk flags off the watch list', async () => {
    const event = registered({ flags: petitionFlags({ repeat: true, escalated: true }) });
    await publishEnvelope(ns.natsUrl, ns.busPrefix, event);

    // The absence below means something only once the service has really handled the event.
    await waitUntilHandled(event.id);
    const res = await api.get<{ code: string }>(`/watch-items/${event.payload.petitionId}`);
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('EMERGENCY.WATCH_ITEM_NOT_FOUND');
    expect((await watchList()).map((i) => i.petitionId)).not.toContain(event.payload.petitionId);
  });

  it('keeps one untouched watch item when the same event is delivered twice (past JetStream de-duplication)', async () => {
    const event = registered({ flags: petitionFlags({ abnormal: true }) });
    await publishEnvelope(ns.natsUrl, ns.busPrefix, event);
    const first = await waitFor(() => watchItemOf(event.payload.petitionId), { description: 'a watch item' });

    await publishEnvelope(ns.natsUrl, ns.busPrefix, event, { msgId: `${event.id}-again` });
    // Handled or failed, the second delivery has run its course once two outcomes are logged.
    await waitFor(
      () => logLinesOf(event.id, 'event handled').length + logLinesOf(event.id, 'event handler failed').length >= 2,
      { description: 'both deliveries handled' },
    );

    expect(logLinesOf(event.id, 'event handler failed')).toEqual([]);
    expect(await watchItemOf(event.payload.petitionId)).toEqual(first);
    expect((await watchList()).filter((i) => i.petitionId === event.payload.petitionId)).toHaveLength(1);
    expect(await findEvents(ns, { stream: 'DEAD_LETTERS', mentioning: event.payload.petitionId })).toEqual([]);
  });

  it('lists the watch list newest first', async () => {
    const older = registered({ flags: petitionFlags({ collective: true }) });
    const newer = registered({ flags: petitionFlags({ threatOfExtremeAction: true }) });
    await publishEnvelope(ns.natsUrl, ns.busPrefix, older);
    await waitFor(() => watchItemOf(older.payload.petitionId), { description: 'the older watch item' });
    await publishEnvelope(ns.natsUrl, ns.busPrefix, newer);
    await waitFor(() => watchItemOf(newer.payload.petitionId), { description: 'the newer watch item' });

    const list = await watchList();
    const ids = list.map((i) => i.petitionId);
    expect(ids.indexOf(newer.payload.petitionId)).toBeGreaterThanOrEqual(0);
    expect(ids.indexOf(newer.payload.petitionId)).toBeLessThan(ids.indexOf(older.payload.petitionId));
    const created = list.map((i) => Date.parse(i.createdAt));
    expect(created).toEqual([...created].sort((a, b) => b - a));
  });
});
