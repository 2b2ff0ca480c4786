import { randomUUID } from 'node:crypto';
import type { Role } from '@pdmc/auth';
import { type WorkUnit } from '@pdmc/contracts';
import { AuditLog, loadConfig, type RunningService } from '@pdmc/platform';
import {
  aRoutedPetition,
  describeApiSecurity,
  publishEnvelope,
  recordedRead,
  startInProcess,
  waitFor,
  type ApiErrorBody,
  type HttpClient,
  type InProcessService,
} from '@pdmc/testing';
import { startHandling } from '../src/app';
import { HandlingConfig } from '../src/config/handling.config';

/*
 * OWASP API Security Top 10 (2023) for handling's read-only HTTP API: the handling-specific checks
 * (API1 unit and body scopes, API3 field lists, API4 paging, API8 the case list's filters) here;
 * authentication, function-level authorisation per role, inventory, injection in ids, headers,
 * CORS, audit trail and logs in the shared suite (libs/testing/src/security-suite.ts).
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

const CASE_FIELDS = ['caseNumber', 'dueAt', 'id', 'openedAt', 'petitionId', 'responsibleBody', 'status', 'workUnit'];
const PAGE_FIELDS = ['items', 'page', 'pageSize', 'total'];

/** Given routing's decision for a petition, as routing would publish it. */
const routed = (workUnit: WorkUnit, responsibleBody: string) =>
  aRoutedPetition({ caseNumber: '220106-2026-000900', workUnit, responsibleBody, ruleId: 'TEST.rule', reason: 'security test fixture' });

