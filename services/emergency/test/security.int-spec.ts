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
import { startEmergency } from '../src/app';
import { EmergencyConfig } from '../src/config/emergency.config';

/*
 * OWASP API Security Top 10 (2023), the items that apply to emergency's read-only HTTP API:
 * API2 authentication, API5 function-level authorisation, API3 property-level exposure, API4
 * resource consumption, API8 misconfiguration and injection, API9 inventory; plus the audit
 * trail and tokens kept out of the logs. API1 does not apply yet: every role that may read
 * watch items is centre-wide.
 */

interface WatchItemView {
  petitionId: string;
  caseNumber: string;
  townCode: string;
  headcount: number;
  reasons: string[];
  riskLevel: string;
  receivedAt: string;
  createdAt: string;
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

const WATCH_ITEM_FIELDS = [
  'caseNumber',
  'createdAt',
  'headcount',
  'petitionId',
  'reasons',
  'receivedAt',
  'riskLevel',
  'townCode',
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
/** The documented cap of the watch list. */
const WATCH_LIST_LIMIT = 100;

/** Who holds `watch_item.read` (roles.ts); every other role must be refused. */
const WATCH_ITEM_READERS: readonly Role[] = [
  'supervision_commissioner',
  'centre_director',
  'emergency_duty_officer',
  'auditor',
];
const AUDIT_READERS: readonly Role[] = ['auditor', 'administrator'];

/** Given a petition threatening extreme action, as intake would publish it. */
function threatening() {
  const payload: PetitionRegisteredV1 = {
    petitionId: randomUUID(),
    caseNumber: '220106-2026-000902',
    channel: 'visit',
    itemClass: 'appeal',
    category: { id: 515, level1: '劳动和社会保障', level2: '退休政策及待遇', level3: '退休金发放' },
    townCode: 'HX',
    headcount: 1,
    flags: {
      collective: false,
      repeat: false,
      escalated: false,
      abnormal: false,
      threatOfExtremeAction: true,
    },
    receivedAt: new Date(Date.now() - 60_000).toISOString(),
  };
  return createEnvelope(PETITION_REGISTERED_V1, payload, { correlationId: `corr-${payload.petitionId}` });
}

const eventIdOf = (logLine: string) => /"eventId":"([^"]+)"/.exec(logLine)?.[1] ?? '';
const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('emergency security: OWASP API Security Top 10 (2023) against the real server', () => {
  let emergency: InProcessService;
  /** The Nest application behind `emergency`, to record an audit entry as the interceptor would. */
  let running: RunningService;
  let foreignIssuer: TestAuth;
  /** Every bearer token this file sent, to prove none of them reaches the logs. */
  const sentTokens: string[] = [];
  /** A watch item the tests only read. */
  let item: WatchItemView;

  const withToken = (token: string): HttpClient => {
    sentTokens.push(token);
    return http(emergency.service.url, { authorization: `Bearer ${token}` });
  };
  const as = async (user: TestUser): Promise<HttpClient> => withToken(await emergency.auth.token(user));
  const mint = (over: Partial<Parameters<TestAuth['issuer']['mint']>[0]> = {}) =>
    emergency.auth.issuer.mint({ sub: 'security-test', roles: ['emergency_duty_officer'], ...over });
  const publish = (event: ReturnType<typeof threatening>) =>
    publishEnvelope(emergency.ns.natsUrl, emergency.ns.busPrefix, event);

  beforeAll(async () => {
    emergency = await startInProcess({
      label: 'emergencysec',
      start: async (env, logs) => (running = await startEmergency(loadConfig(EmergencyConfig, env), logs)),
    });
    foreignIssuer = await createTestAuth();

    // Given a petition on the watch list.
    const event = threatening();
    await publish(event);
    const officer = await as({ roles: ['emergency_duty_officer'] });
    item = await waitFor(
      async () => {
        const res = await officer.get<WatchItemView>(`/watch-items/${event.payload.petitionId}`);
        return res.status === 200 ? res.body : undefined;
      },
      { description: 'the watch item' },
    );
  });

  afterAll(async () => {
    foreignIssuer?.cleanup();
    await emergency?.close();
  });

  describe('API2 broken authentication', () => {
    const INVALID_TOKEN = /^Bearer realm="pdmc", error="invalid_token"$/;
    const expectUnauthenticated = (res: HttpResponse, challenge: RegExp = INVALID_TOKEN) => {
      expect(res.status).toBe(401);
      expect((res.body as ErrorBody).code).toBe('AUTH.UNAUTHENTICATED');
      expect(res.headers['www-authenticate']).toMatch(challenge);
    };

    it('given no token, when the watch list or an item is asked for, then 401 with a bare Bearer challenge', async () => {
      expectUnauthenticated(await emergency.anonymous.get('/watch-items'), /^Bearer realm="pdmc"$/);
      expectUnauthenticated(
        await emergency.anonymous.get(`/watch-items/${item.petitionId}`),
        /^Bearer realm="pdmc"$/,
      );
    });

    it.each([
      ['a garbage bearer token', 'Bearer not-a-jwt'],
      ['another scheme (Basic)', `Basic ${Buffer.from('officer:secret').toString('base64')}`],
    ])('given %s, then 401', async (_name, authorization) => {
      expectUnauthenticated(await emergency.anonymous.get('/watch-items', undefined, { authorization }));
    });

    it('given an expired token, then 401 saying it expired', async () => {
      const res = await withToken(await mint({ expiresInSec: -60 })).get('/watch-items');
      expectUnauthenticated(res);
      expect((res.body as ErrorBody).message).toMatch(/expired/);
    });

    it.each([
      ['not valid yet (nbf in 5 minutes)', { notBeforeSec: 300 }],
      ['issued for another audience', { audience: 'another-service' }],
      ['naming another issuer', { issuer: 'https://evil.example' }],
    ])('given a token %s, then 401', async (_name, over) => {
      expectUnauthenticated(await withToken(await mint(over)).get('/watch-items'));
    });

    it('given a token signed by another issuer’s key (same iss and aud), then 401', async () => {
      const token = await foreignIssuer.token({ roles: ['emergency_duty_officer'] });
      expectUnauthenticated(await withToken(token).get('/watch-items'));
    });

    it('given a valid token whose claims were edited to add a role, then 401', async () => {
      const [header, payload, signature] = (await mint({ roles: ['finance_officer'] })).split('.');
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
      const forged = `${header}.${base64url({ ...claims, roles: ['emergency_duty_officer'] })}.${signature}`;
      expectUnauthenticated(await withToken(forged).get('/watch-items'));
    });

    it('given an unsigned token (alg none), then 401', async () => {
      const now = Math.floor(Date.now() / 1000);
      const { AUTH_ISSUER: iss, AUTH_AUDIENCE: aud } = emergency.auth.env;
      const claims = { sub: 'x', roles: ['emergency_duty_officer'], iss, aud, iat: now, exp: now + 600 };
      expectUnauthenticated(
        await withToken(`${base64url({ alg: 'none', typ: 'JWT' })}.${base64url(claims)}.`).get(
          '/watch-items',
        ),
      );
    });

    it('keeps health and readiness public', async () => {
      expect(await emergency.anonymous.get('/health')).toMatchObject({
        status: 200,
        body: { status: 'ok', service: 'emergency' },
      });
      expect(await emergency.anonymous.get('/ready')).toMatchObject({
        status: 200,
        body: { status: 'ready' },
      });
    });
  });

  describe('API5 broken function-level authorisation', () => {
    it.each(ROLES.filter((role) => !WATCH_ITEM_READERS.includes(role)))(
      'refuses the watch list and a watch item to %s with 403 AUTH.FORBIDDEN',
      async (role) => {
        const client = await as({ roles: [role], units: ['LABOUR'], bodies: ['area:HX'] });
        for (const path of ['/watch-items', `/watch-items/${item.petitionId}`]) {
          const res = await client.get<ErrorBody>(path);
          expect({ path, status: res.status, code: res.body.code }).toEqual({
            path,
            status: 403,
            code: 'AUTH.FORBIDDEN',
          });
        }
      },
    );

    it.each(WATCH_ITEM_READERS)('gives %s the watch list and a watch item (200)', async (role) => {
      const client = await as({ roles: [role] });
      const list = await client.get<WatchItemView[]>('/watch-items');
      expect(list.status).toBe(200);
      expect(list.body.map((i) => i.petitionId)).toContain(item.petitionId);
      expect(await client.get(`/watch-items/${item.petitionId}`)).toMatchObject({ status: 200, body: item });
    });

    it('grants nothing to a token with no roles or with a role the service does not know', async () => {
      for (const roles of [[], ['superuser'], ['EMERGENCY_DUTY_OFFICER']] as unknown as Role[][]) {
        const res = await (await as({ roles })).get<ErrorBody>('/watch-items');
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
    it('returns only the documented fields of a watch item, alone and in the list (no version, _id)', async () => {
      const officer = await as({ roles: ['emergency_duty_officer'] });
      const one = await officer.get<Record<string, unknown>>(`/watch-items/${item.petitionId}`);
      expect(Object.keys(one.body).sort()).toEqual(WATCH_ITEM_FIELDS);
      const list = await officer.get<Array<Record<string, unknown>>>('/watch-items');
      for (const entry of list.body) expect(Object.keys(entry).sort()).toEqual(WATCH_ITEM_FIELDS);
    });

    it('answers errors in the shared shape without stack traces or internals', async () => {
      const res = await (
        await as({ roles: ['emergency_duty_officer'] })
      ).get<ErrorBody>(`/watch-items/${randomUUID()}`);
      expect(res.status).toBe(404);
      expect(Object.keys(res.body).sort()).toEqual(ERROR_FIELDS);
      expect(JSON.stringify(res.body)).not.toMatch(/stack|mongo|at \w+ \(|node_modules/i);
    });
  });

  describe('API4 unrestricted resource consumption', () => {
    it(`caps the watch list at its ${WATCH_LIST_LIMIT} newest items however many there are`, async () => {
      const events = Array.from({ length: WATCH_LIST_LIMIT + 1 }, () => threatening());
      await Promise.all(events.map(publish));
      const ids = new Set(events.map((e) => e.id));
      await waitFor(
        () =>
          emergency.logs.filter((l) => l.includes('"msg":"event handled"') && ids.has(eventIdOf(l)))
            .length === ids.size,
        {
          description: `${ids.size} events handled`,
        },
      );
      const officer = await as({ roles: ['emergency_duty_officer'] });
      const list = await officer.get<WatchItemView[]>('/watch-items');
      expect(list.body).toHaveLength(WATCH_LIST_LIMIT);
    });

    it('refuses ?pageSize=201 on the audit trail with 400', async () => {
      const res = await (await as({ roles: ['auditor'] })).get<ErrorBody>('/audit-events?pageSize=201');
      expect({ status: res.status, code: res.body.code }).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
    });

    // Emergency takes no request bodies: with no state-changing route there is nothing for
    // BODY_LIMIT_BYTES to guard. If a route is added here, add its 413 test too.
    it.each(['post', 'put', 'patch', 'delete'] as const)('has no %s route on watch items', async (method) => {
      const officer = await as({ roles: ['emergency_duty_officer'] });
      for (const path of ['/watch-items', `/watch-items/${item.petitionId}`]) {
        expect({ path, status: (await officer[method](path, { riskLevel: 'low' })).status }).toEqual({
          path,
          status: 404,
        });
      }
    });
  });

  describe('API8 injection and security misconfiguration', () => {
    it.each(['{"$ne":null}', '{"$gt":""}', `${randomUUID()}'||'1'=='1`])(
      'answers the petition id %s with 400',
      async (id) => {
        const res = await (
          await as({ roles: ['emergency_duty_officer'] })
        ).get<ErrorBody>(`/watch-items/${encodeURIComponent(id)}`);
        expect(res.status).toBe(400);
        expect(res.body.details?.map((d) => d.field)).toEqual(['petitionId']);
      },
    );

    it('ignores operator payloads in the query of routes that take none (never more data)', async () => {
      const officer = await as({ roles: ['emergency_duty_officer'] });
      const plain = await officer.get(`/watch-items/${item.petitionId}`);
      for (const query of [
        'petitionId[$ne]=x',
        'riskLevel[$gt]=',
        'townCode[$where]=1',
        'riskLevel=high&riskLevel=elevated',
      ]) {
        expect(await officer.get(`/watch-items/${item.petitionId}?${query}`)).toMatchObject({
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
      const officer = await as({ roles: ['emergency_duty_officer'] });
      const answers = [
        await officer.get(`/watch-items/${item.petitionId}`),
        await emergency.anonymous.get('/watch-items'),
        await officer.get(`/watch-items/${randomUUID()}`),
      ];
      for (const res of answers) {
        expect(res.headers['x-content-type-options']).toBe('nosniff');
        expect(res.headers['content-security-policy']).toMatch(/frame-ancestors 'none'/);
        expect(res.headers['strict-transport-security']).toMatch(/max-age=\d{7,}/);
        expect(res.headers['x-powered-by']).toBeUndefined();
      }
    });

    it('keeps CORS closed: no allow-origin for another origin, and no preflight granted', async () => {
      const officer = await as({ roles: ['emergency_duty_officer'] });
      const simple = await officer.get(`/watch-items/${item.petitionId}`, undefined, {
        origin: 'https://evil.example',
      });
      expect(simple.status).toBe(200);
      expect(simple.headers['access-control-allow-origin']).toBeUndefined();
      const preflight = await fetch(`${emergency.service.url}/watch-items`, {
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
      const doc = await emergency.anonymous.get<{ paths: Record<string, Record<string, unknown>> }>(
        '/docs/json',
      );
      const routes = Object.entries(doc.body.paths).flatMap(([path, ops]) =>
        Object.keys(ops).map((method) => `${method} ${path}`),
      );
      expect(routes.sort()).toEqual([
        'get /audit-events',
        'get /health',
        'get /ready',
        'get /watch-items',
        'get /watch-items/{petitionId}',
      ]);
      const nobody = await as({ roles: [] });
      for (const path of ['/audit-events', '/watch-items', `/watch-items/${randomUUID()}`]) {
        expect({ path, status: (await emergency.anonymous.get(path)).status }).toEqual({ path, status: 401 });
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
      // Given an audited act, recorded as the audit interceptor records one (emergency has no audited route yet).
      const actor = `officer-${randomUUID()}`;
      await running.app.get(AuditLog).record({
        actor: { subject: actor, roles: ['emergency_duty_officer'] },
        action: 'watch_item.read',
        objectType: 'watch-item',
        objectId: item.petitionId,
        outcome: 'success',
        status: 200,
        method: 'GET',
        path: `/watch-items/${item.petitionId}`,
        ip: '127.0.0.1',
        correlationId: `corr-${randomUUID()}`,
      });
      for (const role of AUDIT_READERS) {
        const res = await (await as({ roles: [role] })).get<AuditPage>(`/audit-events?actor=${actor}`);
        expect(res.status).toBe(200);
        expect(Object.keys(res.body).sort()).toEqual(PAGE_FIELDS);
        expect(res.body.total).toBe(1);
        expect(res.body.items[0]).toMatchObject({
          service: 'emergency',
          action: 'watch_item.read',
          objectId: item.petitionId,
        });
        expect(Object.keys(res.body.items[0]).sort()).toEqual(AUDIT_FIELDS);
      }
    });

    it('refuses the audit trail to a dispatcher and to the duty officer', async () => {
      for (const role of ['dispatcher', 'emergency_duty_officer'] as const) {
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
      expect(findPersonalData(emergency.logs, [...sentTokens, ...signatures])).toEqual([]);
    });
  });
});
