import { randomUUID } from 'node:crypto';
import { ROLES, type Role } from '@pdmc/auth';
import { loadConfig } from '@pdmc/platform';
import {
  describeApiSecurity,
  startInProcess,
  type ApiErrorBody,
  type HttpClient,
  type InProcessService,
} from '@pdmc/testing';
import { startIntake } from '../src/app';
import { IntakeConfig } from '../src/config/intake.config';
import { aPetitionBody, piiEnv } from './support';

/*
 * OWASP API Security Top 10 (2023) for intake's HTTP API: the intake-specific checks (who may
 * register, who may read personal data, the public look-up, mass assignment and operator
 * injection in the petition routes) here; authentication, function-level authorisation per role,
 * inventory, body limit, injection in ids, headers, CORS, audit trail and logs in the shared
 * suite (libs/testing/src/security-suite.ts).
 */

interface PetitionView {
  id: string;
  caseNumber: string;
  queryCode: string;
  petitioners: Array<Record<string, string>>;
}

interface AuditPage {
  items: Array<Record<string, unknown>>;
  total: number;
}

const BODY_LIMIT_BYTES = 65_536;
const PERSON = { name: '王建国', idNumber: '11010519491231002X', phone: '13800138000', address: '吉林省长春市绿园区合心镇幸福村3组' };
const STATUS_FIELDS = [
  'acceptance',
  'acceptanceDueAt',
  'caseNumber',
  'category',
  'channel',
  'decisions',
  'ending',
  'extension',
  'handlingDueAt',
  'mergedInto',
  'receivedAt',
  'reexamination',
  'registeredAt',
  'responsibleBody',
  'review',
  'servedAt',
  'status',
  'workUnit',
];
/** Who may see petitioners unmasked (docs/security.md); spelled out so a wider role table fails here. */
const PERSONAL_DATA_READERS: readonly Role[] = ['intake_clerk', 'centre_director'];

/** Given a pension complaint as a clerk enters it at the front desk. */
const aPetition = (over: Record<string, unknown> = {}) => aPetitionBody({ petitioners: [PERSON], ...over });