describe('handling security: OWASP API Security Top 10 (2023) against the real server', () => {
  let handling: InProcessService;
  /** The Nest application behind `handling`, to record an audit entry as the interceptor would. */
  let running: RunningService;
  /** The cases of the fixture, by name; each test reads, none writes. */
  const cases: Record<'labour1' | 'labour2' | 'urban' | 'agri', CaseView> = {} as never;

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

    // Given cases in two units and for two responsible bodies, opened from routing's events.
    const events = {
      labour1: routed('LABOUR', 'dept:labour-inspection'),
      labour2: routed('LABOUR', 'dept:labour-inspection'),
      urban: routed('URBAN_ENV', 'area:HX'),
      agri: routed('AGRI_LAND', 'area:XX'),
    };
    for (const event of Object.values(events)) {
      await publishEnvelope(handling.ns.natsUrl, handling.ns.busPrefix, event);
    }
    const dispatcher = await handling.as({ roles: ['dispatcher'] });
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
    await handling?.close();
  });

  describe('API1 broken object-level authorisation (scoped roles)', () => {
    it('shows a LABOUR unit handler only LABOUR cases, totals included', async () => {
      const handler = await handling.as({ roles: ['unit_handler'], units: ['LABOUR'] });
      expect(await listIds(handler)).toEqual({ ids: idsOf('labour1', 'labour2'), total: 2 });
      const firstPage = await handler.get<CasePage>('/cases?pageSize=1');
      expect(firstPage.body).toMatchObject({ total: 2, pageSize: 1 });
      expect(firstPage.body.items).toHaveLength(1);
    });

    it('gives a LABOUR unit handler nothing when it asks for another unit or another unit’s petition', async () => {
      const handler = await handling.as({ roles: ['unit_handler'], units: ['LABOUR'] });
      expect(await listIds(handler, '?workUnit=URBAN_ENV')).toEqual({ ids: [], total: 0 });
      expect(await listIds(handler, `?petitionId=${cases.urban.petitionId}`)).toEqual({ ids: [], total: 0 });
      expect(await listIds(handler, '?workUnit=LABOUR')).toEqual({ ids: idsOf('labour1', 'labour2'), total: 2 });
    });

    it('answers 404 (not 403) for another unit’s case, exactly as for a case that does not exist', async () => {
      const handler = await handling.as({ roles: ['unit_handler'], units: ['LABOUR'] });
      const foreign = await handler.get<ApiErrorBody>(`/cases/${cases.urban.id}`);
      const missing = await handler.get<ApiErrorBody>(`/cases/${randomUUID()}`);
      expect(foreign.status).toBe(404);
      expect(foreign.body.code).toBe('HANDLING.CASE_NOT_FOUND');
      expect({ ...foreign.body, path: '', correlationId: '' }).toEqual({ ...missing.body, path: '', correlationId: '' });
      expect(await handler.get(`/cases/${cases.labour1.id}`)).toMatchObject({ status: 200, body: cases.labour1 });
    });

    it('scopes a unit head like a unit handler', async () => {
      const head = await handling.as({ roles: ['unit_head'], units: ['URBAN_ENV'] });
      expect(await listIds(head)).toEqual({ ids: idsOf('urban'), total: 1 });
      expect((await head.get(`/cases/${cases.labour2.id}`)).status).toBe(404);
    });

    it('shows a liaison of area:HX only the cases given to that body', async () => {
      const liaison = await handling.as({ roles: ['responsible_body_liaison'], bodies: ['area:HX'] });
      expect(await listIds(liaison)).toEqual({ ids: idsOf('urban'), total: 1 });
      expect(await listIds(liaison, '?workUnit=LABOUR')).toEqual({ ids: [], total: 0 });
      expect(await liaison.get(`/cases/${cases.urban.id}`)).toMatchObject({ status: 200, body: cases.urban });
      expect(await liaison.get(`/cases/${cases.agri.id}`)).toMatchObject({
        status: 404,
        body: { code: 'HANDLING.CASE_NOT_FOUND' },
      });
    });

    it('ignores claims a role does not use: a liaison’s units and a handler’s bodies widen nothing', async () => {
      const liaison = await handling.as({
        roles: ['responsible_body_liaison'],
        bodies: ['area:HX'],
        units: ['LABOUR', 'AGRI_LAND'],
      });
      expect(await listIds(liaison)).toEqual({ ids: idsOf('urban'), total: 1 });
      const handler = await handling.as({ roles: ['unit_handler'], units: ['LABOUR'], bodies: ['area:HX', 'area:XX'] });
      expect(await listIds(handler)).toEqual({ ids: idsOf('labour1', 'labour2'), total: 2 });
    });

    it('unions the scopes of a user holding two scoped roles', async () => {
      const both = await handling.as({
        roles: ['unit_handler', 'responsible_body_liaison'],
        units: ['LABOUR'],
        bodies: ['area:XX'],
      });
      expect(await listIds(both)).toEqual({ ids: idsOf('agri', 'labour1', 'labour2'), total: 3 });
    });

    it.each([
      ['a unit handler without units', { roles: ['unit_handler'] as Role[] }],
      ['a liaison without bodies', { roles: ['responsible_body_liaison'] as Role[] }],
      ['a liaison whose body is malformed (dropped)', { roles: ['responsible_body_liaison'] as Role[], bodies: ['HX'] }],
    ])('shows %s nothing', async (_name, user) => {
      const client = await handling.as(user);
      expect(await listIds(client)).toEqual({ ids: [], total: 0 });
      expect((await client.get(`/cases/${cases.urban.id}`)).status).toBe(404);
    });

    it('shows a dispatcher the cases of every unit and body', async () => {
      const dispatcher = await handling.as({ roles: ['dispatcher'] });
      expect(await listIds(dispatcher)).toEqual({ ids: idsOf('agri', 'labour1', 'labour2', 'urban'), total: 4 });
    });
  });

  describe('API3 broken object property-level authorisation', () => {
    it('returns only the documented fields of a case, alone and in a page (no outbox, sourceEventId, version, _id)', async () => {
      const dispatcher = await handling.as({ roles: ['dispatcher'] });
      const one = await dispatcher.get<object>(`/cases/${cases.urban.id}`);
      expect(Object.keys(one.body).sort()).toEqual(CASE_FIELDS);
      const page = await dispatcher.get<CasePage>('/cases');
      expect(Object.keys(page.body).sort()).toEqual(PAGE_FIELDS);
      for (const item of page.body.items) expect(Object.keys(item).sort()).toEqual(CASE_FIELDS);
    });
  });

  describe('API4 unrestricted resource consumption', () => {
    it.each(['pageSize=101', 'pageSize=0', 'page=0', 'pageSize=-1', 'page=1e9x'])(
      'refuses ?%s on the case list with 400',
      async (query) => {
        const res = await (await handling.as({ roles: ['dispatcher'] })).get<ApiErrorBody>(`/cases?${query}`);
        expect({ status: res.status, code: res.body.code }).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
      },
    );

    it('bounds a page by default', async () => {
      expect((await (await handling.as({ roles: ['dispatcher'] })).get<CasePage>('/cases')).body.pageSize).toBe(20);
    });
  });

  describe('API8 injection in the case list’s filters', () => {
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
        const res = await (await handling.as(user)).get<ApiErrorBody & Partial<CasePage>>(`/cases?${query}`);
        expect({ status: res.status, code: res.body.code, items: res.body.items }).toEqual({
          status: 400,
          code: 'VALIDATION_FAILED',
          items: undefined,
        });
      }
    });
  });

  describeApiSecurity({
    service: 'handling',
    running: () => handling,
    routes: [
      { method: 'get', path: '/cases', permission: 'case.list' },
      { method: 'get', path: '/cases/{id}', permission: 'case.read' },
    ],
    params: () => ({ id: cases.labour1.id }),
    auditedAct: recordedRead(
      (entry) => running.app.get(AuditLog).record(entry),
      () => ({
        action: 'case.read',
        objectType: 'case',
        objectId: cases.labour1.id,
        path: `/cases/${cases.labour1.id}`,
        roles: ['unit_handler'],
      }),
    ),
  });
});
