import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { SignJWT } from 'jose';
import { ROLES, type Role } from '@pdmc/auth';
import { createEnvelope, PETITION_ROUTED_V1, type PetitionRoutedV1, type WorkUnit } from '@pdmc/contracts';
import { AuditLog, loadConfig, type RunningService } from '@pdmc/platform';
import {
  createTestAuth,
  findPersonalData,
  http,
  publishEnvelope,
  sleep,
  startInProcess,
  waitFor,
  type HttpClient,
  type HttpResponse,
  type InProcessService,
  type TestAuth,
  type TestUser,
} from '@pdmc/testing';
import { startHandling } from '../src/app';
import { HandlingConfig } from '../src/config/handling.config';

/*
 * OWASP API Security Top 10 (2023), the items that apply to handling's read-only HTTP API:
 * API1 object-level and API5 function-level authorisation, API2 authentication, API3
 * property-level exposure, API4 resource consumption, API8 misconfiguration and injection,
 * API9 inventory; plus the audit trail and tokens kept out of the logs.
 */

interface CaseView {
  id: string;
  petitionId: string;
  caseNumber: string;
  workUnit: string;
  responsibleBody: string;
  status: string;
  openedAt: string;
  dueAt: string;
}

interface CasePage {
  items: CaseView[];
  total: number;
  page: number;
  pageSize: number;
}

