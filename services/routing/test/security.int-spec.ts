import { randomUUID } from 'node:crypto';
import { ROLES, type Role } from '@pdmc/auth';
import { createEnvelope, PETITION_REGISTERED_V1, type PetitionRegisteredV1 } from '@pdmc/contracts';
import { AuditLog, loadConfig, type RunningService } from '@pdmc/platform';
import {
  createTestAuth,
  findPersonalData,
  http,
  publishEnvelope,
  startInProcess,
  waitFor,
  type HttpClient,
  type HttpResponse,
  type InProcessService,
  type TestAuth,
  type TestUser,
} from '@pdmc/testing';
import { startRouting } from '../src/app';
import { RoutingConfig } from '../src/config/routing.config';

/*
 * OWASP API Security Top 10 (2023), the items that apply to routing's read-only HTTP API:
 * API1 object-level and API5 function-level authorisation, API2 authentication, API3
 * property-level exposure, API4 resource consumption, API8 misconfiguration and injection,
 * API9 inventory; plus the audit trail and tokens kept out of the logs.
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

interface ErrorBody {
  statusCode: number;
  error: string;
  code: string;
  message: string;
  correlationId: string;
  path: string;
  details?: Array<{ field: string; rule: string }>;
}

interface AuditPage {
  items: Array<Record<string, unknown>>;
  total: number;
  page: number;
  pageSize: number;
}

const DECISION_FIELDS = [
  'caseNumber',
  'decidedAt',
  'petitionId',
  'reason',
  'responsibleBody',
  'ruleId',
  'workUnit',
];
const RULE_FIELDS = [
  'channel',
  'id',
  'itemClass',
  'level1',
  'level2',
  'reason',
  'responsibleBody',
  'workUnit',
];
const ERROR_FIELDS = ['code', 'correlationId', 'error', 'message', 'path', 'statusCode'];
const PAGE_FIELDS = ['items', 'page', 'pageSize', 'total'];
const AUDIT_FIELDS = [
  '_id',
  'action',
  'actor',
  'at',
  'correlationId',
  'ip',
  'method',
  'objectId',
  'objectType',
  'outcome',
  'path',
  'service',
  'status',
];

/** Who holds `routing.rules.read` and `routing.decision.read` (roles.ts); every other role must be refused. */
const RULE_READERS: readonly Role[] = [
  'dispatcher',
  'supervision_commissioner',
  'centre_director',
  'auditor',
];
const DECISION_READERS: readonly Role[] = [
  'intake_clerk',
  'dispatcher',
  'unit_head',
  'supervision_commissioner',
  'centre_director',
  'auditor',
];
const CENTRE_WIDE_DECISION_READERS = DECISION_READERS.filter((role) => role !== 'unit_head');
const AUDIT_READERS: readonly Role[] = ['auditor', 'administrator'];

