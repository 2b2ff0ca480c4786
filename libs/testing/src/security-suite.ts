import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { SignJWT } from 'jose';
import {
  ROLE_PERMISSIONS,
  ROLES,
  SCOPED_ROLES,
  type MintOptions,
  type Permission,
  type Role,
} from '@pdmc/auth';
import { createTestAuth, type TestAuth, type TestUser } from './auth';
import { http, type HttpClient, type HttpResponse } from './http';
import type { InProcessService } from './in-process-service';
import { findPersonalData } from './log-scan';
import { openApiGaps, type OpenApiDocument } from './openapi-gaps';
import { sleep } from './wait-for';

/*
 * The generic half of every service's OWASP API Security Top 10 (2023) walk: what must hold for
 * any service started on the platform, whatever its routes. Each service's `security.int-spec.ts`
 * declares its routes to it and keeps only its own checks (object-level scoping, field lists,
 * route-specific injection, caps).
 */

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** The shared error shape (libs/platform `ApiErrorBody`). */
export interface ApiErrorBody {
  statusCode: number;
  error: string;
  code: string;
  message: string;
  correlationId: string;
  path: string;
  details?: Array<{ field: string; rule: string }>;
}

/** A route open without a token (besides `/health` and `/ready`, which every service has). */
export interface PublicRoute {
  method: HttpMethod;
  /** As the OpenAPI document writes it (`/cases/{id}`); placeholders come from `params`, else a fresh UUID. */
  path: string;
  /** The request body; a function is called for every request (fresh data each time). */
  body?: unknown;
}

/** A route that requires a bearer token. */
export interface ProtectedRoute extends PublicRoute {
  /** The route's `@RequirePermission`: any one of them lets a caller in. */
  permission: Permission | readonly Permission[];
}

export interface ApiSecurityOptions {
  /** The service's name, as `/health` and its audit entries give it. */
  service: string;
  /** The running service; called in tests, after the file's `beforeAll` started it. */
  running: () => InProcessService;
  /** Every protected route of the service but `GET /audit-events`, which the suite adds itself. */
  routes: readonly ProtectedRoute[];
  publicRoutes?: readonly PublicRoute[];
  /** Values for path placeholders, e.g. `() => ({ id: known.id })`; read after the start. */
  params?: () => Record<string, string>;
  /** A route that takes a body, and the service's `BODY_LIMIT_BYTES`: 413 above, read at the limit. */
  bodyLimit?: { method: HttpMethod; path: string; bytes: number };
  /**
   * Makes the service write one audit entry with `actor` as subject: an audited request, or
   * {@link recordedRead} where no route is audited yet. The suite reads it back as auditor and administrator.
   */
  auditedAct: (actor: string) => Promise<{ action: string; objectId?: string }>;
}

/** What `AuditLog.record` (libs/platform) takes; restated, as this library cannot import the platform. */
export interface AuditEntryInput {
  actor: { subject: string; roles: string[] };
  action: string;
  objectType: string;
  objectId?: string;
  outcome: 'success' | 'failure';
  status: number;
  method: string;
  path: string;
  ip: string;
  correlationId: string;
}

/**
 * An `auditedAct` for a service with no audited route yet: records a successful GET as the audit
 * interceptor would, e.g. `recordedRead((entry) => running.app.get(AuditLog).record(entry), () => ({ … }))`.
 */
export function recordedRead(
  record: (entry: AuditEntryInput) => Promise<unknown>,
  act: () => { action: string; objectType: string; objectId: string; path: string; roles: string[] },
): ApiSecurityOptions['auditedAct'] {
  return async (actor) => {
    const { roles, ...what } = act();
    await record({
      actor: { subject: actor, roles },
      ...what,
      outcome: 'success',
      status: 200,
      method: 'GET',
      ip: '127.0.0.1',
      correlationId: `corr-${randomUUID()}`,
    });
    return { action: what.action, objectId: what.objectId };
  };
}