interface AuditPage {
  items: Array<Record<string, unknown>>;
  total: number;
  page: number;
  pageSize: number;
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

const CASE_FIELDS = [
  'caseNumber',
  'dueAt',
  'id',
  'openedAt',
  'petitionId',
  'responsibleBody',
  'status',
  'workUnit',
];
const PAGE_FIELDS = ['items', 'page', 'pageSize', 'total'];
const ERROR_FIELDS = ['code', 'correlationId', 'error', 'message', 'path', 'statusCode'];
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

/** Roles that hold `case.read` and `case.list` (roles.ts); every other role must be refused. */
const CASE_READERS: readonly Role[] = [
  'dispatcher',
  'supervision_commissioner',
  'unit_handler',
  'unit_head',
  'responsible_body_liaison',
  'centre_director',
  'auditor',
];
const CENTRE_WIDE_CASE_READERS: readonly Role[] = [
  'dispatcher',
  'supervision_commissioner',
  'centre_director',
  'auditor',
];
const AUDIT_READERS: readonly Role[] = ['auditor', 'administrator'];

/** Given routing's decision for a petition, as routing would publish it. */
function routed(workUnit: WorkUnit, responsibleBody: string) {
  const payload: PetitionRoutedV1 = {
    petitionId: randomUUID(),
    caseNumber: '220106-2026-000900',
    workUnit,
    responsibleBody,
    ruleId: 'TEST.rule',
    reason: 'security test fixture',
  };
  return createEnvelope(PETITION_ROUTED_V1, payload, {
    correlationId: `corr-${payload.petitionId}`,
    causationId: randomUUID(),
  });
}

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('handling security: OWASP API Security Top 10 (2023) against the real server', () => {
  let handling: InProcessService;
  /** The Nest application behind `handling`, to record an audit entry as the interceptor would. */
  let running: RunningService;
  let foreignIssuer: TestAuth;
  /** Every bearer token this file sent, to prove none of them reaches the logs. */
  const sentTokens: string[] = [];
  /** The cases of the fixture, by name; each test reads, none writes. */
  const cases: Record<'labour1' | 'labour2' | 'urban' | 'agri', CaseView> = {} as never;

  const withToken = (token: string): HttpClient => {
    sentTokens.push(token);
    return http(handling.service.url, { authorization: `Bearer ${token}` });
  };
  const as = async (user: TestUser): Promise<HttpClient> => withToken(await handling.auth.token(user));
  const mint = (over: Partial<Parameters<InProcessService['auth']['issuer']['mint']>[0]> = {}) =>
    handling.auth.issuer.mint({ sub: 'security-test', roles: ['dispatcher'], ...over });

  const listIds = async (client: HttpClient, query = ''): Promise<{ ids: string[]; total: number }> => {
    const res = await client.get<CasePage>(`/cases${query}`);
    expect(res.status).toBe(200);
    return { ids: res.body.items.map((c) => c.id).sort(), total: res.body.total };
  };
  const idsOf = (...names: Array<keyof typeof cases>) => names.map((name) => cases[name].id).sort();

  beforeAll(async () => {
    handling = await startInProcess({
      label: 'handlingsec',
      start: async (env, logs) => (running = await startHandling(loadConfig(HandlingConfig, env), logs)),
    });
    foreignIssuer = await createTestAuth();

    // Given cases in two units and for two responsible bodies, opened from routing's events.
    const events = {
      labour1: routed('LABOUR', 'dept:labour-inspection'),
      labour2: routed('LABOUR', 'dept:labour-inspection'),
      urban: routed('URBAN_ENV', 'area:HX'),
      agri: routed('AGRI_LAND', 'area:XX'),
    };
    for (const event of Object.values(events))
      await publishEnvelope(handling.ns.natsUrl, handling.ns.busPrefix, event);
    const dispatcher = await as({ roles: ['dispatcher'] });
    const opened = await waitFor(
      async () => {
        const res = await dispatcher.get<CasePage>('/cases?pageSize=100');
        return res.status === 200 && res.body.total === 4 ? res.body.items : undefined;
      },
      { description: 'the four fixture cases' },
    );
    for (const [name, event] of Object.entries(events)) {
      const found = opened.find((c) => c.petitionId === event.payload.petitionId);
      if (!found) throw new Error(`fixture case ${name} was not opened`);
      cases[name as keyof typeof cases] = found;
    }
  });

  afterAll(async () => {
    foreignIssuer?.cleanup();
    await handling?.close();
  });

  describe('API2 broken authentication', () => {
    const expectUnauthenticated = (res: HttpResponse, challenge: RegExp) => {
      expect(res.status).toBe(401);
      expect((res.body as ErrorBody).code).toBe('AUTH.UNAUTHENTICATED');
      expect(res.headers['www-authenticate']).toMatch(challenge);
    };
    const INVALID_TOKEN = /^Bearer realm="pdmc", error="invalid_token"$/;

    it('given no token, when a case list is asked for, then 401 with a bare Bearer challenge', async () => {
      expectUnauthenticated(await handling.anonymous.get('/cases'), /^Bearer realm="pdmc"$/);
      expectUnauthenticated(
        await handling.anonymous.get(`/cases/${cases.labour1.id}`),
        /^Bearer realm="pdmc"$/,
      );
    });

    it.each([
      ['a garbage bearer token', 'Bearer not-a-jwt'],
      ['another scheme (Basic)', `Basic ${Buffer.from('dispatcher:secret').toString('base64')}`],
      ['a bearer header without a token', 'Bearer '],
    ])('given %s, then 401 invalid_token', async (_name, authorization) => {
      expectUnauthenticated(
        await handling.anonymous.get('/cases', undefined, { authorization }),
        /^Bearer realm="pdmc"/,
      );
    });

    it('given an expired token, then 401 saying it expired', async () => {
      const res = await withToken(await mint({ expiresInSec: -60 })).get('/cases');
      expectUnauthenticated(res, INVALID_TOKEN);
      expect((res.body as ErrorBody).message).toMatch(/expired/);
    });

    it.each([
      ['not valid yet (nbf in 5 minutes)', { notBeforeSec: 300 }],
      ['issued for another audience', { audience: 'another-service' }],
      ['naming another issuer', { issuer: 'https://evil.example' }],
    ])('given a token %s, then 401', async (_name, over) => {
      expectUnauthenticated(await withToken(await mint(over)).get('/cases'), INVALID_TOKEN);
    });

    it('given a token signed by another issuer’s key (same iss and aud), then 401', async () => {
      const token = await foreignIssuer.token({ roles: ['dispatcher'] });
      expectUnauthenticated(await withToken(token).get('/cases'), INVALID_TOKEN);
    });

    it('given a valid token whose claims were edited to add a role, then 401 (signature no longer matches)', async () => {
      const [header, payload, signature] = (await mint({ roles: ['unit_handler'], units: ['LABOUR'] })).split(
        '.',
      );
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
      const forged = `${header}.${base64url({ ...claims, roles: ['dispatcher'] })}.${signature}`;
      expectUnauthenticated(await withToken(forged).get('/cases'), INVALID_TOKEN);
    });

    it('given an unsigned token (alg none), then 401', async () => {
      const now = Math.floor(Date.now() / 1000);
      const { AUTH_ISSUER: iss, AUTH_AUDIENCE: aud } = handling.auth.env;
      const claims = { sub: 'x', roles: ['dispatcher'], iss, aud, iat: now, exp: now + 600 };
      const unsigned = `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url(claims)}.`;
      expectUnauthenticated(await withToken(unsigned).get('/cases'), INVALID_TOKEN);
    });

    it('given a token HMAC-signed with the published public key (algorithm confusion), then 401', async () => {
      const jwks = readFileSync(fileURLToPath(handling.auth.env.AUTH_JWKS_URL), 'utf8');
      const token = await new SignJWT({ roles: ['dispatcher'] })
        .setProtectedHeader({ alg: 'HS256', kid: handling.auth.issuer.kid })
        .setSubject('x')
        .setIssuer(handling.auth.env.AUTH_ISSUER)
        .setAudience(handling.auth.env.AUTH_AUDIENCE)
        .setIssuedAt()
        .setExpirationTime('10m')
        .sign(new TextEncoder().encode(jwks));
      expectUnauthenticated(await withToken(token).get('/cases'), INVALID_TOKEN);
    });

    it('given a token in the query string instead of the header, then 401', async () => {
      const token = await mint();
      sentTokens.push(token);
      expectUnauthenticated(
        await handling.anonymous.get(`/cases?access_token=${token}`),
        /^Bearer realm="pdmc"$/,
      );
    });

    it('keeps health and readiness public', async () => {
      expect(await handling.anonymous.get('/health')).toMatchObject({
        status: 200,
        body: { status: 'ok', service: 'handling' },
      });
      expect(await handling.anonymous.get('/ready')).toMatchObject({
        status: 200,
        body: { status: 'ready' },
      });
    });
  });

  describe('API5 broken function-level authorisation', () => {
    const refused = ROLES.filter((role) => !CASE_READERS.includes(role));

    it.each(refused)('refuses the case list and a case to %s with 403 AUTH.FORBIDDEN', async (role) => {
      const client = await as({ roles: [role], units: ['LABOUR'], bodies: ['area:HX'] });
      for (const path of ['/cases', `/cases/${cases.labour1.id}`]) {
        const res = await client.get<ErrorBody>(path);
        expect({ path, status: res.status, code: res.body.code }).toEqual({
          path,
          status: 403,
          code: 'AUTH.FORBIDDEN',
        });
      }
    });

    it.each(CENTRE_WIDE_CASE_READERS)('gives %s the case list and a case (200)', async (role) => {
      const client = await as({ roles: [role] });
      expect((await client.get('/cases')).status).toBe(200);
      expect(await client.get(`/cases/${cases.labour1.id}`)).toMatchObject({
        status: 200,
        body: cases.labour1,
      });
    });

    it('grants nothing to a token with no roles or with a role the service does not know', async () => {
      for (const roles of [[], ['superuser'], ['DISPATCHER']] as unknown as Role[][]) {
        const res = await (await as({ roles })).get<ErrorBody>('/cases');
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

  describe('API1 broken object-level authorisation (scoped roles)', () => {
    it('shows a LABOUR unit handler only LABOUR cases, totals included', async () => {
      const handler = await as({ roles: ['unit_handler'], units: ['LABOUR'] });
      expect(await listIds(handler)).toEqual({ ids: idsOf('labour1', 'labour2'), total: 2 });
      const firstPage = await handler.get<CasePage>('/cases?pageSize=1');
      expect(firstPage.body).toMatchObject({ total: 2, pageSize: 1 });
      expect(firstPage.body.items).toHaveLength(1);
    });

    it('gives a LABOUR unit handler nothing when it asks for another unit or another unit’s petition', async () => {
      const handler = await as({ roles: ['unit_handler'], units: ['LABOUR'] });
      expect(await listIds(handler, '?workUnit=URBAN_ENV')).toEqual({ ids: [], total: 0 });
      expect(await listIds(handler, `?petitionId=${cases.urban.petitionId}`)).toEqual({ ids: [], total: 0 });
      expect(await listIds(handler, '?workUnit=LABOUR')).toEqual({
        ids: idsOf('labour1', 'labour2'),
        total: 2,
      });
    });

    it('answers 404 (not 403) for another unit’s case, exactly as for a case that does not exist', async () => {
      const handler = await as({ roles: ['unit_handler'], units: ['LABOUR'] });
      const foreign = await handler.get<ErrorBody>(`/cases/${cases.urban.id}`);
      const missing = await handler.get<ErrorBody>(`/cases/${randomUUID()}`);
      expect(foreign.status).toBe(404);
      expect(foreign.body.code).toBe('HANDLING.CASE_NOT_FOUND');
      expect({ ...foreign.body, path: '', correlationId: '' }).toEqual({
        ...missing.body,
        path: '',
        correlationId: '',
      });
      expect(await handler.get(`/cases/${cases.labour1.id}`)).toMatchObject({
        status: 200,
        body: cases.labour1,
      });
    });

    it('scopes a unit head like a unit handler', async () => {
      const head = await as({ roles: ['unit_head'], units: ['URBAN_ENV'] });
      expect(await listIds(head)).toEqual({ ids: idsOf('urban'), total: 1 });
      expect((await head.get(`/cases/${cases.labour2.id}`)).status).toBe(404);
    });

    it('shows a liaison of area:HX only the cases given to that body', async () => {
      const liaison = await as({ roles: ['responsible_body_liaison'], bodies: ['area:HX'] });
      expect(await listIds(liaison)).toEqual({ ids: idsOf('urban'), total: 1 });
      expect(await listIds(liaison, '?workUnit=LABOUR')).toEqual({ ids: [], total: 0 });
      expect(await liaison.get(`/cases/${cases.urban.id}`)).toMatchObject({ status: 200, body: cases.urban });
      expect(await liaison.get(`/cases/${cases.agri.id}`)).toMatchObject({
        status: 404,
        body: { code: 'HANDLING.CASE_NOT_FOUND' },
      });
    });

    it('ignores claims a role does not use: a liaison’s units and a handler’s bodies widen nothing', async () => {
      const liaison = await as({
        roles: ['responsible_body_liaison'],
        bodies: ['area:HX'],
        units: ['LABOUR', 'AGRI_LAND'],
      });
      expect(await listIds(liaison)).toEqual({ ids: idsOf('urban'), total: 1 });
      const handler = await as({
        roles: ['unit_handler'],
        units: ['LABOUR'],
        bodies: ['area:HX', 'area:XX'],
      });
      expect(await listIds(handler)).toEqual({ ids: idsOf('labour1', 'labour2'), total: 2 });
    });

    it('unions the scopes of a user holding two scoped roles', async () => {
      const both = await as({
        roles: ['unit_handler', 'responsible_body_liaison'],
        units: ['LABOUR'],
        bodies: ['area:XX'],
      });
      expect(await listIds(both)).toEqual({ ids: idsOf('agri', 'labour1', 'labour2'), total: 3 });
    });

    it.each([
      ['a unit handler without units', { roles: ['unit_handler'] as Role[] }],
      ['a liaison without bodies', { roles: ['responsible_body_liaison'] as Role[] }],
      [
        'a liaison whose body is malformed (dropped)',
        { roles: ['responsible_body_liaison'] as Role[], bodies: ['HX'] },
      ],
    ])('shows %s nothing', async (_name, user) => {
      const client = await as(user);
      expect(await listIds(client)).toEqual({ ids: [], total: 0 });
      expect((await client.get(`/cases/${cases.urban.id}`)).status).toBe(404);
    });

    it('shows a dispatcher the cases of every unit and body', async () => {
      const dispatcher = await as({ roles: ['dispatcher'] });
      expect(await listIds(dispatcher)).toEqual({
        ids: idsOf('agri', 'labour1', 'labour2', 'urban'),
        total: 4,
      });
    });
  });

  describe('API3 broken object property-level authorisation', () => {
    it('returns only the documented fields of a case, alone and in a page (no outbox, sourceEventId, version, _id)', async () => {
      const dispatcher = await as({ roles: ['dispatcher'] });
      const one = await dispatcher.get<Record<string, unknown>>(`/cases/${cases.urban.id}`);
      expect(Object.keys(one.body).sort()).toEqual(CASE_FIELDS);
      const page = await dispatcher.get<CasePage>('/cases');
      expect(Object.keys(page.body).sort()).toEqual(PAGE_FIELDS);
      for (const item of page.body.items) expect(Object.keys(item).sort()).toEqual(CASE_FIELDS);
    });

    it('answers errors in the shared shape without stack traces or internals', async () => {
      const res = await (await as({ roles: ['dispatcher'] })).get<ErrorBody>(`/cases/${randomUUID()}`);
      expect(Object.keys(res.body).sort()).toEqual(ERROR_FIELDS);
      expect(JSON.stringify(res.body)).not.toMatch(/stack|mongo|at \w+ \(|node_modules/i);
    });
  });

  describe('API4 unrestricted resource consumption', () => {
    it.each(['pageSize=101', 'pageSize=0', 'page=0', 'pageSize=-1', 'page=1e9x'])(
      'refuses ?%s on the case list with 400',
      async (query) => {
        const res = await (await as({ roles: ['dispatcher'] })).get<ErrorBody>(`/cases?${query}`);
        expect(res.status).toBe(400);
        expect(res.body.code).toBe('VALIDATION_FAILED');
      },
    );

    it('bounds a page by default', async () => {
      expect((await (await as({ roles: ['dispatcher'] })).get<CasePage>('/cases')).body.pageSize).toBe(20);
    });

    it('refuses ?pageSize=201 on the audit trail with 400', async () => {
      const res = await (await as({ roles: ['auditor'] })).get<ErrorBody>('/audit-events?pageSize=201');
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
    });

    // The service takes no request bodies: with no state-changing route there is nothing for
    // BODY_LIMIT_BYTES to guard. If a route is added here, add its 413 test too.
    it.each(['post', 'put', 'patch', 'delete'] as const)('has no %s route on cases', async (method) => {
      const dispatcher = await as({ roles: ['dispatcher'] });
      for (const path of ['/cases', `/cases/${cases.labour1.id}`]) {
        expect((await dispatcher[method](path, { status: 'closed' })).status).toBe(404);
      }
    });
  });

  describe('API8 injection and security misconfiguration', () => {
    it.each([
      'petitionId[$ne]=x',
      'workUnit[$gt]=',
      'status[$where]=1',
      'workUnit=LABOUR&workUnit=URBAN_ENV',
      'petitionId=%7B%22%24ne%22%3Anull%7D',
      'workUnit[$in][]=LABOUR&workUnit[$in][]=URBAN_ENV',
    ])('answers ?%s with 400 and no cases', async (query) => {
      for (const user of [
        { roles: ['dispatcher'] as Role[] },
        { roles: ['unit_handler'] as Role[], units: ['LABOUR'] as WorkUnit[] },
      ]) {
        const res = await (await as(user)).get<ErrorBody & Partial<CasePage>>(`/cases?${query}`);
        expect(res.status).toBe(400);
        expect(res.body.code).toBe('VALIDATION_FAILED');
        expect(res.body.items).toBeUndefined();
      }
    });

    it('answers an operator object in the case id with 400', async () => {
      const res = await (
        await as({ roles: ['dispatcher'] })
      ).get<ErrorBody>(`/cases/${encodeURIComponent('{"$ne":null}')}`);
      expect(res.status).toBe(400);
      expect(res.body.details?.map((d) => d.field)).toEqual(['id']);
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

    it('replaces a correlation id that is not a plain token instead of echoing it', async () => {
      const res = await (
        await as({ roles: ['dispatcher'] })
      ).get('/cases', undefined, { 'x-correlation-id': '<script>alert(1)</script>' });
      expect(res.headers['x-correlation-id']).toMatch(/^[0-9a-f-]{36}$/);
    });

    it('sends security headers on answers and errors, and no x-powered-by', async () => {
      const dispatcher = await as({ roles: ['dispatcher'] });
      for (const res of [
        await dispatcher.get('/cases'),
        await handling.anonymous.get('/cases'),
        await dispatcher.get(`/cases/${randomUUID()}`),
      ]) {
        expect(res.headers['x-content-type-options']).toBe('nosniff');
        expect(res.headers['content-security-policy']).toMatch(/frame-ancestors 'none'/);
        expect(res.headers['strict-transport-security']).toMatch(/max-age=\d{7,}/);
        expect(res.headers['x-powered-by']).toBeUndefined();
        expect(res.headers['content-type']).toMatch(/^application\/json/);
      }
    });

    it('keeps CORS closed: no allow-origin for another origin, and no preflight granted', async () => {
      const dispatcher = await as({ roles: ['dispatcher'] });
      const simple = await dispatcher.get('/cases', undefined, { origin: 'https://evil.example' });
      expect(simple.status).toBe(200);
      expect(simple.headers['access-control-allow-origin']).toBeUndefined();
      expect(simple.headers['access-control-allow-credentials']).toBeUndefined();

      const preflight = await fetch(`${handling.service.url}/cases`, {
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
      expect(preflight.headers.get('access-control-allow-headers')).toBeNull();
    });
  });

  describe('API9 improper inventory management', () => {
    it('closes every documented route except health and readiness, and every one declares a permission', async () => {
      const doc = await handling.anonymous.get<{ paths: Record<string, Record<string, unknown>> }>(
        '/docs/json',
      );
      expect(doc.status).toBe(200);
      const routes = Object.entries(doc.body.paths).flatMap(([path, ops]) =>
        Object.keys(ops).map((method) => ({ method, path })),
      );
      expect(routes.map((r) => `${r.method} ${r.path}`).sort()).toEqual([
        'get /audit-events',
        'get /cases',
        'get /cases/{id}',
        'get /health',
        'get /ready',
      ]);
      const nobody = await as({ roles: [] });
      for (const { path } of routes.filter((r) => !['/health', '/ready'].includes(r.path))) {
        const concrete = path.replace(/\{[^}]+\}/g, randomUUID());
        expect({ path, status: (await handling.anonymous.get(concrete)).status }).toEqual({
          path,
          status: 401,
        });
        const res = await nobody.get<ErrorBody>(concrete);
        expect({ path, status: res.status, code: res.body.code }).toEqual({
          path,
          status: 403,
          code: 'AUTH.FORBIDDEN',
        });
      }
    });
  });

  describe('audit trail', () => {
    it('gives an auditor and an administrator this service’s entries, newest first, in the documented shape', async () => {
      // Given two audited acts, recorded as the audit interceptor records them (handling has no audited route yet).
      const actor = `handler-${randomUUID()}`;
      const entry = (action: string) => ({
        actor: { subject: actor, roles: ['unit_handler'] },
        action,
        objectType: 'case',
        objectId: cases.labour1.id,
        outcome: 'success' as const,
        status: 200,
        method: 'GET',
        path: `/cases/${cases.labour1.id}`,
        ip: '127.0.0.1',
        correlationId: `corr-${randomUUID()}`,
      });
      await running.app.get(AuditLog).record(entry('case.read'));
      await sleep(5);
      await running.app.get(AuditLog).record(entry('case.list'));

      for (const role of AUDIT_READERS) {
        const res = await (await as({ roles: [role] })).get<AuditPage>(`/audit-events?actor=${actor}`);
        expect(res.status).toBe(200);
        expect(Object.keys(res.body).sort()).toEqual(PAGE_FIELDS);
        expect(res.body.total).toBe(2);
        expect(res.body.items.map((e) => e['action'])).toEqual(['case.list', 'case.read']);
        for (const item of res.body.items) {
          expect(item).toMatchObject({
            service: 'handling',
            actor: { subject: actor },
            objectId: cases.labour1.id,
          });
          expect(Object.keys(item).sort()).toEqual(AUDIT_FIELDS);
        }
      }
      const nobody = await (
        await as({ roles: ['auditor'] })
      ).get<AuditPage>('/audit-events?actor=nobody-at-all');
      expect(nobody.body).toMatchObject({ items: [], total: 0 });
    });

    it('refuses the audit trail to a dispatcher', async () => {
      const res = await (await as({ roles: ['dispatcher'] })).get<ErrorBody>('/audit-events');
      expect({ status: res.status, code: res.body.code }).toEqual({ status: 403, code: 'AUTH.FORBIDDEN' });
    });
  });

  describe('logs', () => {
    it('never write a bearer token (whole or its signature) that was sent', () => {
      expect(sentTokens.length).toBeGreaterThan(50);
      const signatures = sentTokens.map((t) => t.split('.')[2] ?? '').filter((s) => s.length >= 16);
      expect(findPersonalData(handling.logs, [...sentTokens, ...signatures])).toEqual([]);
    });
  });
});
