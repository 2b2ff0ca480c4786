import mongoose from 'mongoose';
import { loadConfig, type RunningService } from '@pdmc/platform';
import { generateKey } from '@pdmc/privacy';
import {
  captureLogs,
  findPersonalData,
  http,
  startInProcess,
  streamMessages,
  waitFor,
  type HttpClient,
  type InProcessService,
} from '@pdmc/testing';
import { startIntake } from '../src/app';
import { IntakeConfig } from '../src/config/intake.config';
import { aPetitionBody } from './support';

const PERSON = {
  name: '王建国',
  idNumber: '11010519491231002X',
  phone: '13800138000',
  address: '吉林省长春市绿园区合心镇幸福村3组',
};
const SECRETS = [PERSON.idNumber, PERSON.phone, PERSON.address, PERSON.name, '138-0013', '幸福村'];

const aPetition = (over: Record<string, unknown> = {}) => aPetitionBody({ petitioners: [PERSON], ...over });

describe('intake: personal data is protected (real servers)', () => {
  const oldKey = generateKey();
  const indexKey = generateKey();
  let svc: InProcessService;
  let clerk: HttpClient;
  let petition: { id: string; queryCode: string; caseNumber: string; petitioners: Array<Record<string, string>> };

  beforeAll(async () => {
    svc = await startInProcess({
      label: 'intake-pii',
      start: (env, logs) => startIntake(loadConfig(IntakeConfig, env), logs),
      env: { PII_KEYS: `k1:${oldKey}`, PII_ACTIVE_KEY_ID: 'k1', PII_INDEX_KEY: indexKey, PUBLIC_RATE_LIMIT_PER_MINUTE: '15' },
    });
    clerk = await svc.as({ sub: 'clerk-wang', roles: ['intake_clerk'] });
    const res = await clerk.post<typeof petition>('/petitions', aPetition(), { 'x-correlation-id': 'corr-pii-0001' });
    expect(res.status).toBe(201);
    petition = res.body as typeof petition;
  });

  afterAll(async () => {
    await svc?.close();
  });

  it('answers with the petitioner masked, and stores nothing in clear', async () => {
    expect(petition.petitioners).toEqual([
      { name: '王**', idNumber: '110105********002X', phone: '138******00', address: '吉林省长春市****', personId: expect.any(String) },
    ]);
    const conn = await mongoose.createConnection(svc.ns.mongoUrl, { dbName: svc.ns.dbName('intake-pii') }).asPromise();
    try {
      const raw = await conn.db!.collection('petitions').findOne({ _id: petition.id as never });
      const text = JSON.stringify(raw);
      for (const secret of SECRETS) expect(text).not.toContain(secret);
      expect(raw!['petitioners'][0].idNumber).toMatchObject({ kid: 'k1' });
    } finally {
      await conn.close();
    }
  });

  it('keeps personal data out of the registered event', async () => {
    const messages = await waitFor(async () => {
      const found = (await streamMessages(svc.ns.natsUrl, `${svc.ns.streamPrefix}INTAKE`)).filter((m) =>
        JSON.stringify(m.data).includes(petition.id),
      );
      return found.length ? found : undefined;
    }, { description: 'the registered event' });
    for (const secret of SECRETS) expect(JSON.stringify(messages)).not.toContain(secret);
  });

  it('shows the full data only to roles that need it, and audits each read', async () => {
    const full = await clerk.get(`/petitions/${petition.id}/personal-data`, undefined, { 'x-correlation-id': 'corr-pii-read-1' });
    expect(full.status).toBe(200);
    expect(full.body).toEqual({ id: petition.id, caseNumber: petition.caseNumber, petitioners: [PERSON] });

    const auditorClient = await svc.as({ sub: 'auditor-li', roles: ['auditor'] });
    expect((await auditorClient.get(`/petitions/${petition.id}/personal-data`)).status).toBe(403);
    const dispatcher = await svc.as({ roles: ['dispatcher'] });
    expect((await dispatcher.get(`/petitions/${petition.id}/personal-data`)).status).toBe(403);

    const audit = await auditorClient.get<{ items: Array<Record<string, unknown>> }>(
      `/audit-events?objectId=${petition.id}&action=petition.read_personal_data`,
    );
    expect(audit.status).toBe(200);
    expect((audit.body as { items: unknown[] }).items).toEqual([
      expect.objectContaining({
        actor: { subject: 'clerk-wang', roles: ['intake_clerk'] },
        action: 'petition.read_personal_data',
        objectType: 'petition',
        objectId: petition.id,
        outcome: 'success',
        correlationId: 'corr-pii-read-1',
        ip: expect.any(String),
        at: expect.any(String),
      }),
    ]);
    const registration = await auditorClient.get<{ items: Array<Record<string, unknown>> }>(
      `/audit-events?objectId=${petition.id}&action=petition.register`,
    );
    expect((registration.body as { items: unknown[] }).items).toEqual([
      expect.objectContaining({ actor: expect.objectContaining({ subject: 'clerk-wang' }), correlationId: 'corr-pii-0001' }),
    ]);
  });

  describe('bad personal data: 400 naming the field, nothing stored', () => {
    it.each([
      ['a wrong check digit', { ...PERSON, idNumber: '110105194912310021' }, 'petitioners.0.idNumber', 'isResidentId'],
      ['an impossible birth date', { ...PERSON, idNumber: '110105199902300012' }, 'petitioners.0.idNumber', 'isResidentId'],
      ['a bad phone', { ...PERSON, phone: '12345' }, 'petitioners.0.phone', 'isChinesePhone'],
      ['an unknown field', { ...PERSON, ethnicity: '汉' }, 'petitioners.0.ethnicity', 'whitelistValidation'],
    ])('%s', async (_name, person, field, rule) => {
      const before = ((await clerk.get<{ total: number }>('/petitions?pageSize=1')).body as { total: number }).total;
      const res = await clerk.post('/petitions', aPetition({ petitioners: [person] }));
      expect(res.status).toBe(400);
      expect((res.body as { details: unknown[] }).details).toEqual(
        expect.arrayContaining([expect.objectContaining({ field, rule })]),
      );
      expect(((await clerk.get<{ total: number }>('/petitions?pageSize=1')).body as { total: number }).total).toBe(before);
    });

    it('takes blank optional fields as not given, and tidies an ID number typed with spaces and a small x', async () => {
      const res = await clerk.post<{ petitioners: unknown[] }>(
        '/petitions',
        aPetition({ petitioners: [{ name: ' 王建国 ', idNumber: ' 11010519491231002x ', phone: '', address: '' }] }),
      );
      expect(res.status).toBe(201);
      expect((res.body as { petitioners: unknown[] }).petitioners).toEqual([{ name: '王**', idNumber: '110105********002X', personId: expect.any(String) }]);
    });

    it('refuses more than five representatives', async () => {
      const res = await clerk.post('/petitions', aPetition({ headcount: 30, petitioners: Array(6).fill(PERSON) }));
      expect(res.status).toBe(400);
      expect((res.body as { details: unknown[] }).details).toEqual([expect.objectContaining({ field: 'petitioners', rule: 'maxRepresentatives' })]);
    });
  });

  describe('petitioner self-service by query code and phone digits', () => {
    const lookUp = (queryCode: string, phoneLast4: string) =>
      svc.anonymous.post<Record<string, unknown>>('/public/petition-status', { queryCode, phoneLast4 });

    it('shows progress without any personal data or staff notes', async () => {
      const res = await lookUp(petition.queryCode, '8000');
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        caseNumber: petition.caseNumber,
        status: 'registered',
        channel: 'visit',
        category: { level1: '劳动和社会保障', level2: '退休政策及待遇', level3: '退休金发放' },
        receivedAt: expect.any(String),
        registeredAt: expect.any(String),
        acceptanceDueAt: expect.any(String),
        acceptance: null,
        workUnit: null,
        responsibleBody: null,
        handlingDueAt: null,
        decisions: [],
        extension: null,
        servedAt: null,
        review: null,
        reexamination: null,
        ending: null,
        mergedInto: null,
      });
    });

    it('answers a wrong factor and an unknown code the same way', async () => {
      const wrong = await lookUp(petition.queryCode, '1234');
      const unknown = await lookUp('ZZZZZZZZZZ', '8000');
      expect(wrong.status).toBe(404);
      expect(unknown.status).toBe(404);
      expect((wrong.body as { code: string }).code).toBe('INTAKE.LOOKUP_NO_MATCH');
      expect((unknown.body as { message: string }).message).toBe((wrong.body as { message: string }).message);
    });

    it('refuses operators smuggled into the body', async () => {
      const res = await svc.anonymous.post('/public/petition-status', { queryCode: { $ne: '' }, phoneLast4: { $gt: '' } });
      expect(res.status).toBe(400);
    });

    it('locks a code after five failures, even for the right digits', async () => {
      const res = await clerk.post<{ queryCode: string }>('/petitions', aPetition());
      const code = (res.body as { queryCode: string }).queryCode;
      for (let i = 0; i < 5; i++) expect((await lookUp(code, '0000')).status).toBe(404);
      const locked = await lookUp(code, '8000');
      expect(locked.status).toBe(429);
      expect(locked.body).toMatchObject({ code: 'INTAKE.LOOKUP_LOCKED' });
    });

    it('rate-limits one client address', async () => {
      let last = 0;
      for (let i = 0; i < 16 && last !== 429; i++) last = (await lookUp('ABCDEFGHJK', '0000')).status;
      expect(last).toBe(429);
    });
  });

  it('rotates to a new key: old values stay readable, and re-encryption moves them to the new key', async () => {
    const newKey = generateKey();
    const logs = captureLogs();
    const second: RunningService = await startIntake(
      loadConfig(IntakeConfig, {
        HTTP_PORT: '0',
        MONGO_URL: svc.ns.mongoUrl,
        MONGO_DB: svc.ns.dbName('intake-pii'),
        NATS_URL: svc.ns.natsUrl,
        BUS_PREFIX: svc.ns.busPrefix,
        ...svc.auth.env,
        PII_KEYS: `k2:${newKey},k1:${oldKey}`,
        PII_ACTIVE_KEY_ID: 'k2',
        PII_INDEX_KEY: indexKey,
      }),
      logs.destination,
    );
    try {
      const admin = http(second.url, await svc.auth.headers({ roles: ['administrator'] }));
      const clerk2 = http(second.url, await svc.auth.headers({ roles: ['intake_clerk'] }));
      expect((await clerk2.get(`/petitions/${petition.id}/personal-data`)).body).toMatchObject({ petitioners: [PERSON] });
      expect((await clerk2.post('/admin/personal-data/rotate-keys')).status).toBe(403);

      const first = await admin.post<{ reencrypted: number; skipped: number }>('/admin/personal-data/rotate-keys');
      expect(first.status).toBe(200);
      expect((first.body as { reencrypted: number }).reencrypted).toBeGreaterThanOrEqual(1);
      const again = await admin.post('/admin/personal-data/rotate-keys');
      expect(again.body).toMatchObject({ reencrypted: 0, skipped: 0 });

      const after = await clerk2.get(`/petitions/${petition.id}/personal-data`);
      expect(after.body).toMatchObject({ petitioners: [PERSON] });
      const conn = await mongoose.createConnection(svc.ns.mongoUrl, { dbName: svc.ns.dbName('intake-pii') }).asPromise();
      try {
        const raw = await conn.db!.collection('petitions').findOne({ _id: petition.id as never });
        expect(raw!['petitioners'][0].idNumber.kid).toBe('k2');
      } finally {
        await conn.close();
      }
      expect(findPersonalData(logs.lines, SECRETS)).toEqual([]);
    } finally {
      await second.close();
    }
  });

  it('never writes personal data to the logs', () => {
    expect(svc.logs.length).toBeGreaterThan(5);
    expect(findPersonalData(svc.logs, SECRETS)).toEqual([]);
  });
});
