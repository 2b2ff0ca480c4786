import {
  createEnvelope,
  PETITION_FLAGS_CHANGED_V1,
  type EventEnvelope,
  type PetitionFlagsChangedV1,
  type PetitionFlagsV1,
  type PetitionRegisteredV1,
} from '@pdmc/contracts';
import { loadConfig } from '@pdmc/platform';
import {
  aRegisteredPetition,
  findEvents,
  petitionFlags,
  publishEnvelope,
  startInProcess,
  waitFor,
  waitForEvents,
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

const MINUTE = 60_000;

/** Given a petition registered at the front desk an hour ago, as intake would publish it. */
const registered = (flags: Partial<PetitionFlagsV1> = {}, over: Partial<PetitionRegisteredV1> = {}) =>
  aRegisteredPetition({
    caseNumber: '220106-2026-000311',
    headcount: 3,
    receivedAt: new Date(Date.now() - 60 * MINUTE).toISOString(),
    flags: petitionFlags(flags),
    ...over,
  });

/** Given staff changed its flags `minutesAgo` minutes ago (`flags` is the complete set after the change). */
const flagsChanged = (
  of: EventEnvelope<PetitionRegisteredV1>,
  flags: Partial<PetitionFlagsV1>,
  minutesAgo = 1,
): EventEnvelope<PetitionFlagsChangedV1> =>
  createEnvelope(
    PETITION_FLAGS_CHANGED_V1,
    {
      petitionId: of.payload.petitionId,
      caseNumber: of.payload.caseNumber,
      townCode: of.payload.townCode,
      flags: petitionFlags(flags),
      changedAt: new Date(Date.now() - minutesAgo * MINUTE).toISOString(),
    },
    { correlationId: `corr-${of.payload.petitionId}` },
  );

describe('emergency: flags raised or cleared after registration (real servers)', () => {
  let emergency: InProcessService;
  let ns: TestNamespace;
  let api: HttpClient;

  beforeAll(async () => {
    emergency = await startInProcess({
      label: 'emergencyflags',
      start: (env, logs) => startEmergency(loadConfig(EmergencyConfig, env), logs),
    });
    ns = emergency.ns;
    api = await emergency.as({ roles: ['emergency_duty_officer'] });
  });

  afterAll(async () => {
    await emergency?.close();
  });

  const publish = (event: EventEnvelope, msgId?: string) =>
    publishEnvelope(ns.natsUrl, ns.busPrefix, event, msgId ? { msgId } : {});

  const watchItemOf = async (petitionId: string) => {
    const res = await api.get<WatchItemView>(`/watch-items/${petitionId}`);
    return res.status === 200 ? (res.body as WatchItemView) : undefined;
  };

  /** The watch item once `ready` holds for it. */
  const waitForItem = (petitionId: string, ready: (item: WatchItemView) => boolean = () => true, what = 'a watch item') =>
    waitFor(
      async () => {
        const item = await watchItemOf(petitionId);
        return item && ready(item) ? item : undefined;
      },
      { description: `${what} for ${petitionId}` },
    );

  const logLinesOf = (eventId: string, msg: string) =>
    emergency.logs.filter((l) => l.includes(`"msg":"${msg}"`) && l.includes(`"eventId":"${eventId}"`));

  /** Resolves once the service logged that it handled (or skipped as seen) each event `times` times. */
  const waitUntilHandled = (events: EventEnvelope[], times = 1) =>
    waitFor(() => events.every((e) => logLinesOf(e.id, 'event handled').length >= times), {
      description: `${events.length} event(s) handled ${times} time(s)`,
    });

  const history = (item: WatchItemView) => item.history.map(({ source, reasons, raised, cleared }) => ({ source, reasons, raised, cleared }));

  it('puts a petition on the watch list when a threat of extreme action is raised after a registration without risk flags', async () => {
    const registration = registered({ repeat: true });
    await publish(registration);
    await waitUntilHandled([registration]);
    expect(await watchItemOf(registration.payload.petitionId)).toBeUndefined();

    const change = flagsChanged(registration, { repeat: true, threatOfExtremeAction: true });
    await publish(change);

    const item = await waitForItem(registration.payload.petitionId);
    expect(item).toMatchObject({
      petitionId: registration.payload.petitionId,
      caseNumber: registration.payload.caseNumber,
      townCode: 'HX',
      headcount: 3,
      receivedAt: registration.payload.receivedAt,
      reasons: ['threatOfExtremeAction'],
      riskLevel: 'high',
    });
    expect(history(item)).toEqual([
      { source: 'registered', reasons: [], raised: [], cleared: [] },
      { source: 'flags-changed', reasons: ['threatOfExtremeAction'], raised: ['threatOfExtremeAction'], cleared: [] },
    ]);
    expect(item.history[1]).toMatchObject({ eventId: change.id, at: change.payload.changedAt });
    const list = await api.get<WatchItemView[]>('/watch-items');
    expect((list.body as WatchItemView[]).map((i) => i.petitionId)).toContain(registration.payload.petitionId);
  });

  it('adds an abnormal flag raised later to the collective visit already watched, and raises its risk', async () => {
    const registration = registered({ collective: true }, { headcount: 25 });
    await publish(registration);
    const before = await waitForItem(registration.payload.petitionId);
    expect(before).toMatchObject({ reasons: ['collective'], riskLevel: 'elevated' });

    await publish(flagsChanged(registration, { collective: true, abnormal: true }));

    const after = await waitForItem(registration.payload.petitionId, (i) => i.reasons.includes('abnormal'), 'the abnormal flag');
    expect(after).toMatchObject({ reasons: ['abnormal', 'collective'], riskLevel: 'high', headcount: 25, createdAt: before.createdAt });
    expect(history(after)[1]).toEqual({ source: 'flags-changed', reasons: ['abnormal', 'collective'], raised: ['abnormal'], cleared: [] });
  });

  it('records a flag cleared later on the item, which stays on the list with its history', async () => {
    const registration = registered({ threatOfExtremeAction: true });
    await publish(registration);
    await waitForItem(registration.payload.petitionId);

    await publish(flagsChanged(registration, {}));

    const item = await waitForItem(registration.payload.petitionId, (i) => i.riskLevel === 'none', 'the cleared flag');
    expect(item).toMatchObject({ reasons: [], riskLevel: 'none', headcount: 3 });
    expect(history(item)).toEqual([
      { source: 'registered', reasons: ['threatOfExtremeAction'], raised: ['threatOfExtremeAction'], cleared: [] },
      { source: 'flags-changed', reasons: [], raised: [], cleared: ['threatOfExtremeAction'] },
    ]);
    const list = await api.get<WatchItemView[]>('/watch-items');
    expect((list.body as WatchItemView[]).find((i) => i.petitionId === registration.payload.petitionId)).toEqual(item);
  });

  it('takes a change that arrives before the registration, and lets the registration add only its facts', async () => {
    const registration = registered({ collective: true }, { headcount: 8 });
    const change = flagsChanged(registration, { collective: true, threatOfExtremeAction: true });
    await publish(change);
    const early = await waitForItem(registration.payload.petitionId);
    expect(early).toMatchObject({ reasons: ['threatOfExtremeAction', 'collective'], riskLevel: 'high', headcount: null, receivedAt: null });

    await publish(registration);

    const item = await waitForItem(registration.payload.petitionId, (i) => i.headcount !== null, 'the registration’s facts');
    expect(item).toMatchObject({
      reasons: ['threatOfExtremeAction', 'collective'],
      riskLevel: 'high',
      headcount: 8,
      receivedAt: registration.payload.receivedAt,
      createdAt: early.createdAt,
    });
    expect(history(item)).toEqual([
      { source: 'registered', reasons: ['collective'], raised: ['collective'], cleared: [] },
      { source: 'flags-changed', reasons: ['threatOfExtremeAction', 'collective'], raised: ['threatOfExtremeAction'], cleared: [] },
    ]);
  });

  it('orders two changes by when they were made, not by when they arrive', async () => {
    const registration = registered();
    const raised = flagsChanged(registration, { abnormal: true }, 30);
    const clearedLater = flagsChanged(registration, {}, 10);
    await publish(registration);
    await publish(clearedLater);
    await waitUntilHandled([registration, clearedLater]);
    expect(await watchItemOf(registration.payload.petitionId)).toBeUndefined();

    await publish(raised);

    const item = await waitForItem(registration.payload.petitionId);
    expect(item).toMatchObject({ reasons: [], riskLevel: 'none' });
    expect(history(item)).toEqual([
      { source: 'registered', reasons: [], raised: [], cleared: [] },
      { source: 'flags-changed', reasons: ['abnormal'], raised: ['abnormal'], cleared: [] },
      { source: 'flags-changed', reasons: [], raised: [], cleared: ['abnormal'] },
    ]);
  });

  it('ends in the same state for each petition when its registration and change arrive together', async () => {
    const registrations = Array.from({ length: 6 }, (_, i) => registered({}, { headcount: 10 + i }));
    const changes = registrations.map((r) => flagsChanged(r, { collective: true }));
    // Both consumers run side by side: half the changes go first, half the registrations.
    await Promise.all(registrations.flatMap((r, i) => (i % 2 ? [publish(r), publish(changes[i])] : [publish(changes[i]), publish(r)])));
    await waitUntilHandled([...registrations, ...changes]);

    for (const [i, r] of registrations.entries()) {
      const item = await watchItemOf(r.payload.petitionId);
      expect(item).toMatchObject({ reasons: ['collective'], riskLevel: 'elevated', headcount: 10 + i });
      expect(history(item!)).toEqual([
        { source: 'registered', reasons: [], raised: [], cleared: [] },
        { source: 'flags-changed', reasons: ['collective'], raised: ['collective'], cleared: [] },
      ]);
    }
  });

  it('records a change once when it is delivered twice (past JetStream de-duplication), even after a newer one', async () => {
    const registration = registered();
    const raised = flagsChanged(registration, { threatOfExtremeAction: true }, 20);
    const cleared = flagsChanged(registration, {}, 5);
    await publish(registration);
    await publish(raised);
    await publish(cleared);
    const first = await waitForItem(registration.payload.petitionId, (i) => i.history.length === 3, 'both changes');

    await publish(raised, `${raised.id}-again`);
    await publish(cleared, `${cleared.id}-again`);
    await waitFor(
      () =>
        [raised, cleared].every(
          (e) => logLinesOf(e.id, 'event handled').length + logLinesOf(e.id, 'event handler failed').length >= 2,
        ),
      { description: 'both deliveries of both changes handled' },
    );

    expect(logLinesOf(raised.id, 'event handler failed')).toEqual([]);
    expect(logLinesOf(cleared.id, 'event handler failed')).toEqual([]);
    expect(await watchItemOf(registration.payload.petitionId)).toEqual(first);
    expect(first).toMatchObject({ reasons: [], riskLevel: 'none' });
    expect(await findEvents(ns, { stream: 'DEAD_LETTERS', mentioning: registration.payload.petitionId })).toEqual([]);
  });

  it('leaves a petition off the watch list when only flags it does not watch are raised later', async () => {
    const registration = registered();
    const change = flagsChanged(registration, { repeat: true, escalated: true, backlog: true });
    await publish(registration);
    await publish(change);
    await waitUntilHandled([registration, change]);

    const res = await api.get<{ code: string }>(`/watch-items/${registration.payload.petitionId}`);
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ code: 'EMERGENCY.WATCH_ITEM_NOT_FOUND' });
    const list = await api.get<WatchItemView[]>('/watch-items');
    expect((list.body as WatchItemView[]).map((i) => i.petitionId)).not.toContain(registration.payload.petitionId);
  });

  it('sends a change whose payload breaks the contract to the dead-letter stream, untouched by the handler', async () => {
    const registration = registered();
    const change = flagsChanged(registration, { threatOfExtremeAction: true });
    await publish({ ...change, payload: { ...change.payload, changedAt: 'yesterday' } } as EventEnvelope);

    const dead = await waitForEvents(ns, { stream: 'DEAD_LETTERS', mentioning: registration.payload.petitionId }, 1);
    expect(dead).toHaveLength(1);
    expect(dead[0].data).toMatchObject({ type: PETITION_FLAGS_CHANGED_V1.subject, payload: { changedAt: 'yesterday' } });
    expect(dead[0].subject).toBe(`${ns.busPrefix}.dlq.emergency.intake.petition.flags-changed.v1`);
    expect(await watchItemOf(registration.payload.petitionId)).toBeUndefined();
  });
});