const AUDIT_ROUTE: ProtectedRoute = { method: 'get', path: '/audit-events', permission: 'audit.read' };
/** The dead-letter desk every service has through libs/platform (issue 9). */
const DEAD_LETTER_ROUTES: readonly ProtectedRoute[] = [
  { method: 'get', path: '/admin/dead-letters', permission: 'dead_letter.read' },
  { method: 'get', path: '/admin/dead-letters/{seq}', permission: 'dead_letter.read' },
  { method: 'post', path: '/admin/dead-letters/{seq}/replay', permission: 'dead_letter.manage' },
  { method: 'delete', path: '/admin/dead-letters/{seq}', permission: 'dead_letter.manage' },
];
/** Spelled out rather than derived, so that a wider role table fails here. */
const AUDIT_READERS: readonly Role[] = ['auditor', 'administrator'];
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
const BARE_CHALLENGE = /^Bearer realm="pdmc"$/;
const INVALID_TOKEN = /^Bearer realm="pdmc", error="invalid_token"$/;
const METHODS: readonly HttpMethod[] = ['get', 'post', 'put', 'patch', 'delete'];
/** Holds every role: whatever refuses it refuses for another reason than permissions. */
const EVERYONE: TestUser = { sub: 'security-everyone', roles: [...ROLES] };
const INTERNALS = /stack|mongo|at \w+ \(|node_modules/i;
const JSON_TYPE = /^application\/json/;
const ID_INJECTIONS = [
  '{"$ne":null}',
  '{"$gt":""}',
  '..%2F..%2Faudit-events',
  "5b0e0d3a-1c1e-4b8e-9d44-2f1a8f7f0b11'||'1'=='1",
];

/** An id nothing has: a fresh UUID, or a sequence no stream reaches for `{seq}` (dead letters). */
const unknownId = (name: string): string =>
  name === 'seq' ? String(9_000_000_000 + Math.floor(Math.random() * 1_000_000)) : randomUUID();
const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const placeholders = (path: string) => [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
const permissionsOf = (route: ProtectedRoute): readonly Permission[] =>
  typeof route.permission === 'string' ? [route.permission] : route.permission;
const label = (route: { method: HttpMethod; path: string }) => `${route.method.toUpperCase()} ${route.path}`;
const bodyOf = (route: PublicRoute) =>
  typeof route.body === 'function' ? (route.body as () => unknown)() : route.body;
const isForbidden = (res: HttpResponse<ApiErrorBody>) => res.status === 403 && res.body.code === 'AUTH.FORBIDDEN';
const passesGuard = (status: number) => status !== 401 && status !== 403 && status < 500;

/**
 * Runs `check` on every item at once and returns the problems it names (`undefined` for none),
 * so that one `it` covers many requests and its failure lists each route, role or query.
 */
async function problems<T>(items: readonly T[], check: (item: T) => Promise<string | undefined>): Promise<string[]> {
  return (await Promise.all(items.map(check))).filter((problem): problem is string => problem !== undefined);
}

/**
 * Declares `<service> API security (shared OWASP checks)`: authentication (API2), function-level
 * authorisation for every route and every role of `ROLE_PERMISSIONS` (API5), error shape (API3),
 * page and body limits (API4), injection in ids and queries, headers and CORS (API8), inventory
 * against `/docs/json` (API9), the audit trail, and no token in the logs.
 *
 * Call it inside the file's top-level `describe`, after the service-specific tests: its last
 * check scans the logs the whole file produced.
 */
export function describeApiSecurity(options: ApiSecurityOptions): void {
  const routes: readonly ProtectedRoute[] = [...options.routes, AUDIT_ROUTE, ...DEAD_LETTER_ROUTES];
  const publicRoutes: readonly PublicRoute[] = [
    { method: 'get', path: '/health' },
    { method: 'get', path: '/ready' },
    { method: 'get', path: '/metrics' },
    ...(options.publicRoutes ?? []),
  ];
  const allRoutes: readonly PublicRoute[] = [...routes, ...publicRoutes];
  const getRoutes = routes.filter((r) => r.method === 'get');
  const paramRoutes = routes.filter((r) => placeholders(r.path).length > 0);

  describe(`${options.service} API security (shared OWASP checks)`, () => {
    let foreignIssuer: TestAuth;
    /** Every bearer token this suite sent, to prove none reaches the logs. */
    const sentTokens: string[] = [];

    const svc = () => options.running();
    const sent = (token: string) => {
      sentTokens.push(token);
      return token;
    };
    const as = async (user: TestUser): Promise<HttpClient> =>
      http(svc().service.url, { authorization: `Bearer ${sent(await svc().auth.token(user))}` });
    const mint = async (over: Partial<MintOptions> = {}) =>
      sent(await svc().auth.issuer.mint({ sub: 'security-test', roles: EVERYONE.roles, ...over }));
    /** The concrete path: placeholders from `overrides`, then `params`, else a fresh UUID. */
    const concrete = (path: string, overrides: Record<string, string> = {}) => {
      const values = { ...options.params?.(), ...overrides };
      return path.replace(/\{([^}]+)\}/g, (_all, name: string) => values[name] ?? unknownId(name));
    };
    const unknownIds = (path: string) => Object.fromEntries(placeholders(path).map((name) => [name, unknownId(name)]));
    const hasRealParams = (path: string) =>
      placeholders(path).every((name) => options.params?.()[name] !== undefined);
    const call = (
      client: HttpClient,
      route: PublicRoute,
      headers?: Record<string, string>,
      path = concrete(route.path),
    ) => client[route.method]<ApiErrorBody>(path, bodyOf(route), headers);

    beforeAll(async () => {
      foreignIssuer = await createTestAuth();
    });

    afterAll(() => foreignIssuer?.cleanup());

    describe('API2 broken authentication', () => {
      const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
      const forged = async () => {
        const [header, payload, signature] = (await mint({ roles: ['responder_unit'] })).split('.');
        const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
        return `${header}.${base64url({ ...claims, roles: EVERYONE.roles })}.${signature}`;
      };
      const unsigned = () => {
        const now = Math.floor(Date.now() / 1000);
        const { AUTH_ISSUER: iss, AUTH_AUDIENCE: aud } = svc().auth.env;
        const claims = { sub: 'x', roles: EVERYONE.roles, iss, aud, iat: now, exp: now + 600 };
        return `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url(claims)}.`;
      };
      const hmacWithPublicKey = async () => {
        const { AUTH_ISSUER, AUTH_AUDIENCE, AUTH_JWKS_URL } = svc().auth.env;
        const publicKeys = readFileSync(fileURLToPath(AUTH_JWKS_URL), 'utf8');
        return new SignJWT({ roles: EVERYONE.roles })
          .setProtectedHeader({ alg: 'HS256', kid: svc().auth.issuer.kid })
          .setSubject('x')
          .setIssuer(AUTH_ISSUER)
          .setAudience(AUTH_AUDIENCE)
          .setIssuedAt()
          .setExpirationTime('10m')
          .sign(new TextEncoder().encode(publicKeys));
      };

      interface Attempt {
        name: string;
        headers: () => Promise<Record<string, string>>;
        challenge: RegExp;
        /** A query string for the path. */
        query?: () => Promise<string>;
      }
      const invalid = (name: string, headers: Attempt['headers']): Attempt => ({
        name,
        headers,
        challenge: INVALID_TOKEN,
      });
      const basic = `Basic ${Buffer.from('admin:secret').toString('base64')}`;
      const attempts: Attempt[] = [
        { name: 'no token', headers: async () => ({}), challenge: BARE_CHALLENGE },
        invalid('a garbage bearer token', async () => bearer('not-a-jwt')),
        invalid('another scheme (Basic)', async () => ({ authorization: basic })),
        invalid('a bearer header without a token', async () => ({ authorization: 'Bearer ' })),
        invalid('an expired token', async () => bearer(await mint({ expiresInSec: -60 }))),
        invalid('a token not valid yet (nbf in 5 minutes)', async () => bearer(await mint({ notBeforeSec: 300 }))),
        invalid('a token for another audience', async () => bearer(await mint({ audience: 'another-service' }))),
        invalid('a token naming another issuer', async () => bearer(await mint({ issuer: 'https://evil.example' }))),
        invalid('a token signed by another issuer’s key (same iss and aud)', async () =>
          bearer(sent(await foreignIssuer.token(EVERYONE))),
        ),
        invalid('a valid token whose claims were edited to add roles', async () => bearer(await forged())),
        invalid('an unsigned token (alg none)', async () => bearer(sent(unsigned()))),
        invalid('a token HMAC-signed with the published public key (algorithm confusion)', async () =>
          bearer(sent(await hmacWithPublicKey())),
        ),
        {
          name: 'a valid token in the query string instead of the header',
          headers: async () => ({}),
          challenge: BARE_CHALLENGE,
          query: async () => `access_token=${await mint()}`,
        },
      ];

      it.each(attempts)(
        'given $name, then every protected route answers 401 AUTH.UNAUTHENTICATED',
        async ({ headers, challenge, query }) => {
          const found = await problems(routes, async (route) => {
            const path = concrete(route.path) + (query ? `?${await query()}` : '');
            const res = await call(svc().anonymous, route, await headers(), path);
            const seen = { status: res.status, code: res.body.code, challenge: res.headers['www-authenticate'] };
            const ok =
              seen.status === 401 && seen.code === 'AUTH.UNAUTHENTICATED' && challenge.test(seen.challenge ?? '');
            return ok ? undefined : `${label(route)}: ${JSON.stringify(seen)}`;
          });
          expect(found).toEqual([]);
        },
      );

      it('says an expired token expired', async () => {
        const res = await call(svc().anonymous, routes[0], bearer(await mint({ expiresInSec: -60 })));
        expect(res.body.message).toMatch(/expired/);
      });

      it('keeps health and readiness public', async () => {
        expect(await svc().anonymous.get('/health')).toMatchObject({
          status: 200,
          body: { status: 'ok', service: options.service },
        });
        expect(await svc().anonymous.get('/ready')).toMatchObject({ status: 200, body: { status: 'ready' } });
      });

      // The guard skips public routes before it reads the header: a stale or foreign token must not lock anyone out.
      it('answers every public route without a token, and the same with a bad one', async () => {
        const found = await problems(publicRoutes, async (route) => {
          const without = (await call(svc().anonymous, route)).status;
          const withBad = (await call(svc().anonymous, route, bearer('not-a-jwt'))).status;
          return passesGuard(without) && withBad === without
            ? undefined
            : `${label(route)}: ${without} without a token, ${withBad} with a bad one`;
        });
        expect(found).toEqual([]);
      });
    });

    describe('API5 broken function-level authorisation', () => {
      it.each(ROLES)('gives %s exactly the routes its permissions in ROLE_PERMISSIONS open', async (role) => {
        const client = await as({ sub: `security-${role}`, roles: [role], units: ['LABOUR'], bodies: ['area:HX'] });
        const found = await problems(routes, async (route) => {
          const res = await call(client, route);
          const seen = `${res.status} ${res.body.code ?? ''}`.trim();
          const needed = permissionsOf(route);
          if (!needed.some((permission) => ROLE_PERMISSIONS[role].includes(permission))) {
            return isForbidden(res)
              ? undefined
              : `${label(route)}: lacks ${needed.join('|')}, expected 403 AUTH.FORBIDDEN, got ${seen}`;
          }
          // A centre-wide role reads any existing object; a scoped one may be answered 404 by its
          // scope, and a state change may be refused for the object's state (409, say).
          if (route.method === 'get' && SCOPED_ROLES[role] === 'centre' && hasRealParams(route.path)) {
            return res.status >= 200 && res.status < 300 ? undefined : `${label(route)}: expected 2xx, got ${seen}`;
          }
          return passesGuard(res.status) ? undefined : `${label(route)}: expected to pass the guard, got ${seen}`;
        });
        expect(found).toEqual([]);
      });

      it('grants nothing to a token with no roles or only roles the service does not know', async () => {
        const unknown = [[], ['superuser'], [ROLES[0].toUpperCase()], ['admin', 'root']] as unknown as Role[][];
        const clients = await Promise.all(unknown.map(async (roles) => ({ roles, client: await as({ roles }) })));
        const found = await problems(
          clients.flatMap(({ roles, client }) => routes.map((route) => ({ roles, client, route }))),
          async ({ roles, client, route }) => {
            const res = await call(client, route);
            return isForbidden(res)
              ? undefined
              : `${JSON.stringify(roles)} ${label(route)}: ${res.status} ${res.body.code}`;
          },
        );
        expect(found).toEqual([]);
      });

      it('opens the audit trail to the auditor and the administrator only', async () => {
        const admitted = await problems(ROLES, async (role) =>
          (await (await as({ roles: [role] })).get('/audit-events')).status === 200 ? role : undefined,
        );
        expect(admitted).toEqual(AUDIT_READERS);
      });
    });

    describe('API3 broken object property-level authorisation', () => {
      it('answers errors as JSON in the shared shape, without stack traces or internals', async () => {
        const everyone = await as(EVERYONE);
        const answers: Array<[string, HttpResponse<ApiErrorBody>]> = [
          ['401', await call(svc().anonymous, routes[0])],
          ['403', await call(await as({ roles: [] }), routes[0])],
          ['404 unknown route', await everyone.get<ApiErrorBody>(`/no-such-route-${randomUUID()}`)],
        ];
        for (const route of paramRoutes.filter((r) => r.method === 'get')) {
          answers.push([`404 ${label(route)}`, await everyone.get(concrete(route.path, unknownIds(route.path)))]);
        }
        for (const [name, res] of answers) {
          expect({
            name,
            status: res.status,
            fields: Object.keys(res.body).sort(),
            json: JSON_TYPE.test(res.headers['content-type'] ?? ''),
            internals: INTERNALS.test(JSON.stringify(res.body)),
          }).toEqual({ name, status: Number(name.slice(0, 3)), fields: ERROR_FIELDS, json: true, internals: false });
        }
      });
    });

    describe('API4 unrestricted resource consumption', () => {
      it('refuses ?pageSize=201 on the audit trail with 400', async () => {
        const res = await (await as({ roles: ['auditor'] })).get<ApiErrorBody>('/audit-events?pageSize=201');
        expect({ status: res.status, code: res.body.code }).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
      });

      it('answers every method a declared path does not declare with 404', async () => {
        const everyone = await as(EVERYONE);
        const undeclared = [...new Set(allRoutes.map((r) => r.path))].flatMap((path) =>
          METHODS.filter((method) => !allRoutes.some((r) => r.path === path && r.method === method)).map(
            (method) => ({ method, path }),
          ),
        );
        const found = await problems(undeclared, async (route) => {
          const status = (await call(everyone, { ...route, body: route.method === 'get' ? undefined : {} })).status;
          return status === 404 ? undefined : `${label(route)}: ${status}`;
        });
        expect(found).toEqual([]);
      });

      const limit = options.bodyLimit;
      if (limit) {
        /** `{"padding":"xxx…"}` of exactly `bytes` bytes. */
        const bodyOfSize = (bytes: number) => `{"padding":"${'x'.repeat(bytes - '{"padding":""}'.length)}"}`;

        it(`refuses a body over ${limit.bytes} bytes on ${label(limit)} with 413, and reads one of that size`, async () => {
          const everyone = await as(EVERYONE);
          const send = async (bytes: number) => {
            const json = { 'content-type': 'application/json' };
            const res = await call(everyone, { ...limit, body: bodyOfSize(bytes) }, json);
            return { status: res.status, code: res.body.code };
          };
          expect(await send(limit.bytes + 1)).toEqual({ status: 413, code: 'PAYLOAD_TOO_LARGE' });
          // Read, then refused for its content (an unknown field), not for its size.
          expect(await send(limit.bytes)).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
        });
      }
    });

    describe('API8 injection and security misconfiguration', () => {
      if (paramRoutes.length > 0) {
        it.each(ID_INJECTIONS)('answers the id %s in every path parameter with 400 naming the parameter', async (id) => {
          const everyone = await as(EVERYONE);
          const targets = paramRoutes.flatMap((route) => placeholders(route.path).map((name) => ({ route, name })));
          const found = await problems(targets, async ({ route, name }) => {
            const path = concrete(route.path, { [name]: encodeURIComponent(id) });
            const res = await call(everyone, route, undefined, path);
            const fields = JSON.stringify(res.body.details?.map((d) => d.field));
            return res.status === 400 && fields === JSON.stringify([name])
              ? undefined
              : `${label(route)} {${name}}: ${res.status} ${fields}`;
          });
          expect(found).toEqual([]);
        });
      }

      it('refuses (400) or ignores (the same answer) operator payloads in the query of every GET route', async () => {
        const everyone = await as(EVERYONE);
        const targets = getRoutes.flatMap((route) => {
          const field = placeholders(route.path)[0] ?? 'id';
          return [`${field}[$ne]=x`, 'status[$where]=1', 'workUnit[$gt]=', `${field}=a&${field}=b`, '$where=1'].map(
            (query) => ({ route, query }),
          );
        });
        const plain = new Map(
          await Promise.all(
            getRoutes.map(async (route) => [route, await everyone.get(concrete(route.path))] as const),
          ),
        );
        const found = await problems(targets, async ({ route, query }) => {
          const res = await everyone.get(`${concrete(route.path)}?${query}`);
          const before = plain.get(route);
          const same = res.status === before?.status && JSON.stringify(res.body) === JSON.stringify(before.body);
          return res.status === 400 || same
            ? undefined
            : `${label(route)}?${query}: ${res.status} (plain ${before?.status})`;
        });
        expect(found).toEqual([]);
      });

      it('answers operator payloads on the audit trail with 400', async () => {
        const auditor = await as({ roles: ['auditor'] });
        const queries = ['actor[$ne]=nobody', 'action[$regex]=.*', 'actor=a&actor=b', 'objectId[$gt]=', 'from[$gt]='];
        const found = await problems(queries, async (query) => {
          const { status } = await auditor.get(`/audit-events?${query}`);
          return status === 400 ? undefined : `?${query}: ${status}`;
        });
        expect(found).toEqual([]);
      });

      it('replaces a correlation id that is not a plain token instead of echoing it', async () => {
        const hostile = { 'x-correlation-id': '<script>alert(1)</script>' };
        const res = await svc().anonymous.get('/health', undefined, hostile);
        expect(res.headers['x-correlation-id']).toMatch(/^[0-9a-f-]{36}$/);
      });

      it('sends security headers on answers and errors, and no x-powered-by', async () => {
        const everyone = await as(EVERYONE);
        const answers: Array<[string, HttpResponse]> = [
          ['health', await svc().anonymous.get('/health')],
          ['401', await call(svc().anonymous, routes[0])],
          ['403', await call(await as({ roles: [] }), routes[0])],
          ['404', await everyone.get(`/no-such-route-${randomUUID()}`)],
        ];
        for (const route of getRoutes) answers.push([label(route), await everyone.get(concrete(route.path))]);
        for (const [name, res] of answers) {
          expect({
            name,
            nosniff: res.headers['x-content-type-options'],
            frameAncestors: /frame-ancestors 'none'/.test(res.headers['content-security-policy'] ?? ''),
            hsts: /max-age=\d{7,}/.test(res.headers['strict-transport-security'] ?? ''),
            poweredBy: res.headers['x-powered-by'],
          }).toEqual({ name, nosniff: 'nosniff', frameAncestors: true, hsts: true, poweredBy: undefined });
        }
      });

      it('keeps CORS closed: no allow-origin for another origin, and no preflight granted on any route', async () => {
        const everyone = await as(EVERYONE);
        const origin = 'https://evil.example';
        const simple = await problems(getRoutes, async (route) => {
          const { headers } = await everyone.get(concrete(route.path), undefined, { origin });
          const granted = headers['access-control-allow-origin'] ?? headers['access-control-allow-credentials'];
          return granted === undefined ? undefined : `${label(route)}: ${granted}`;
        });
        const preflight = await problems(allRoutes, async (route) => {
          const res = await fetch(`${svc().service.url}${concrete(route.path)}`, {
            method: 'OPTIONS',
            headers: {
              origin,
              'access-control-request-method': route.method.toUpperCase(),
              'access-control-request-headers': 'authorization, content-type',
            },
          });
          const granted = ['origin', 'methods', 'headers'].filter((h) =>
            res.headers.has(`access-control-allow-${h}`),
          );
          return res.status >= 400 && granted.length === 0
            ? undefined
            : `OPTIONS for ${label(route)}: ${res.status}, allows ${granted.join(', ')}`;
        });
        expect([...simple, ...preflight]).toEqual([]);
      });
    });

    describe('API9 improper inventory management', () => {
      it('documents exactly the declared routes, so that a route added without its security test fails', async () => {
        const doc = await svc().anonymous.get<{ paths: Record<string, Record<string, unknown>> }>('/docs/json');
        expect(doc.status).toBe(200);
        const documented = Object.entries(doc.body.paths).flatMap(([path, ops]) =>
          Object.keys(ops).map((method) => `${method} ${path}`),
        );
        expect(documented.sort()).toEqual(allRoutes.map((r) => `${r.method} ${r.path}`).sort());
      });

      it('describes every success answer and gives every request field an example', async () => {
        const doc = await svc().anonymous.get<OpenApiDocument>('/docs/json');
        expect(openApiGaps(doc.body)).toEqual({ undescribed: [], withoutExample: [] });
      });
    });

    describe('audit trail', () => {
      it('gives an auditor and an administrator this service’s entries, newest first, in the documented shape', async () => {
        const actor = `security-audit-${randomUUID()}`;
        const first = await options.auditedAct(actor);
        await sleep(5);
        const second = await options.auditedAct(actor);
        for (const role of AUDIT_READERS) {
          const res = await (
            await as({ roles: [role] })
          ).get<{ items: Array<Record<string, unknown>>; total: number }>(`/audit-events?actor=${actor}`);
          expect({ role, status: res.status, fields: Object.keys(res.body).sort(), total: res.body.total }).toEqual({
            role,
            status: 200,
            fields: PAGE_FIELDS,
            total: 2,
          });
          const [newest, oldest] = res.body.items;
          expect(Date.parse(String(newest['at']))).toBeGreaterThan(Date.parse(String(oldest['at'])));
          for (const [item, act] of [
            [newest, second],
            [oldest, first],
          ] as const) {
            expect(item).toMatchObject({ service: options.service, actor: { subject: actor }, ...act });
            expect(Object.keys(item).sort()).toEqual(AUDIT_FIELDS);
          }
        }
        const none = await (await as({ roles: ['auditor'] })).get('/audit-events?actor=nobody-at-all');
        expect(none.body).toMatchObject({ items: [], total: 0 });
      });
    });

    describe('logs', () => {
      it('never hold a bearer token: whole, or the signature of one this suite sent', () => {
        expect(sentTokens.length).toBeGreaterThan(ROLES.length);
        const signatures = sentTokens.map((t) => t.split('.')[2] ?? '').filter((s) => s.length >= 16);
        expect(findPersonalData(svc().logs, [...sentTokens, ...signatures])).toEqual([]);
        // Nor any token the file's own tests sent: nothing shaped like a JWT.
        expect(svc().logs.filter((line) => /eyJ[\w-]{8,}\.eyJ[\w-]{8,}\./.test(line))).toEqual([]);
      });
    });
  });
}
