import { type PetitionAcceptedV1 } from '@pdmc/contracts';
import { AuditLog, loadConfig, type RunningService } from '@pdmc/platform';
import {
  anAcceptedPetition,
  describeApiSecurity,
  publishEnvelope,
  recordedRead,
  startInProcess,
  waitFor,
  type ApiErrorBody,
  type InProcessService,
} from '@pdmc/testing';
import { startRouting } from '../src/app';
import { RoutingConfig } from '../src/config/routing.config';

/*
 * OWASP API Security Top 10 (2023) for routing's read-only HTTP API: the routing-specific checks
 * (API1 unit-head scope, API3 field lists) here; authentication, function-level authorisation
 * per role, inventory, limits, injection in ids and queries, headers, CORS, audit trail and logs
 * in the shared suite (libs/testing/src/security-suite.ts).
 */

interface DecisionView {
  petitionId: string;
  caseNumber: string;
  workUnit: string;
  responsibleBody: string;
  ruleId: string;
  reason: string;
  decidedAt: string;
}

const DECISION_FIELDS = ['caseNumber', 'decidedAt', 'petitionId', 'reason', 'responsibleBody', 'ruleId', 'workUnit'];
const RULE_FIELDS = ['channel', 'id', 'itemClass', 'level1', 'level2', 'reason', 'responsibleBody', 'workUnit'];

/** Given a petition the centre accepted, as intake would publish it. */
const accepted = (category: PetitionAcceptedV1['category']) =>
  anAcceptedPetition({ caseNumber: '220106-2026-000901', category, townCode: 'XX' });

describe('routing security: OWASP API Security Top 10 (2023) against the real server', () => {
  let routing: InProcessService;
  /** The Nest application behind `routing`, to record an audit entry as the interceptor would. */
  let running: RunningService;
  /** Routing's decisions for a labour petition and a land petition; the tests only read them. */
  let labour: DecisionView;
  let land: DecisionView;

  beforeAll(async () => {
    routing = await startInProcess({
      label: 'routingsec',
      start: async (env, logs) => (running = await startRouting(loadConfig(RoutingConfig, env), logs)),
    });

    // Given two petitions routed to different work units.
    const labourEvent = accepted({ id: 515, level1: '劳动和社会保障', level2: '退休政策及待遇', level3: '退休金发放' });
    const landEvent = accepted({ id: 302, level1: '农村农业', level2: '土地承包经营', level3: '土地流转' });
    await publishEnvelope(routing.ns.natsUrl, routing.ns.busPrefix, labourEvent);
    await publishEnvelope(routing.ns.natsUrl, routing.ns.busPrefix, landEvent);
    const dispatcher = await routing.as({ roles: ['dispatcher'] });
    const decisionOf = (petitionId: string) =>
      waitFor(
        async () => {
          const res = await dispatcher.get<DecisionView>(`/routing-decisions/${petitionId}`);
          return res.status === 200 ? res.body : undefined;
        },
        { description: `the routing decision for ${petitionId}` },
      );
    labour = await decisionOf(labourEvent.payload.petitionId);
    land = await decisionOf(landEvent.payload.petitionId);
    expect([labour.workUnit, land.workUnit]).toEqual(['LABOUR', 'AGRI_LAND']);
  });

  afterAll(async () => {
    await routing?.close();
  });

  describe('API1 broken object-level authorisation', () => {
    // A unit head is unit-scoped (SCOPED_ROLES in roles.ts) and holds routing.decision.read to see
    // why a petition was routed to its unit; another unit's decision is out of its scope and, as
    // in handling, answered "not found" so that existence is not revealed.
    it('gives a LABOUR unit head the decision of a petition routed to LABOUR', async () => {
      const head = await routing.as({ roles: ['unit_head'], units: ['LABOUR'] });
      expect(await head.get(`/routing-decisions/${labour.petitionId}`)).toMatchObject({ status: 200, body: labour });
    });

    it('answers a LABOUR unit head 404 for the decision of a petition routed to another unit', async () => {
      const head = await routing.as({ roles: ['unit_head'], units: ['LABOUR'] });
      const res = await head.get<ApiErrorBody>(`/routing-decisions/${land.petitionId}`);
      expect({ status: res.status, code: res.body.code }).toEqual({ status: 404, code: 'ROUTING.DECISION_NOT_FOUND' });
    });

    it('answers a unit head without units 404 for every decision', async () => {
      const head = await routing.as({ roles: ['unit_head'] });
      for (const decision of [labour, land]) {
        expect((await head.get(`/routing-decisions/${decision.petitionId}`)).status).toBe(404);
      }
    });

    it('gives a centre-wide reader the decision of every unit', async () => {
      const commissioner = await routing.as({ roles: ['supervision_commissioner'] });
      for (const decision of [labour, land]) {
        expect(await commissioner.get(`/routing-decisions/${decision.petitionId}`)).toMatchObject({
          status: 200,
          body: decision,
        });
      }
    });
  });

  describe('API3 broken object property-level authorisation', () => {
    it('returns only the documented fields of a decision (no category, town, sourceEventId, outbox, version, _id)', async () => {
      const dispatcher = await routing.as({ roles: ['dispatcher'] });
      const res = await dispatcher.get<object>(`/routing-decisions/${land.petitionId}`);
      expect(Object.keys(res.body).sort()).toEqual(DECISION_FIELDS);
    });

    it('returns only the documented fields of each rule', async () => {
      const res = await (await routing.as({ roles: ['dispatcher'] })).get<object[]>('/routing-rules');
      expect(res.body.length).toBeGreaterThan(0);
      for (const rule of res.body) expect(RULE_FIELDS).toEqual(expect.arrayContaining(Object.keys(rule)));
    });
  });

  describeApiSecurity({
    service: 'routing',
    running: () => routing,
    routes: [
      { method: 'get', path: '/routing-rules', permission: 'routing.rules.read' },
      { method: 'get', path: '/routing-decisions/{petitionId}', permission: 'routing.decision.read' },
    ],
    params: () => ({ petitionId: labour.petitionId }),
    auditedAct: recordedRead(
      (entry) => running.app.get(AuditLog).record(entry),
      () => ({
        action: 'routing.decision.read',
        objectType: 'routing-decision',
        objectId: labour.petitionId,
        path: `/routing-decisions/${labour.petitionId}`,
        roles: ['unit_head'],
      }),
    ),
  });
});
