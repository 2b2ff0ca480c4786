import { randomUUID } from 'node:crypto';
import { ROLES, type Role } from '@pdmc/auth';
import { CASE_OPENED_V1, createEnvelope, type CaseOpenedV1 } from '@pdmc/contracts';
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
import { startFunds } from '../src/app';
import { FundsConfig } from '../src/config/funds.config';

/*
 * OWASP API Security Top 10 (2023), the items that apply to funds' read-only HTTP API: API2
 * authentication, API5 function-level authorisation, API3 property-level exposure, API4
 * resource consumption, API8 misconfiguration and injection, API9 inventory; plus the audit
 * trail and tokens kept out of the logs. API1 does not apply yet: every role that may read
 * settlement cases is centre-wide.
 */

interface SettlementCaseView {
  caseId: string;
  petitionId: string;
  caseNumber: string;
  workUnit: string;
  openedAt: string;
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

const SETTLEMENT_CASE_FIELDS = ['caseId', 'caseNumber', 'openedAt', 'petitionId', 'workUnit'];
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

/** Who holds `settlement_case.read` (roles.ts); every other role must be refused. */
const SETTLEMENT_CASE_READERS: readonly Role[] = [
  'supervision_commissioner',
  'centre_director',
  'finance_officer',
  'fund_approver',
  'auditor',
];
const AUDIT_READERS: readonly Role[] = ['auditor', 'administrator'];

/** Given a case a work unit opened, as handling would publish it. */
function caseOpened() {
  const openedAt = new Date(Date.now() - 5 * 60_000);
  const payload: CaseOpenedV1 = {
    caseId: randomUUID(),
    petitionId: randomUUID(),
    caseNumber: '220106-2026-000903',
    workUnit: 'LABOUR',
    responsibleBody: 'dept:labour-inspection',
    openedAt: openedAt.toISOString(),
    dueAt: new Date(openedAt.getTime() + 60 * 24 * 60 * 60 * 1000).toISOString(),
  };
  return createEnvelope(CASE_OPENED_V1, payload, {
    correlationId: `corr-${payload.petitionId}`,
    causationId: randomUUID(),
  });
}

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('funds security: OWASP API Security Top 10 (2023) against the real server', () => {
  let funds: InProcessService;
  /** The Nest application behind `funds`, to record an audit entry as the interceptor would. */
  let running: RunningService;
  let foreignIssuer: TestAuth;
  /** Every bearer token this file sent, to prove none of them reaches the logs. */
  const sentTokens: string[] = [];
  /** A settlement case the tests only read. */
  let known: SettlementCaseView;

  const withToken = (token: string): HttpClient => {
    sentTokens.push(token);
    return http(funds.service.url, { authorization: `Bearer ${token}` });
  };
  const as = async (user: TestUser): Promise<HttpClient> => withToken(await funds.auth.token(user));
  const mint = (over: Partial<Parameters<TestAuth['issuer']['mint']>[0]> = {}) =>
    funds.auth.issuer.mint({ sub: 'security-test', roles: ['finance_officer'], ...over });
  const casePath = () => `/settlement-cases/${known.caseId}`;

  beforeAll(async () => {
    funds = await startInProcess({
      label: 'fundssec',
      start: async (env, logs) => (running = await startFunds(loadConfig(FundsConfig, env), logs)),
    });
    foreignIssuer = await createTestAuth();

    // Given a case handling announced it opened.
    const event = caseOpened();
    await publishEnvelope(funds.ns.natsUrl, funds.ns.busPrefix, event);
    const officer = await as({ roles: ['finance_officer'] });
    known = await waitFor(
      async () => {
        const res = await officer.get<SettlementCaseView>(`/settlement-cases/${event.payload.caseId}`);
        return res.status === 200 ? res.body : undefined;
      },
      { description: 'the settlement case' },
    );
  });

  afterAll(async () => {
    foreignIssuer?.cleanup();
    await funds?.close();
  });

  describe('API2 broken authentication', () => {
    const INVALID_TOKEN = /^Bearer realm="pdmc", error="invalid_token"$/;
    const expectUnauthenticated = (res: HttpResponse, challenge: RegExp = INVALID_TOKEN) => {
      expect(res.status).toBe(401);
      expect((res.body as ErrorBody).code).toBe('AUTH.UNAUTHENTICATED');
      expect(res.headers['www-authenticate']).toMatch(challenge);
    };

    it('given no token, when a settlement case is asked for, then 401 with a bare Bearer challenge', async () => {
      expectUnauthenticated(await funds.anonymous.get(casePath()), /^Bearer realm="pdmc"$/);
    });

    it.each([
      ['a garbage bearer token', 'Bearer not-a-jwt'],
      ['another scheme (Basic)', `Basic ${Buffer.from('finance:secret').toString('base64')}`],
    ])('given %s, then 401', async (_name, authorization) => {
      expectUnauthenticated(await funds.anonymous.get(casePath(), undefined, { authorization }));
    });

    it('given an expired token, then 401 saying it expired', async () => {
      const res = await withToken(await mint({ expiresInSec: -60 })).get(casePath());
      expectUnauthenticated(res);
      expect((res.body as ErrorBody).message).toMatch(/expired/);
    });

    it.each([
      ['not valid yet (nbf in 5 minutes)', { notBeforeSec: 300 }],
      ['issued for another audience', { audience: 'another-service' }],
      ['naming another issuer', { issuer: 'https://evil.example' }],
    ])('given a token %s, then 401', async (_name, over) => {
      expectUnauthenticated(await withToken(await mint(over)).get(casePath()));
    });

    it('given a token signed by another issuer’s key (same iss and aud), then 401', async () => {
      expectUnauthenticated(
        await withToken(await foreignIssuer.token({ roles: ['finance_officer'] })).get(casePath()),
      );
    });

    it('given a valid token whose claims were edited to add a role, then 401', async () => {
      const [header, payload, signature] = (await mint({ roles: ['responder_unit'] })).split('.');
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
      const forged = `${header}.${base64url({ ...claims, roles: ['finance_officer'] })}.${signature}`;
      expectUnauthenticated(await withToken(forged).get(casePath()));
    });

    it('given an unsigned token (alg none), then 401', async () => {
      const now = Math.floor(Date.now() / 1000);
      const { AUTH_ISSUER: iss, AUTH_AUDIENCE: aud } = funds.auth.env;
      const claims = { sub: 'x', roles: ['finance_officer'], iss, aud, iat: now, exp: now + 600 };
      expectUnauthenticated(
        await withToken(`${base64url({ alg: 'none', typ: 'JWT' })}.${base64url(claims)}.`).get(casePath()),
      );
    });

    it('keeps health and readiness public', async () => {
      expect(await funds.anonymous.get('/health')).toMatchObject({
        status: 200,
        body: { status: 'ok', service: 'funds' },
      });
      expect(await funds.anonymous.get('/ready')).toMatchObject({ status: 200, body: { status: 'ready' } });
    });
  });

  describe('API5 broken function-level authorisation', () => {
    it.each(ROLES.filter((role) => !SETTLEMENT_CASE_READERS.includes(role)))(
      'refuses a settlement case to %s with 403 AUTH.FORBIDDEN',
      async (role) => {
        const res = await (
          await as({ roles: [role], units: ['LABOUR'], bodies: ['dept:labour-inspection'] })
        ).get<ErrorBody>(casePath());
        expect({ status: res.status, code: res.body.code }).toEqual({ status: 403, code: 'AUTH.FORBIDDEN' });
      },
    );

    it.each(SETTLEMENT_CASE_READERS)('gives %s a settlement case (200)', async (role) => {
      expect(await (await as({ roles: [role] })).get(casePath())).toMatchObject({ status: 200, body: known });
    });

    it('grants nothing to a token with no roles or with a role the service does not know', async () => {
      for (const roles of [[], ['superuser'], ['FINANCE_OFFICER']] as unknown as Role[][]) {
        const res = await (await as({ roles })).get<ErrorBody>(casePath());
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

  describe('API3 broken object property-level authorisation', () => {
    it('returns only the documented fields of a settlement case (no responsible body, version, _id)', async () => {
      const res = await (await as({ roles: ['finance_officer'] })).get<Record<string, unknown>>(casePath());
      expect(Object.keys(res.body).sort()).toEqual(SETTLEMENT_CASE_FIELDS);
    });

    it('answers errors in the shared shape without stack traces or internals', async () => {
      const res = await (
        await as({ roles: ['finance_officer'] })
      ).get<ErrorBody>(`/settlement-cases/${randomUUID()}`);
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

    it('offers no unbounded list of settlement cases', async () => {
      expect((await (await as({ roles: ['finance_officer'] })).get('/settlement-cases')).status).toBe(404);
    });

    // Funds takes no request bodies: with no state-changing route there is nothing for
    // BODY_LIMIT_BYTES to guard. If a route is added here, add its 413 test too.
    it.each(['post', 'put', 'patch', 'delete'] as const)(
      'has no %s route on settlement cases',
      async (method) => {
        const officer = await as({ roles: ['finance_officer'] });
        for (const path of ['/settlement-cases', casePath()]) {
          expect({ path, status: (await officer[method](path, { workUnit: 'REVIEW' })).status }).toEqual({
            path,
            status: 404,
          });
        }
      },
    );
  });

  describe('API8 injection and security misconfiguration', () => {
    it.each(['{"$ne":null}', '{"$gt":""}', `${randomUUID()}'||'1'=='1`])(
      'answers the case id %s with 400',
      async (id) => {
        const res = await (
          await as({ roles: ['finance_officer'] })
        ).get<ErrorBody>(`/settlement-cases/${encodeURIComponent(id)}`);
        expect(res.status).toBe(400);
        expect(res.body.details?.map((d) => d.field)).toEqual(['caseId']);
      },
    );

    it('ignores operator payloads in the query of routes that take none (never more data)', async () => {
      const officer = await as({ roles: ['finance_officer'] });
      const plain = await officer.get(casePath());
      for (const query of [
        'caseId[$ne]=x',
        'workUnit[$gt]=',
        'status[$where]=1',
        'workUnit=LABOUR&workUnit=URBAN_ENV',
      ]) {
        expect(await officer.get(`${casePath()}?${query}`)).toMatchObject({ status: 200, body: plain.body });
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
      const officer = await as({ roles: ['finance_officer'] });
      const answers = [
        await officer.get(casePath()),
        await funds.anonymous.get(casePath()),
        await officer.get(`/settlement-cases/${randomUUID()}`),
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
        await as({ roles: ['finance_officer'] })
      ).get(casePath(), undefined, { origin: 'https://evil.example' });
      expect(simple.status).toBe(200);
      expect(simple.headers['access-control-allow-origin']).toBeUndefined();
      const preflight = await fetch(`${funds.service.url}${casePath()}`, {
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
      const doc = await funds.anonymous.get<{ paths: Record<string, Record<string, unknown>> }>('/docs/json');
      const routes = Object.entries(doc.body.paths).flatMap(([path, ops]) =>
        Object.keys(ops).map((method) => `${method} ${path}`),
      );
      expect(routes.sort()).toEqual([
        'get /audit-events',
        'get /health',
        'get /ready',
        'get /settlement-cases/{caseId}',
      ]);
      const nobody = await as({ roles: [] });
      for (const path of ['/audit-events', `/settlement-cases/${randomUUID()}`]) {
        expect({ path, status: (await funds.anonymous.get(path)).status }).toEqual({ path, status: 401 });
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
      // Given an audited act, recorded as the audit interceptor records one (funds has no audited route yet).
      const actor = `finance-${randomUUID()}`;
      await running.app.get(AuditLog).record({
        actor: { subject: actor, roles: ['finance_officer'] },
        action: 'settlement_case.read',
        objectType: 'settlement-case',
        objectId: known.caseId,
        outcome: 'success',
        status: 200,
        method: 'GET',
        path: casePath(),
        ip: '127.0.0.1',
        correlationId: `corr-${randomUUID()}`,
      });
      for (const role of AUDIT_READERS) {
        const res = await (await as({ roles: [role] })).get<AuditPage>(`/audit-events?actor=${actor}`);
        expect(res.status).toBe(200);
        expect(Object.keys(res.body).sort()).toEqual(PAGE_FIELDS);
        expect(res.body.total).toBe(1);
        expect(res.body.items[0]).toMatchObject({
          service: 'funds',
          action: 'settlement_case.read',
          objectId: known.caseId,
        });
        expect(Object.keys(res.body.items[0]).sort()).toEqual(AUDIT_FIELDS);
      }
    });

    it('refuses the audit trail to a dispatcher and to a finance officer', async () => {
      for (const role of ['dispatcher', 'finance_officer'] as const) {
        const res = await (await as({ roles: [role] })).get<ErrorBody>('/audit-events');
        expect({ role, status: res.status, code: res.body.code }).toEqual({
          role,
          status: 403,
          code: 'AUTH.FORBIDDEN',
        });
      }
    });
  });

  describe('logs', () => {
    it('never write a bearer token (whole or its signature) that was sent', () => {
      expect(sentTokens.length).toBeGreaterThan(40);
      const signatures = sentTokens.map((t) => t.split('.')[2] ?? '').filter((s) => s.length >= 16);
      expect(findPersonalData(funds.logs, [...sentTokens, ...signatures])).toEqual([]);
    });
  });
});