describe('intake security: OWASP API Security Top 10 (2023) against the real server', () => {
  let intake: InProcessService;
  let clerk: HttpClient;
  /** A petition the tests only read. */
  let petition: PetitionView;

  const stored = async () => (await clerk.get<{ total: number }>('/petitions?pageSize=1')).body.total;
  const auditOf = async (query: string) =>
    (await (await intake.as({ roles: ['auditor'] })).get<AuditPage>(`/audit-events?${query}`)).body;

  beforeAll(async () => {
    intake = await startInProcess({
      label: 'intakesec',
      start: (env, logs) => startIntake(loadConfig(IntakeConfig, env), logs),
      env: { ...piiEnv(), BODY_LIMIT_BYTES: String(BODY_LIMIT_BYTES), ONLINE_SUBMISSIONS_PER_HOUR: '10000' },
    });
    clerk = await intake.as({ sub: 'clerk-security', roles: ['intake_clerk'] });
    const res = await clerk.post<PetitionView>('/petitions', aPetition());
    expect(res.status).toBe(201);
    petition = res.body;
    // Decided, so that its notice exists (a second decision is refused with 409).
    const decided = await clerk.post(`/petitions/${petition.id}/acceptance-decision`, { decision: 'accept' });
    expect(decided.status).toBe(200);
  });

  afterAll(async () => {
    await intake?.close();
  });

  describe('API5 broken function-level authorisation', () => {
    it('lets a clerk register a petition (201), and refuses a dispatcher (403) without storing anything', async () => {
      const before = await stored();
      expect((await clerk.post('/petitions', aPetition())).status).toBe(201);
      expect(await stored()).toBe(before + 1);
      const dispatcher = await intake.as({ sub: `dispatcher-${randomUUID()}`, roles: ['dispatcher'] });
      const refused = await dispatcher.post<ApiErrorBody>('/petitions', aPetition());
      expect({ status: refused.status, code: refused.body.code }).toEqual({ status: 403, code: 'AUTH.FORBIDDEN' });
      expect(await stored()).toBe(before + 1);
    });

    // docs/security.md, "Audit trail": every state-changing request is audited, successes and failures.
    it('leaves a failure entry in the audit trail for a registration the guard refused', async () => {
      const subject = `dispatcher-${randomUUID()}`;
      const dispatcher = await intake.as({ sub: subject, roles: ['dispatcher'] });
      expect((await dispatcher.post('/petitions', aPetition())).status).toBe(403);
      expect(await auditOf(`actor=${subject}`)).toMatchObject({
        total: 1,
        items: [{ method: 'POST', path: '/petitions', outcome: 'failure', status: 403 }],
      });
    });

    it('shows petitioners unmasked to the intake clerk and the centre director only, auditing every read', async () => {
      const path = `/petitions/${petition.id}/personal-data`;
      const query = `objectId=${petition.id}&action=petition.read_personal_data`;
      const before = (await auditOf(query)).total;
      const answers = await Promise.all(
        ROLES.map(async (role) => ({
          role,
          res: await (await intake.as({ roles: [role] })).get<PetitionView>(path),
        })),
      );
      const readers = answers.filter(({ res }) => res.status === 200);
      expect(readers.map(({ role }) => role)).toEqual(PERSONAL_DATA_READERS);
      for (const { res } of readers) expect(res.body.petitioners).toEqual([PERSON]);
      expect((await auditOf(query)).total).toBe(before + PERSONAL_DATA_READERS.length);
    });
  });

  describe('API3 broken object property-level authorisation', () => {
    it('shows petitioners masked in a petition and in the list to everyone else who reads petitions', async () => {
      const dispatcher = await intake.as({ roles: ['dispatcher'] });
      const one = await dispatcher.get<PetitionView>(`/petitions/${petition.id}`);
      const list = await dispatcher.get<{ items: PetitionView[] }>('/petitions?pageSize=100');
      const text = JSON.stringify([one.body, list.body]);
      for (const secret of Object.values(PERSON)) expect(text).not.toContain(secret);
      expect(one.body.petitioners).toEqual([
        { name: '王**', idNumber: '110105********002X', phone: '138******00', address: '吉林省长春市****', personId: expect.any(String) },
      ]);
    });

    it('refuses fields a client may not set (mass assignment) with 400, storing nothing', async () => {
      const before = await stored();
      const extra = { status: 'closed', caseNumber: 'X', queryCode: 'Y' };
      const res = await clerk.post<ApiErrorBody>('/petitions', aPetition(extra));
      expect({ status: res.status, code: res.body.code }).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
      expect(res.body.details?.map((d) => d.field).sort()).toEqual(['caseNumber', 'queryCode', 'status']);
      expect(await stored()).toBe(before);
    });
  });

  describe('the public progress look-up', () => {
    const lookUp = (headers: Record<string, string> = {}) =>
      intake.anonymous.post<Record<string, unknown>>(
        '/public/petition-status',
        { queryCode: petition.queryCode, phoneLast4: PERSON.phone.slice(-4) },
        headers,
      );

    it('answers without a token, with progress only (no personal data, no query code)', async () => {
      const res = await lookUp();
      expect(res.status).toBe(200);
      expect(Object.keys(res.body).sort()).toEqual(STATUS_FIELDS);
      expect(res.body['caseNumber']).toBe(petition.caseNumber);
    });

    // The guard skips `@Public()` routes before it reads the Authorization header: a petitioner's
    // browser sending a stale or foreign token must not lock them out, and a token opens nothing more.
    it('ignores a bearer token, bad or valid: the same answer as without one', async () => {
      const plain = await lookUp();
      const withBad = await lookUp({ authorization: 'Bearer not-a-jwt' });
      const withStaff = await lookUp({ authorization: `Bearer ${await intake.auth.token({ roles: [...ROLES] })}` });
      expect([withBad, withStaff].map((r) => ({ status: r.status, body: r.body }))).toEqual([
        { status: 200, body: plain.body },
        { status: 200, body: plain.body },
      ]);
    });
  });

  describe('API8 injection in the petition list’s filters', () => {
    it.each(['townCode[$ne]=x', 'channel[$in][]=visit', 'townCode[$regex]=.*', 'channel=visit&channel=letter'])(
      'answers ?%s with 400 and no petitions',
      async (query) => {
        const res = await clerk.get<ApiErrorBody & { items?: unknown }>(`/petitions?${query}`);
        expect({ status: res.status, code: res.body.code, items: res.body.items }).toEqual({
          status: 400,
          code: 'VALIDATION_FAILED',
          items: undefined,
        });
      },
    );
  });

  describeApiSecurity({
    service: 'intake',
    running: () => intake,
    routes: [
      { method: 'post', path: '/petitions', permission: 'petition.register', body: () => aPetition() },
      { method: 'get', path: '/petitions', permission: 'petition.list' },
      { method: 'get', path: '/petitions/{id}', permission: 'petition.read' },
      { method: 'get', path: '/petitions/{id}/personal-data', permission: 'petition.read_personal_data' },
      { method: 'get', path: '/petitions/acceptance-queue', permission: 'petition.list' },
      {
        method: 'post',
        path: '/classification/suggestions',
        permission: 'petition.register',
        body: { subject: '公司拖欠三个月工资', description: '公司自三月起拖欠工资。' },
      },
      { method: 'get', path: '/classification/accuracy', permission: 'petition.list' },
      {
        method: 'post',
        path: '/petitions/{id}/acceptance-decision',
        permission: 'petition.decide_acceptance',
        body: { decision: 'accept' },
      },
      { method: 'get', path: '/petitions/{id}/notice', permission: 'petition.decide_acceptance' },
      { method: 'post', path: '/admin/personal-data/rotate-keys', permission: 'pii.rotate_keys' },
      { method: 'get', path: '/evaluations', permission: 'evaluation.read' },
      { method: 'get', path: '/evaluations/summary', permission: 'evaluation.read' },
      { method: 'get', path: '/petitions/{id}/timeline', permission: 'petition.read' },
      { method: 'get', path: '/petitions/{id}/receipt', permission: 'petition.register' },
      { method: 'post', path: '/petitions/{id}/classification', permission: 'petition.classify', body: { categoryId: 515 } },
      { method: 'post', path: '/petitions/{id}/flags', permission: 'petition.update_flags', body: { abnormal: false, reason: '核实' } },
      { method: 'post', path: '/petitions/{id}/merge', permission: 'petition.merge', body: () => ({ intoPetitionId: randomUUID() }) },
      { method: 'post', path: '/persons/search', permission: 'person.search', body: { idNumber: PERSON.idNumber } },
      { method: 'get', path: '/persons/{personId}/petitions', permission: 'person.search' },
      // Learned category suggestions (docs/classification.md)
      {
        method: 'post',
        path: '/classification/examples',
        permission: 'classification.manage',
        body: { examples: [{ subject: '出租车拒载绕路', description: '司机拒载。', level1: '交通运输', level2: '出租车管理', level3: '行业监管' }] },
      },
      { method: 'post', path: '/classification/models', permission: 'classification.manage' },
    ],
    publicRoutes: [
      {
        method: 'post',
        path: '/public/petitions',
        body: () => ({
          name: '孙立新',
          idNumber: PERSON.idNumber,
          phone: '13912345678',
          townCode: 'XX',
          itemClass: 'suggestion',
          subject: '建议增设公交站点',
          description: '建议在幸福小区门口增设公交站点。',
        }),
      },
      {
        method: 'post',
        path: '/public/petition-status',
        // A fresh unknown code each time: no code collects failures towards its lock.
        body: () => ({ queryCode: randomUUID().replace(/-/g, '').slice(0, 10).toUpperCase(), phoneLast4: '0000' }),
      },
      {
        method: 'post',
        path: '/public/evaluations',
        body: () => ({
          queryCode: randomUUID().replace(/-/g, '').slice(0, 10).toUpperCase(),
          phoneLast4: '0000',
          decisionId: '220106-2026-000001:acceptance',
          bureau: 'satisfied',
        }),
      },
    ],
    params: () => ({ id: petition.id, personId: petition.petitioners[0]!['personId']! }),
    bodyLimit: { method: 'post', path: '/petitions', bytes: BODY_LIMIT_BYTES },
    auditedAct: async (actor) => {
      const reader = await intake.as({ sub: actor, roles: ['intake_clerk'] });
      const res = await reader.get(`/petitions/${petition.id}/personal-data`);
      expect(res.status).toBe(200);
      return { action: 'petition.read_personal_data', objectId: petition.id };
    },
  });
});
