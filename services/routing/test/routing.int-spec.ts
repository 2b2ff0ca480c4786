import { randomUUID } from 'node:crypto';
import { createEnvelope, PETITION_REGISTERED_V1, type PetitionAcceptedV1 } from '@pdmc/contracts';
import { loadConfig } from '@pdmc/platform';
import {
  anAcceptedPetition,
  findEvents,
  publishEnvelope,
  startInProcess,
  waitFor,
  waitForEvent,
  waitForEvents,
  type HttpClient,
  type InProcessService,
  type TestNamespace,
} from '@pdmc/testing';
import { startRouting } from '../src/app';
import { RoutingConfig } from '../src/config/routing.config';

/** Given a land-contract petition the centre accepted in 西新镇, as intake would publish it. */
const accepted = (over: Partial<PetitionAcceptedV1> = {}) =>
  anAcceptedPetition({
    category: { id: 302, level1: '农村农业', level2: '土地承包经营', level3: '土地流转' },
    townCode: 'XX',
    ...over,
  });

describe('routing: deciding the competent unit (real servers)', () => {
  let routing: InProcessService;
  let ns: TestNamespace;
  let api: HttpClient;

  beforeAll(async () => {
    routing = await startInProcess({
      label: 'routing',
      start: (env, logs) => startRouting(loadConfig(RoutingConfig, env), logs),
    });
    ns = routing.ns;
    // The least-privileged role that reads both the rule table and the decisions.
    api = await routing.as({ roles: ['dispatcher'] });
  });

  afterAll(async () => {
    await routing?.close();
  });

  const decisionOf = async (petitionId: string) => {
    const res = await api.get<Record<string, unknown>>(`/routing-decisions/${petitionId}`);
    return res.status === 200 ? (res.body as Record<string, unknown>) : undefined;
  };

  /** Every event routing published about the petition, whatever its type. */
  const routedEvents = (petitionId: string) => findEvents(ns, { stream: 'ROUTING', payload: { petitionId } });

  it('routes a land-contract petition to agriculture & land, with the town responsible, and emits the decision', async () => {
    const event = accepted();
    await publishEnvelope(ns.natsUrl, ns.busPrefix, event);
    const decision = await waitFor(() => decisionOf(event.payload.petitionId), { description: 'a decision' });
    expect(decision).toMatchObject({ workUnit: 'AGRI_LAND', responsibleBody: 'area:XX', ruleId: 'AGRI.rural' });

    const routed = await waitForEvent(ns, {
      stream: 'ROUTING',
      type: 'routing.petition.routed.v1',
      payload: { petitionId: event.payload.petitionId },
    });
    // ... and nothing else about this petition.
    expect(await routedEvents(event.payload.petitionId)).toEqual([routed]);
    expect(routed.subject).toBe(`${ns.busPrefix}.routing.petition.routed.v1`);
    expect(routed.data).toMatchObject({
      type: 'routing.petition.routed.v1',
      correlationId: event.correlationId,
      causationId: event.id,
      payload: { petitionId: event.payload.petitionId, workUnit: 'AGRI_LAND' },
    });
  });

  it('does not route a petition that was only registered: the centre has not accepted it', async () => {
    const { acceptedAt: _acceptedAt, ...facts } = accepted().payload;
    const onlyRegistered = createEnvelope(PETITION_REGISTERED_V1, facts, { correlationId: `corr-${facts.petitionId}` });
    const later = accepted();
    await publishEnvelope(ns.natsUrl, ns.busPrefix, onlyRegistered);
    await publishEnvelope(ns.natsUrl, ns.busPrefix, later);
    await waitFor(() => decisionOf(later.payload.petitionId), { description: 'a decision for the accepted petition' });
    await new Promise((r) => setTimeout(r, 1000));
    expect(await decisionOf(facts.petitionId)).toBeUndefined();
    expect(await routedEvents(facts.petitionId)).toEqual([]);
  });

  it('decides once when the same event is delivered twice (past JetStream de-duplication)', async () => {
    const event = accepted({ category: { id: 515, level1: '劳动和社会保障', level2: '退休政策及待遇', level3: '退休金发放' } });
    await publishEnvelope(ns.natsUrl, ns.busPrefix, event);
    await publishEnvelope(ns.natsUrl, ns.busPrefix, event, { msgId: `${event.id}-again` });
    await waitFor(() => decisionOf(event.payload.petitionId), { description: 'a decision' });
    await new Promise((r) => setTimeout(r, 1000));
    expect(await routedEvents(event.payload.petitionId)).toHaveLength(1);
  });

  it('sends an event whose payload breaks the contract to the dead-letter stream, untouched by the handler', async () => {
    const event = accepted();
    const broken = { ...event, payload: { ...event.payload, headcount: -3 } };
    await publishEnvelope(ns.natsUrl, ns.busPrefix, broken);
    const dead = await waitForEvents(ns, { stream: 'DEAD_LETTERS', mentioning: event.payload.petitionId }, 1);
    expect(dead).toHaveLength(1);
    expect(dead[0].data).toMatchObject({ type: 'intake.petition.accepted.v1', payload: { petitionId: event.payload.petitionId } });
    expect(Object.keys(dead[0].headers).join(' ')).toMatch(/Pdmc-Error/i);
    expect(JSON.stringify(dead[0].headers)).toContain('headcount');
    expect(await decisionOf(event.payload.petitionId)).toBeUndefined();
  });

  it('publishes the rule table, and answers 404 JSON for an unrouted petition', async () => {
    const rules = await api.get<Array<{ id: string }>>('/routing-rules');
    expect((rules.body as Array<{ id: string }>).length).toBeGreaterThan(20);
    const missing = await api.get(`/routing-decisions/${randomUUID()}`);
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ code: 'ROUTING.DECISION_NOT_FOUND' });
  });

  it('logs each handled event with its correlation id', async () => {
    expect(routing.logs.some((l) => l.includes('"msg":"event handled"') && l.includes('"correlationId":"corr-'))).toBe(true);
  });
});
