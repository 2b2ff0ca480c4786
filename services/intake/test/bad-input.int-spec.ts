import { randomUUID } from 'node:crypto';
import { loadConfig } from '@pdmc/platform';
import { startInProcess, type ApiErrorBody, type HttpClient, type InProcessService, type AsJson } from '@pdmc/testing';
import { startIntake } from '../src/app';
import { IntakeConfig } from '../src/config/intake.config';
import { aPerson, aPetitionBody, piiEnv } from './support';
import type { Petition } from '../src/petitions/domain/petition';

/*
 * The defects fuzzing found in intake's API (issue 10), each reproduced as it was reported and
 * answered now with the right 4xx. The shared layer's part (nulls, nesting, media types,
 * Unicode, pages, date formats) has its own test in libs/platform/test/input-handling.int-spec.ts.
 */

/** A petition as the API answers it: the service's view, dates as strings. */
type PetitionView = AsJson<Petition>;

const details = (res: { body: unknown }) => (res.body as ApiErrorBody).details ?? [];

describe('intake: bad input found by fuzzing gets a 4xx, never a 5xx or a silent change (real servers)', () => {
  let intake: InProcessService;
  let clerk: HttpClient;
  let anonymous: HttpClient;

  /** An online submission form from a new person each time. */
  const form = (over: Record<string, unknown> = {}) => {
    const person = aPerson();
    return { name: person.name, idNumber: person.idNumber, phone: person.phone, townCode: 'HX', itemClass: 'appeal', subject: '夜间施工噪音扰民', description: '小区东侧工地连续两周夜间施工至凌晨。', ...over };
  };

  beforeAll(async () => {
    intake = await startInProcess({
      label: 'intakebad',
      start: (env, logs) => startIntake(loadConfig(IntakeConfig, env), logs),
      env: { ...piiEnv(), ONLINE_SUBMISSIONS_PER_HOUR: '10000', PUBLIC_RATE_LIMIT_PER_MINUTE: '10000' },
    });
    clerk = await intake.as({ sub: 'clerk-fuzz', roles: ['intake_clerk'] });
    anonymous = intake.anonymous;
  });

  afterAll(async () => {
    await intake?.close();
  });

  describe('defect 8: many parallel requests with one Idempotency-Key', () => {
    it('creates one petition and answers the duplicates about as fast as a read', async () => {
      const key = `burst-${randomUUID()}`;
      const body = aPetitionBody({ petitioners: [aPerson()] });
      const started = Date.now();
      const results = await Promise.all(
        Array.from({ length: 50 }, () => clerk.post<PetitionView>('/petitions', body, { 'idempotency-key': key })),
      );
      const elapsed = Date.now() - started;
      console.log(`50 parallel same-key registrations: ${elapsed} ms`);
      expect(results.filter((r) => r.status === 201)).toHaveLength(1);
      expect(results.filter((r) => r.status === 200)).toHaveLength(49);
      expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
      expect(elapsed).toBeLessThan(2_000);
    });
  });

  describe('defect 1: a null flag', () => {
    it('is refused with 400 naming the field, and nothing is stored', async () => {
      const petition = (await clerk.post<PetitionView>('/petitions', aPetitionBody({ petitioners: [aPerson()] }))).body;
      const res = await clerk.post(`/petitions/${petition.id}/flags`, { threatOfExtremeAction: true, escalated: null, reason: '来电扬言到市政府门前聚集' });
      expect(res.status).toBe(400);
      expect(details(res)).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'escalated', rule: 'notNull' })]));
      const after = await clerk.get<PetitionView>(`/petitions/${petition.id}`);
      expect(after.body.flags).toMatchObject({ threatOfExtremeAction: false, escalated: false });
      // Without the null the same request raises the flag (emergency's side: tests/e2e).
      const ok = await clerk.post<PetitionView>(`/petitions/${petition.id}/flags`, { threatOfExtremeAction: true, reason: '来电扬言到市政府门前聚集' });
      expect(ok.status).toBe(200);
      expect(ok.body.flags).toMatchObject({ threatOfExtremeAction: true, escalated: false });
    });
  });

  describe('defect 2: deeply nested JSON', () => {
    it.each([
      ['arrays', '['.repeat(5000) + ']'.repeat(5000)],
      ['objects', '{"a":'.repeat(5000) + '1' + '}'.repeat(5000)],
    ])('answers 400 on anonymous and staff endpoints alike (%s)', async (_kind, body) => {
      for (const [client, path] of [[anonymous, '/public/petitions'], [anonymous, '/public/petition-status'], [clerk, '/petitions']] as const) {
        const res = await client.post<ApiErrorBody>(path, body, { 'content-type': 'application/json' });
        expect({ path, status: res.status, code: res.body.code }).toEqual({ path, status: 400, code: 'BODY_TOO_DEEP' });
      }
    });
  });

  describe('defect 3: an Idempotency-Key bound to its caller and body', () => {
    it('gives an anonymous submitter reusing another’s key with another body a receipt of its own', async () => {
      const key = `shared-${randomUUID()}`;
      const first = await anonymous.post<Record<string, string>>('/public/petitions', form(), { 'idempotency-key': key });
      const other = await anonymous.post<Record<string, string>>('/public/petitions', form({ subject: '楼下餐馆油烟扰民' }), { 'idempotency-key': key });
      expect([first.status, other.status]).toEqual([201, 201]);
      expect(other.body.caseNumber).not.toBe(first.body.caseNumber);
      expect(other.body.queryCode).not.toBe(first.body.queryCode);
    });

    it('replays the same form with the same key', async () => {
      const key = `retry-${randomUUID()}`;
      const body = form();
      const first = await anonymous.post<Record<string, string>>('/public/petitions', body, { 'idempotency-key': key });
      const again = await anonymous.post<Record<string, string>>('/public/petitions', { ...body }, { 'idempotency-key': key });
      expect([first.status, again.status]).toEqual([201, 200]);
      expect(again.body).toEqual(first.body);
    });

    it('scopes a clerk’s key to that clerk, and refuses the same key with another body with 422', async () => {
      const key = `desk-${randomUUID()}`;
      const body = aPetitionBody({ petitioners: [aPerson()] });
      const first = await clerk.post<PetitionView>('/petitions', body, { 'idempotency-key': key });
      expect(first.status).toBe(201);
      const colleague = await intake.as({ sub: 'clerk-other', roles: ['intake_clerk'] });
      const theirs = await colleague.post<PetitionView>('/petitions', body, { 'idempotency-key': key });
      expect(theirs.status).toBe(201);
      expect(theirs.body.id).not.toBe(first.body.id);
      const changed = await clerk.post<ApiErrorBody>('/petitions', { ...body, subject: '另一件事' }, { 'idempotency-key': key });
      expect({ status: changed.status, code: changed.body.code }).toEqual({ status: 422, code: 'IDEMPOTENCY_KEY_REUSED' });
      const retry = await clerk.post<PetitionView>('/petitions', body, { 'idempotency-key': key });
      expect({ status: retry.status, id: retry.body.id }).toEqual({ status: 200, id: first.body.id });
    });
  });

  describe('defect 4: pages beyond the bounds', () => {
    it.each(['/petitions', '/petitions/acceptance-queue', '/evaluations', '/audit-events'])('answers 400 on %s', async (path) => {
      const reader = path === '/audit-events' ? await intake.as({ roles: ['auditor'] }) : path === '/evaluations' ? await intake.as({ roles: ['supervision_commissioner'] }) : clerk;
      for (const query of ['page=1e308', 'page=1e20', 'page=10001', 'pageSize=1000']) {
        const res = await reader.get(`${path}?${query}`);
        expect({ path, query, status: res.status }).toEqual({ path, query, status: 400 });
      }
      expect((await reader.get(`${path}?page=10000`)).status).toBe(200);
    });
  });

  describe('defect 5: form-encoded bodies', () => {
    it('are refused with 415 on staff and public endpoints', async () => {
      const petition = (await clerk.post<PetitionView>('/petitions', aPetitionBody({ petitioners: [aPerson()] }))).body;
      const cases = [
        [clerk, `/petitions/${petition.id}/merge`, `intoPetitionId=${randomUUID()}`],
        [clerk, '/persons/search', 'phone=13800138000'],
        [clerk, '/classification/suggestions', 'subject=a&description=b'],
        [anonymous, '/public/petition-status', `queryCode=${petition.queryCode}&phoneLast4=0000`],
        [anonymous, '/public/petitions', 'name=x'],
      ] as const;
      for (const [client, path, body] of cases) {
        const res = await client.post<ApiErrorBody>(path, body, { 'content-type': 'application/x-www-form-urlencoded' });
        expect({ path, status: res.status, code: res.body.code }).toEqual({ path, status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' });
      }
    });
  });

  describe('defect 6: lone surrogates', () => {
    it('are refused with 400 naming the field, so nothing acknowledged is changed when stored', async () => {
      const body = JSON.stringify(aPetitionBody({ petitioners: [aPerson()], subject: 'SUBJECT' })).replace('SUBJECT', '噪音\\ud800扰民');
      const res = await clerk.post('/petitions', body, { 'content-type': 'application/json' });
      expect(res.status).toBe(400);
      expect(details(res)).toEqual([expect.objectContaining({ field: 'subject', rule: 'wellFormedUnicode' })]);
      const emoji = await clerk.post<PetitionView>('/petitions', aPetitionBody({ petitioners: [aPerson()], subject: '噪音😀扰民' }));
      expect(emoji.status).toBe(201);
      expect((await clerk.get<PetitionView>(`/petitions/${emoji.body.id}`)).body.subject).toBe('噪音😀扰民');
    });
  });

  describe('defect 7: date filters', () => {
    it.each([
      ['/evaluations/summary', 'from=0'],
      ['/evaluations/summary', 'to=-1'],
      ['/audit-events', 'from=0'],
      ['/audit-events', 'to=-1'],
      ['/petitions', 'receivedFrom=0'],
    ])('%s?%s answers 400; ISO 8601 with an offset is taken', async (path, query) => {
      const reader = await intake.as({ roles: ['supervision_commissioner', 'auditor', 'intake_clerk'] });
      const field = query.split('=')[0];
      const res = await reader.get(`${path}?${query}`);
      expect(res.status).toBe(400);
      expect(details(res)).toEqual([expect.objectContaining({ field, rule: 'isOffsetDateTime' })]);
      expect((await reader.get(`${path}?${field}=${encodeURIComponent('2026-11-01T00:00:00+08:00')}`)).status).toBe(200);
    });
  });

  describe('defect 9: a locked query code', () => {
    it('answers 429 alike for a code that exists and one that does not, so the answer reveals nothing', async () => {
      const receipt = (await anonymous.post<Record<string, string>>('/public/petitions', form())).body;
      const answersAfterFailures = async (queryCode: string) => {
        for (let i = 0; i < 5; i++) expect((await anonymous.post('/public/petition-status', { queryCode, phoneLast4: '0000' })).status).toBe(404);
        const res = await anonymous.post<ApiErrorBody>('/public/petition-status', { queryCode, phoneLast4: '0000' });
        return { status: res.status, code: res.body.code, message: res.body.message.replace(/\d{4}-\d\d-\d\dT[\d:.]+Z/, '<time>') };
      };
      const known = await answersAfterFailures(receipt.queryCode);
      const unknown = await answersAfterFailures('ZZZZZZZZZ9');
      expect(known).toEqual({ status: 429, code: 'INTAKE.LOOKUP_LOCKED', message: expect.stringContaining('<time>') });
      expect(unknown).toEqual(known);
    });
  });
});