/** Given a petition registered at the front desk, as intake would publish it. */
function registered(category: PetitionRegisteredV1['category']) {
  const payload: PetitionRegisteredV1 = {
    petitionId: randomUUID(),
    caseNumber: '220106-2026-000901',
    channel: 'visit',
    itemClass: 'appeal',
    category,
    townCode: 'XX',
    headcount: 1,
    flags: {
      collective: false,
      repeat: false,
      escalated: false,
      abnormal: false,
      threatOfExtremeAction: false,
    },
    receivedAt: new Date().toISOString(),
  };
  return createEnvelope(PETITION_REGISTERED_V1, payload, { correlationId: `corr-${payload.petitionId}` });
}

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('routing security: OWASP API Security Top 10 (2023) against the real server', () => {
  let routing: InProcessService;
  /** The Nest application behind `routing`, to record an audit entry as the interceptor would. */
  let running: RunningService;
  let foreignIssuer: TestAuth;
  /** Every bearer token this file sent, to prove none of them reaches the logs. */
  const sentTokens: string[] = [];
  /** Routing's decisions for a labour petition and a land petition; the tests only read them. */
  let labour: DecisionView;
  let land: DecisionView;

  const withToken = (token: string): HttpClient => {
    sentTokens.push(token);
    return http(routing.service.url, { authorization: `Bearer ${token}` });
  };
  const as = async (user: TestUser): Promise<HttpClient> => withToken(await routing.auth.token(user));
  const mint = (over: Partial<Parameters<TestAuth['issuer']['mint']>[0]> = {}) =>
    routing.auth.issuer.mint({ sub: 'security-test', roles: ['dispatcher'], ...over });

  beforeAll(async () => {
    routing = await startInProcess({
      label: 'routingsec',
      start: async (env, logs) => (running = await startRouting(loadConfig(RoutingConfig, env), logs)),
    });
    foreignIssuer = await createTestAuth();

    // Given two petitions routed to different work units.
    const labourEvent = registered({
      id: 515,
      level1: '劳动和社会保障',
      level2: '退休政策及待遇',
      level3: '退休金发放',
    });
    const landEvent = registered({ id: 302, level1: '农村农业', level2: '土地承包经营', level3: '土地流转' });
    await publishEnvelope(routing.ns.natsUrl, routing.ns.busPrefix, labourEvent);
    await publishEnvelope(routing.ns.natsUrl, routing.ns.busPrefix, landEvent);
    const dispatcher = await as({ roles: ['dispatcher'] });
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
    foreignIssuer?.cleanup();
    await routing?.close();
  });

  describe('API2 broken authentication', () => {
    const INVALID_TOKEN = /^Bearer realm="pdmc", error="invalid_token"$/;
    const expectUnauthenticated = (res: HttpResponse, challenge: RegExp = INVALID_TOKEN) => {
      expect(res.status).toBe(401);
      expect((res.body as ErrorBody).code).toBe('AUTH.UNAUTHENTICATED');
      expect(res.headers['www-authenticate']).toMatch(challenge);
    };

    it('given no token, when the rules or a decision are asked for, then 401 with a bare Bearer challenge', async () => {
      expectUnauthenticated(await routing.anonymous.get('/routing-rules'), /^Bearer realm="pdmc"$/);
      expectUnauthenticated(
        await routing.anonymous.get(`/routing-decisions/${labour.petitionId}`),
        /^Bearer realm="pdmc"$/,
      );
    });

    it.each([
      ['a garbage bearer token', 'Bearer not-a-jwt'],
      ['another scheme (Basic)', `Basic ${Buffer.from('dispatcher:secret').toString('base64')}`],
    ])('given %s, then 401', async (_name, authorization) => {
      expectUnauthenticated(await routing.anonymous.get('/routing-rules', undefined, { authorization }));
    });

    it('given an expired token, then 401 saying it expired', async () => {
      const res = await withToken(await mint({ expiresInSec: -60 })).get('/routing-rules');
      expectUnauthenticated(res);
      expect((res.body as ErrorBody).message).toMatch(/expired/);
    });

    it.each([
      ['not valid yet (nbf in 5 minutes)', { notBeforeSec: 300 }],
      ['issued for another audience', { audience: 'another-service' }],
      ['naming another issuer', { issuer: 'https://evil.example' }],
    ])('given a token %s, then 401', async (_name, over) => {
      expectUnauthenticated(await withToken(await mint(over)).get('/routing-rules'));
    });

    it('given a token signed by another issuer’s key (same iss and aud), then 401', async () => {
      expectUnauthenticated(
        await withToken(await foreignIssuer.token({ roles: ['dispatcher'] })).get('/routing-rules'),
      );
    });

    it('given a valid token whose claims were edited to add a role, then 401', async () => {
      const [header, payload, signature] = (await mint({ roles: ['unit_handler'] })).split('.');
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
      expectUnauthenticated(
        await withToken(`${header}.${base64url({ ...claims, roles: ['dispatcher'] })}.${signature}`).get(
          '/routing-rules',
        ),
      );
    });

    it('given an unsigned token (alg none), then 401', async () => {
      const now = Math.floor(Date.now() / 1000);
      const { AUTH_ISSUER: iss, AUTH_AUDIENCE: aud } = routing.auth.env;
      const claims = { sub: 'x', roles: ['dispatcher'], iss, aud, iat: now, exp: now + 600 };
      const unsigned = `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url(claims)}.`;
      expectUnauthenticated(await withToken(unsigned).get('/routing-rules'));
    });

    it('keeps health and readiness public', async () => {
      expect(await routing.anonymous.get('/health')).toMatchObject({
        status: 200,
        body: { status: 'ok', service: 'routing' },
      });
      expect(await routing.anonymous.get('/ready')).toMatchObject({ status: 200, body: { status: 'ready' } });
    });
  });

  describe('API5 broken function-level authorisation', () => {
    it.each(ROLES)('gives %s the rule table only when it holds routing.rules.read', async (role) => {
      const res = await (await as({ roles: [role], units: ['LABOUR'] })).get<ErrorBody>('/routing-rules');
      if (RULE_READERS.includes(role)) expect(res.status).toBe(200);
      else
        expect({ status: res.status, code: res.body.code }).toEqual({ status: 403, code: 'AUTH.FORBIDDEN' });
    });

    it.each(ROLES.filter((role) => !DECISION_READERS.includes(role)))(
      'refuses a decision to %s with 403 AUTH.FORBIDDEN',
      async (role) => {
        const res = await (
          await as({ roles: [role], units: ['LABOUR'], bodies: ['area:XX'] })
        ).get<ErrorBody>(`/routing-decisions/${labour.petitionId}`);
        expect({ status: res.status, code: res.body.code }).toEqual({ status: 403, code: 'AUTH.FORBIDDEN' });
      },
    );

    it.each(CENTRE_WIDE_DECISION_READERS)('gives %s any decision (200)', async (role) => {
      const client = await as({ roles: [role] });
      expect(await client.get(`/routing-decisions/${labour.petitionId}`)).toMatchObject({
        status: 200,
        body: labour,
      });
      expect(await client.get(`/routing-decisions/${land.petitionId}`)).toMatchObject({
        status: 200,
        body: land,
      });
    });

    it('grants nothing to a token with no roles or with a role the service does not know', async () => {
      for (const roles of [[], ['superuser'], ['DISPATCHER']] as unknown as Role[][]) {
        const res = await (await as({ roles })).get<ErrorBody>('/routing-rules');
        expect({ roles, status: res.status, code: res.body.code }).toEqual({
          roles,
          status: 403,
          code: 'AUTH.FORBIDDEN',
        });
      }
    });

    it.each(ROLES)(
      'lets %s read the audit trail only when it is an auditor or administrator',
      async (role) => {
        const res = await (await as({ roles: [role] })).get<ErrorBody>('/audit-events');
        if (AUDIT_READERS.includes(role)) expect(res.status).toBe(200);
        else
          expect({ status: res.status, code: res.body.code }).toEqual({
            status: 403,
            code: 'AUTH.FORBIDDEN',
          });
      },
    );
  });

  describe('API1 broken object-level authorisation', () => {
    // A unit head is unit-scoped (SCOPED_ROLES in roles.ts) and holds routing.decision.read to see
    // why a petition was routed to its unit; another unit's decision is out of its scope and, as
    // in handling, answered "not found" so that existence is not revealed.
    it('gives a LABOUR unit head the decision of a petition routed to LABOUR', async () => {
      const head = await as({ roles: ['unit_head'], units: ['LABOUR'] });
      expect(await head.get(`/routing-decisions/${labour.petitionId}`)).toMatchObject({
        status: 200,
        body: labour,
      });
    });

    it('answers a LABOUR unit head 404 for the decision of a petition routed to another unit', async () => {
      const head = await as({ roles: ['unit_head'], units: ['LABOUR'] });
      const res = await head.get<ErrorBody>(`/routing-decisions/${land.petitionId}`);
      expect({ status: res.status, code: res.body.code }).toEqual({
        status: 404,
        code: 'ROUTING.DECISION_NOT_FOUND',
      });
    });

    it('answers a unit head without units 404 for every decision', async () => {
      const head = await as({ roles: ['unit_head'] });
      for (const decision of [labour, land]) {
        expect((await head.get(`/routing-decisions/${decision.petitionId}`)).status).toBe(404);
      }
    });
  });

  describe('API3 broken object property-level authorisation', () => {
    it('returns only the documented fields of a decision (no category, town, sourceEventId, outbox, version, _id)', async () => {
      const res = await (
        await as({ roles: ['dispatcher'] })
      ).get<Record<string, unknown>>(`/routing-decisions/${land.petitionId}`);
      expect(Object.keys(res.body).sort()).toEqual(DECISION_FIELDS);
    });

    it('returns only the documented fields of each rule', async () => {
      const res = await (
        await as({ roles: ['dispatcher'] })
      ).get<Array<Record<string, unknown>>>('/routing-rules');
      expect(res.body.length).toBeGreaterThan(0);
      for (const rule of res.body) expect(RULE_FIELDS).toEqual(expect.arrayContaining(Object.keys(rule)));
    });

    it('answers errors in the shared shape without stack traces or internals', async () => {
      const res = await (
        await as({ roles: ['dispatcher'] })
      ).get<ErrorBody>(`/routing-decisions/${randomUUID()}`);
      expect(res.status).toBe(404);
      expect(Object.keys(res.body).sort()).toEqual(ERROR_FIELDS);
      expect(JSON.stringify(res.body)).not.toMatch(/stack|mongo|at \w+ \(|node_modules/i);
    });
  });

  describe('API4 unrestricted resource consumption', () => {
    it('refuses ?pageSize=201 on the audit trail with 400', async () => {
      const res = await (await as({ roles: ['auditor'] })).get<ErrorBody>('/audit-events?pageSize=201');
      expect({ status: res.status, code: res.body.code }).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
    });

    // Routing takes no request bodies: with no state-changing route there is nothing for
    // BODY_LIMIT_BYTES to guard. If a route is added here, add its 413 test too.
    it.each(['post', 'put', 'patch', 'delete'] as const)(
      'has no %s route on rules or decisions',
      async (method) => {
        const dispatcher = await as({ roles: ['dispatcher'] });
        for (const path of ['/routing-rules', `/routing-decisions/${labour.petitionId}`]) {
          expect({ path, status: (await dispatcher[method](path, { workUnit: 'REVIEW' })).status }).toEqual({
            path,
            status: 404,
          });
        }
      },
    );
  });

  describe('API8 injection and security misconfiguration', () => {
    it.each(['{"$ne":null}', '{"$gt":""}', '..%2F..%2Faudit-events', `${randomUUID()}'||'1'=='1`])(
      'answers the petition id %s with 400',
      async (id) => {
        const res = await (
          await as({ roles: ['dispatcher'] })
        ).get<ErrorBody>(`/routing-decisions/${encodeURIComponent(id)}`);
        expect(res.status).toBe(400);
        expect(res.body.details?.map((d) => d.field)).toEqual(['petitionId']);
      },
    );

    it('ignores operator payloads in the query of routes that take none (never more data)', async () => {
      const dispatcher = await as({ roles: ['dispatcher'] });
      const plain = await dispatcher.get(`/routing-decisions/${labour.petitionId}`);
      for (const query of [
        'petitionId[$ne]=x',
        'workUnit[$gt]=',
        'status[$where]=1',
        'workUnit=LABOUR&workUnit=AGRI_LAND',
      ]) {
        expect(await dispatcher.get(`/routing-decisions/${labour.petitionId}?${query}`)).toMatchObject({
          status: 200,
          body: plain.body,
        });
      }
    });

    it('answers operator payloads on the audit trail with 400', async () => {
      const auditor = await as({ roles: ['auditor'] });
      for (const query of ['actor[$ne]=nobody', 'action[$regex]=.*', 'actor=a&actor=b', 'objectId[$gt]=']) {
        expect({ query, status: (await auditor.get(`/audit-events?${query}`)).status }).toEqual({
          query,
          status: 400,
        });
      }
    });

    it('sends security headers on answers and errors, and no x-powered-by', async () => {
      const dispatcher = await as({ roles: ['dispatcher'] });
      const answers = [
        await dispatcher.get('/routing-rules'),
        await routing.anonymous.get('/routing-rules'),
        await dispatcher.get(`/routing-decisions/${randomUUID()}`),
      ];
      for (const res of answers) {
        expect(res.headers['x-content-type-options']).toBe('nosniff');
        expect(res.headers['content-security-policy']).toMatch(/frame-ancestors 'none'/);
        expect(res.headers['strict-transport-security']).toMatch(/max-age=\d{7,}/);
        expect(res.headers['x-powered-by']).toBeUndefined();
      }
    });

    it('keeps CORS closed: no allow-origin for another origin, and no preflight granted', async () => {
      const simple = await (
        await as({ roles: ['dispatcher'] })
      ).get('/routing-rules', undefined, { origin: 'https://evil.example' });
      expect(simple.status).toBe(200);
      expect(simple.headers['access-control-allow-origin']).toBeUndefined();
      const preflight = await fetch(`${routing.service.url}/routing-rules`, {
        method: 'OPTIONS',
        headers: {
          origin: 'https://evil.example',
          'access-control-request-method': 'GET',
          'access-control-request-headers': 'authorization',
        },
      });
      expect(preflight.status).toBeGreaterThanOrEqual(400);
      expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
      expect(preflight.headers.get('access-control-allow-methods')).toBeNull();
    });
  });

  describe('API9 improper inventory management', () => {
    it('closes every documented route except health and readiness, and every one declares a permission', async () => {
      const doc = await routing.anonymous.get<{ paths: Record<string, Record<string, unknown>> }>(
        '/docs/json',
      );
      const routes = Object.entries(doc.body.paths).flatMap(([path, ops]) =>
        Object.keys(ops).map((method) => `${method} ${path}`),
      );
      expect(routes.sort()).toEqual([
        'get /audit-events',
        'get /health',
        'get /ready',
        'get /routing-decisions/{petitionId}',
        'get /routing-rules',
      ]);
      const nobody = await as({ roles: [] });
      for (const path of ['/audit-events', `/routing-decisions/${randomUUID()}`, '/routing-rules']) {
        expect({ path, status: (await routing.anonymous.get(path)).status }).toEqual({ path, status: 401 });
        const res = await nobody.get<ErrorBody>(path);
        expect({ path, status: res.status, code: res.body.code }).toEqual({
          path,
          status: 403,
          code: 'AUTH.FORBIDDEN',
        });
      }
    });
  });

  describe('audit trail', () => {
    it('gives an auditor and an administrator this service’s entries in the documented shape', async () => {
      // Given an audited act, recorded as the audit interceptor records one (routing has no audited route yet).
      const actor = `head-${randomUUID()}`;
      await running.app.get(AuditLog).record({
        actor: { subject: actor, roles: ['unit_head'] },
        action: 'routing.decision.read',
        objectType: 'routing-decision',
        objectId: labour.petitionId,
        outcome: 'success',
        status: 200,
        method: 'GET',
        path: `/routing-decisions/${labour.petitionId}`,
        ip: '127.0.0.1',
        correlationId: `corr-${randomUUID()}`,
      });
      for (const role of AUDIT_READERS) {
        const res = await (await as({ roles: [role] })).get<AuditPage>(`/audit-events?actor=${actor}`);
        expect(res.status).toBe(200);
        expect(Object.keys(res.body).sort()).toEqual(PAGE_FIELDS);
        expect(res.body.total).toBe(1);
        expect(res.body.items[0]).toMatchObject({
          service: 'routing',
          action: 'routing.decision.read',
          objectId: labour.petitionId,
        });
        expect(Object.keys(res.body.items[0]).sort()).toEqual(AUDIT_FIELDS);
      }
    });

    it('refuses the audit trail to a dispatcher', async () => {
      const res = await (await as({ roles: ['dispatcher'] })).get<ErrorBody>('/audit-events');
      expect({ status: res.status, code: res.body.code }).toEqual({ status: 403, code: 'AUTH.FORBIDDEN' });
    });
  });

  describe('logs', () => {
    it('never write a bearer token (whole or its signature) that was sent', () => {
      expect(sentTokens.length).toBeGreaterThan(40);
      const signatures = sentTokens.map((t) => t.split('.')[2] ?? '').filter((s) => s.length >= 16);
      expect(findPersonalData(routing.logs, [...sentTokens, ...signatures])).toEqual([]);
    });
  });
});
