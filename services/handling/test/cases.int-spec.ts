import { randomUUID } from 'node:crypto';
import { loadConfig } from '@pdmc/platform';
import {
  aRoutedPetition,
  publishEnvelope,
  sleep,
  startInProcess,
  streamMessages,
  waitFor,
  type HttpClient,
  type InProcessService,
  type StoredMessage,
  type TestNamespace,
} from '@pdmc/testing';
import { defaultWorkingCalendar } from '@pdmc/calendar';
import { startHandling } from '../src/app';
import { handlingPeriod } from '../src/cases/domain/case-deadlines';
import { caseIdFor } from '../src/cases/domain/case-id';
import { HandlingConfig } from '../src/config/handling.config';
import type { CaseView } from './views';

const DAY_MS = 24 * 60 * 60 * 1000;

interface CasePage {
  items: CaseView[];
  total: number;
  page: number;
  pageSize: number;
}

interface ErrorBody {
  code: string;
  details?: Array<{ field: string; rule: string }>;
}

/** Given routing's decision for a petition, as routing would publish it. */
const routed = aRoutedPetition;

describe('handling: opening cases for routed petitions (real servers)', () => {
  let handling: InProcessService;
  let ns: TestNamespace;
  let api: HttpClient;

  beforeAll(async () => {
    handling = await startInProcess({
      label: 'handling',
      start: (env, logs) => startHandling(loadConfig(HandlingConfig, env), logs),
    });
    ns = handling.ns;
    // A centre-wide role that may list and read cases: these tests are about opening, not scoping.
    api = await handling.as({ roles: ['dispatcher'] });
  });

  afterAll(async () => {
    await handling?.close();
  });

  const casesOf = async (petitionId: string) => {
    const res = await api.get<CasePage>(`/cases?petitionId=${petitionId}`);
    expect(res.status).toBe(200);
    return res.body.items;
  };

  const caseOf = async (petitionId: string) => (await casesOf(petitionId))[0];

  const openedEvents = async (petitionId: string): Promise<StoredMessage[]> =>
    (await streamMessages(ns.natsUrl, `${ns.streamPrefix}HANDLING`)).filter(
      (m) => (m.data['payload'] as Record<string, unknown>)['petitionId'] === petitionId,
    );

  const waitForOpenedEvent = (petitionId: string) =>
    waitFor(async () => {
      const found = await openedEvents(petitionId);
      return found.length ? found : undefined;
    }, { description: `a case.opened event for ${petitionId}` });

  /** How many times the service logged that it handled (or skipped as seen) this event. */
  const handledCount = (eventId: string) =>
    handling.logs.filter((l) => l.includes('"msg":"event handled"') && l.includes(`"eventId":"${eventId}"`)).length;

  const waitUntilHandled = (eventId: string, times = 1) =>
    waitFor(() => handledCount(eventId) >= times, { description: `event ${eventId} handled ${times} time(s)` });

  it('opens one assigned case due at the end of the 60th day (Beijing, moved past rest days) after opening, and emits case.opened carrying the correlation', async () => {
    const event = routed();
    await publishEnvelope(ns.natsUrl, ns.busPrefix, event);

    const opened = await waitFor(() => caseOf(event.payload.petitionId), { description: 'a case' });
    expect(opened).toMatchObject({
      petitionId: event.payload.petitionId,
      caseNumber: event.payload.caseNumber,
      workUnit: 'AGRI_LAND',
      responsibleBody: 'area:XX',
      status: 'assigned',
      id: caseIdFor(event.payload.petitionId),
    });
    // Without the centre's acceptance time in the event, the limit runs from the opening.
    expect(opened.acceptedAt).toBe(opened.openedAt);
    expect(opened.dueAt).toBe(handlingPeriod(defaultWorkingCalendar(), new Date(opened.openedAt)).dueAt.toISOString());
    const days = (Date.parse(opened.dueAt) - Date.parse(opened.openedAt)) / DAY_MS;
    expect(days).toBeGreaterThan(60);
    expect(days).toBeLessThan(70);

    const byId = await api.get<CaseView>(`/cases/${opened.id}`);
    expect(byId.status).toBe(200);
    expect(byId.body).toEqual(opened);

    const [message] = await waitForOpenedEvent(event.payload.petitionId);
    expect(message.subject).toBe(`${ns.busPrefix}.handling.case.opened.v1`);
    expect(message.data).toMatchObject({
      type: 'handling.case.opened.v1',
      producer: 'handling',
      correlationId: event.correlationId,
      causationId: event.id,
      payload: {
        caseId: opened.id,
        petitionId: event.payload.petitionId,
        caseNumber: event.payload.caseNumber,
        workUnit: 'AGRI_LAND',
        responsibleBody: 'area:XX',
        openedAt: opened.openedAt,
        dueAt: opened.dueAt,
      },
    });
  });

  it('opens one case and emits once when the same event is delivered twice (past JetStream de-duplication)', async () => {
    const event = routed({ workUnit: 'LABOUR', responsibleBody: 'dept:HRSS', ruleId: 'LABOUR.pension' });
    await publishEnvelope(ns.natsUrl, ns.busPrefix, event);
    await publishEnvelope(ns.natsUrl, ns.busPrefix, event, { msgId: `${event.id}-again` });

    await waitUntilHandled(event.id, 2);
    await waitForOpenedEvent(event.payload.petitionId);
    await sleep(600); // three outbox polls: a second case.opened would be out by now
    expect(await casesOf(event.payload.petitionId)).toHaveLength(1);
    expect(await openedEvents(event.payload.petitionId)).toHaveLength(1);
  });

  it('keeps one case per petition when two different routed events name the same petition', async () => {
    const first = routed({ workUnit: 'URBAN_ENV', responsibleBody: 'dept:HOUSING', ruleId: 'URBAN.property' });
    const second = routed({ ...first.payload });
    expect(second.id).not.toBe(first.id);
    await publishEnvelope(ns.natsUrl, ns.busPrefix, first);
    await publishEnvelope(ns.natsUrl, ns.busPrefix, second);

    await waitUntilHandled(first.id);
    await waitUntilHandled(second.id);
    const [opened] = await waitForOpenedEvent(first.payload.petitionId);
    await sleep(600);
    expect(await casesOf(first.payload.petitionId)).toHaveLength(1);
    expect(await openedEvents(first.payload.petitionId)).toHaveLength(1);
    expect(opened.data['causationId']).toBe(first.id);
  });

  it('filters the case list by work unit', async () => {
    const hotline = routed({ workUnit: 'HOTLINE', responsibleBody: 'dept:12345', ruleId: 'HOTLINE.transfer' });
    const mediation = routed({ workUnit: 'MEDIATION_LEGAL', responsibleBody: 'dept:JUSTICE', ruleId: 'LEGAL.dispute' });
    await publishEnvelope(ns.natsUrl, ns.busPrefix, hotline);
    await publishEnvelope(ns.natsUrl, ns.busPrefix, mediation);
    await waitFor(() => caseOf(hotline.payload.petitionId), { description: 'the hotline case' });
    await waitFor(() => caseOf(mediation.payload.petitionId), { description: 'the mediation case' });

    const res = await api.get<CasePage>('/cases?workUnit=HOTLINE&status=assigned');
    expect(res.status).toBe(200);
    expect(res.body.total).toBeGreaterThanOrEqual(1);
    expect(res.body.items.every((c) => c.workUnit === 'HOTLINE' && c.status === 'assigned')).toBe(true);
    const petitions = res.body.items.map((c) => c.petitionId);
    expect(petitions).toContain(hotline.payload.petitionId);
    expect(petitions).not.toContain(mediation.payload.petitionId);
  });

  it('pages through the cases of a work unit, newest first, with the total', async () => {
    // REVIEW is used by no other test in this file, so its total is exactly what this test opens.
    const events = Array.from({ length: 3 }, () =>
      routed({ workUnit: 'REVIEW', responsibleBody: 'dept:REVIEW', ruleId: 'REVIEW.request' }),
    );
    for (const event of events) await publishEnvelope(ns.natsUrl, ns.busPrefix, event);
    await waitFor(async () => {
      const res = await api.get<CasePage>('/cases?workUnit=REVIEW');
      return res.status === 200 && res.body.total === events.length;
    }, { description: 'three REVIEW cases' });

    const first = await api.get<CasePage>('/cases?workUnit=REVIEW&page=1&pageSize=2');
    const second = await api.get<CasePage>('/cases?workUnit=REVIEW&page=2&pageSize=2');
    expect(first.status).toBe(200);
    expect(second.status).toBe(200);
    expect(first.body).toMatchObject({ total: 3, page: 1, pageSize: 2 });
    expect(second.body).toMatchObject({ total: 3, page: 2, pageSize: 2 });
    expect(first.body.items).toHaveLength(2);
    expect(second.body.items).toHaveLength(1);

    const listed = [...first.body.items, ...second.body.items];
    expect(new Set(listed.map((c) => c.petitionId))).toEqual(new Set(events.map((e) => e.payload.petitionId)));
    const openedTimes = listed.map((c) => Date.parse(c.openedAt));
    expect(openedTimes).toEqual([...openedTimes].sort((a, b) => b - a));
  });

  it.each([
    ['workUnit=NOPE', 'workUnit'],
    ['pageSize=1000', 'pageSize'],
    ['petitionId=not-a-uuid', 'petitionId'],
    ['foo=1', 'foo'],
  ])('answers 400 VALIDATION_FAILED naming the field for the query %s', async (query, field) => {
    const res = await api.get<ErrorBody>(`/cases?${query}`);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.details?.map((d) => d.field)).toContain(field);
  });

  it('answers 404 HANDLING.CASE_NOT_FOUND for an unknown case id', async () => {
    const res = await api.get<ErrorBody>(`/cases/${randomUUID()}`);
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('HANDLING.CASE_NOT_FOUND');
  });

  it('sends an event whose payload breaks the contract to the dead-letter stream, opening no case', async () => {
    const event = routed();
    const broken = { ...event, payload: { ...event.payload, workUnit: 'NOPE' } };
    await publishEnvelope(ns.natsUrl, ns.busPrefix, broken);

    const dead = await waitFor(async () => {
      const found = (await streamMessages(ns.natsUrl, `${ns.streamPrefix}DEAD_LETTERS`)).filter((m) =>
        JSON.stringify(m.data).includes(event.payload.petitionId),
      );
      return found.length ? found : undefined;
    }, { description: 'a dead letter' });
    expect(dead).toHaveLength(1);
    expect(dead[0].subject).toBe(`${ns.busPrefix}.dlq.handling.routing.petition.routed.v1`);
    expect(Object.keys(dead[0].headers).join(' ')).toMatch(/Pdmc-Error/i);
    expect(JSON.stringify(dead[0].headers)).toContain('workUnit');
    expect(await casesOf(event.payload.petitionId)).toHaveLength(0);
    expect(await openedEvents(event.payload.petitionId)).toHaveLength(0);
  });
});
