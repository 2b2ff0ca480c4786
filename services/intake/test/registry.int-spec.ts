import { loadConfig } from '@pdmc/platform';
import {
  aDecidedCase,
  anOpenedCase,
  aRoutedPetition,
  findPersonalData,
  http,
  publishEnvelope,
  startInProcess,
  streamMessages,
  waitFor,
  type ApiErrorBody,
  type HttpClient,
  type InProcessService,
} from '@pdmc/testing';
import { startIntake } from '../src/app';
import { IntakeConfig } from '../src/config/intake.config';
import { aPerson, aPetitionBody, everyPersonMade, piiEnv } from './support';

/*
 * The front desk's memory (issue points 1, 2, 4, 6 and 7): every channel including online and
 * referred items, the petitioner registry, repeat / escalated / collective detection, merging,
 * flags raised later, the clerk's search and the petition's timeline. Real servers throughout.
 */

interface Ref {
  petitionId: string;
  caseNumber: string;
}
interface PetitionView {
  id: string;
  caseNumber: string;
  queryCode: string;
  channel: string;
  status: string;
  category?: { id: number };
  classification: { confirmed: boolean; confirmedBy?: string };
  flags: Record<string, boolean>;
  repeatOf?: Ref;
  mergedInto?: Ref;
  mergedCaseNumber?: string;
  firstAtThisBody: boolean;
  referral?: Record<string, unknown>;
  petitioners: Array<Record<string, string>>;
}
interface Page<T> {
  items: T[];
  total: number;
}
interface PersonView {
  id: string;
  person: Record<string, string>;
  petitions: Array<{ id: string; caseNumber: string; status: string }>;
}
interface Timeline {
  entries: Array<{ at: string; by: string; action: string; details?: Record<string, unknown> }>;
}

const DAY = 24 * 3600 * 1000;
const REFERRAL = {
  kind: 'assignment',
  authority: '吉林省信访局',
  authorityLevel: 'province',
  reference: '吉信交〔2026〕15号',
  dueAt: new Date(Date.now() + 20 * DAY).toISOString(),
  reportRequired: true,
};

describe('intake: channels, people, repeats and the clerk’s search (real servers)', () => {
  let svc: InProcessService;
  let clerk: HttpClient;
  let anonymous: HttpClient;

  beforeAll(async () => {
    svc = await startInProcess({
      label: 'intake-registry',
      start: (env, logs) => startIntake(loadConfig(IntakeConfig, env), logs),
      env: { ...piiEnv(), ONLINE_SUBMISSIONS_PER_HOUR: '1000' },
    });
    clerk = await svc.as({ sub: 'clerk-li', roles: ['intake_clerk'] });
    anonymous = http(svc.service.url);
  });

  afterAll(async () => {
    await svc?.close();
  });

  const register = async (over: Record<string, unknown> = {}): Promise<PetitionView> => {
    const res = await clerk.post<PetitionView>('/petitions', aPetitionBody(over));
    expect({ status: res.status, body: res.status === 201 ? 'ok' : res.body }).toEqual({ status: 201, body: 'ok' });
    return res.body;
  };
  const total = async (query = '') => (await clerk.get<Page<PetitionView>>(`/petitions?pageSize=1${query}`)).body.total;
  const events = async (type: string, petitionId: string) =>
    (await streamMessages(svc.ns.natsUrl, `${svc.ns.streamPrefix}INTAKE`)).filter(
      (m) => m.data['type'] === type && (m.data['payload'] as Record<string, unknown>)['petitionId'] === petitionId,
    );
  const details = (res: { body: unknown }) => (res.body as ApiErrorBody).details;

  describe('channels', () => {
    it('registers a letter signed by twelve people (no cap of five outside group visits)', async () => {
      const signers = Array.from({ length: 12 }, () => aPerson({ name: '联名人' }));
      const p = await register({ channel: 'letter', headcount: 12, petitioners: signers });
      expect(p.petitioners).toHaveLength(12);
      expect(p.flags['collective']).toBe(true);
    });

    it('refuses a group visit with six representatives, naming the rule, and stores nothing', async () => {
      const before = await total();
      const res = await clerk.post('/petitions', aPetitionBody({ headcount: 40, petitioners: Array.from({ length: 6 }, () => aPerson()) }));
      expect(res.status).toBe(400);
      expect(details(res)).toEqual([expect.objectContaining({ field: 'petitioners', rule: 'maxRepresentatives' })]);
      expect(await total()).toBe(before);
    });

    it('counts a petition as collective from the configured head-count (COLLECTIVE_THRESHOLD)', async () => {
      const local = await startInProcess({
        label: 'intake-threshold',
        start: (env, logs) => startIntake(loadConfig(IntakeConfig, env), logs),
        env: { ...piiEnv(), COLLECTIVE_THRESHOLD: '10' },
      });
      try {
        const desk = await local.as({ roles: ['intake_clerk'] });
        const nine = await desk.post<PetitionView>('/petitions', aPetitionBody({ headcount: 9, petitioners: [aPerson()] }));
        const ten = await desk.post<PetitionView>('/petitions', aPetitionBody({ headcount: 10, petitioners: [aPerson()] }));
        expect([nine.body.flags['collective'], ten.body.flags['collective']]).toEqual([false, true]);
      } finally {
        await local.close();
      }
    });

    it.each(['phone', 'fax'])('registers an item received by %s', async (channel) => {
      const p = await register({ channel, petitioners: [aPerson()] });
      expect(p.channel).toBe(channel);
    });

    it('registers an item assigned by a higher authority with its reference, deadline and report duty, and emits them', async () => {
      const p = await register({ channel: 'transferred', referral: REFERRAL, petitioners: [aPerson()] });
      expect(p.referral).toEqual({ ...REFERRAL, dueAt: new Date(REFERRAL.dueAt).toISOString() });
      // A person who never brought the matter here went over the competent level.
      expect(p.flags['escalated']).toBe(true);
      const [registered] = await waitFor(async () => {
        const found = await events('intake.petition.registered.v1', p.id);
        return found.length ? found : undefined;
      }, { description: 'the registered event' });
      expect((registered!.data['payload'] as Record<string, unknown>)['referral']).toEqual({
        kind: 'assignment',
        authority: '吉林省信访局',
        authorityLevel: 'province',
        reference: '吉信交〔2026〕15号',
        dueAt: new Date(REFERRAL.dueAt).toISOString(),
        reportRequired: true,
      });
    });

    it('marks a referred item abnormal when the authority reports it so', async () => {
      const p = await register({ channel: 'transferred', referral: { ...REFERRAL, abnormalReported: true }, petitioners: [aPerson()] });
      expect(p.flags['abnormal']).toBe(true);
    });

    it.each([
      [{ channel: 'transferred' }, 'referral', 'requiredForTransferred'],
      [{ channel: 'visit', referral: REFERRAL }, 'referral', 'onlyForTransferred'],
      [{ channel: 'transferred', referral: { ...REFERRAL, dueAt: new Date(Date.now() - 10 * DAY).toISOString() } }, 'referral.dueAt', 'notBeforeReceipt'],
      [{ channel: 'transferred', referral: { ...REFERRAL, authorityLevel: 'village' } }, 'referral.authorityLevel', 'isIn'],
      [{ channel: 'transferred', referral: { ...REFERRAL, reference: '' } }, 'referral.reference', 'isNotEmpty'],
      [{ channel: 'transferred', referral: { ...REFERRAL, secret: 1 } }, 'referral.secret', 'whitelistValidation'],
    ])('refuses a bad referral %j: 400 naming %s / %s, nothing stored', async (over, field, rule) => {
      const before = await total();
      const res = await clerk.post('/petitions', aPetitionBody(over));
      expect(res.status).toBe(400);
      expect(details(res)).toEqual(expect.arrayContaining([expect.objectContaining({ field, rule })]));
      expect(await total()).toBe(before);
    });
  });

  describe('online submission (网上信访)', () => {
    const form = (over: Record<string, unknown> = {}) => ({
      ...aPerson({ name: '孙立新' }),
      townCode: 'XX',
      itemClass: 'appeal',
      subject: '小区旁工地夜间施工噪音扰民',
      description: '小区东侧工地连续两周夜间施工至凌晨，噪音严重影响休息。',
      ...over,
    });

    it('needs no account, answers only the receipt, and waits for a clerk before anything goes downstream', async () => {
      const submitted = form();
      const res = await anonymous.post<Record<string, string>>('/public/petitions', submitted);
      expect(res.status).toBe(201);
      expect(Object.keys(res.body).sort()).toEqual(['acceptanceDueAt', 'caseNumber', 'queryCode', 'receivedAt']);
      const [p] = (await clerk.get<Page<PetitionView>>(`/petitions?caseNumber=${res.body['caseNumber']}`)).body.items;
      expect(p).toMatchObject({ channel: 'online', status: 'registered', classification: { confirmed: false } });
      expect(p!.petitioners[0]).toMatchObject({ name: '孙**' });
      // The keyword rules picked a category from the words; nobody downstream hears of it yet.
      expect(p!.category).toBeDefined();
      expect(await events('intake.petition.registered.v1', p!.id)).toEqual([]);
      // The clerk's queue of online submissions still to classify.
      const toClassify = await clerk.get<Page<PetitionView>>('/petitions/acceptance-queue?classified=false&pageSize=100');
      expect(toClassify.body.items.map((i) => i.id)).toContain(p!.id);
      expect(toClassify.body.items.every((i) => !i.classification.confirmed)).toBe(true);

      // The petitioner sees no category until a clerk confirms one.
      const early0 = await anonymous.post<{ category: unknown }>('/public/petition-status', { queryCode: res.body['queryCode'], phoneLast4: submitted.phone.slice(-4) });
      expect(early0.status).toBe(200);
      expect(early0.body.category).toBeNull();

      // Accepting needs a confirmed category.
      const early = await clerk.post<ApiErrorBody>(`/petitions/${p!.id}/acceptance-decision`, { decision: 'accept' });
      expect({ status: early.status, code: early.body.code }).toEqual({ status: 409, code: 'INTAKE.CLASSIFICATION_UNCONFIRMED' });

      const classified = await clerk.post<PetitionView>(`/petitions/${p!.id}/classification`, { categoryId: 126 });
      expect(classified.status).toBe(200);
      expect(classified.body).toMatchObject({ category: { id: 126 }, classification: { confirmed: true, confirmedBy: 'clerk-li' } });
      await waitFor(async () => (await events('intake.petition.registered.v1', p!.id)).length === 1, { description: 'registered once' });
      const confirmed = await anonymous.post<{ category: unknown }>('/public/petition-status', { queryCode: res.body['queryCode'], phoneLast4: submitted.phone.slice(-4) });
      expect(confirmed.body.category).toMatchObject({ level1: '环境保护' });
      const classifiedQueue = await clerk.get<Page<PetitionView>>('/petitions/acceptance-queue?classified=false&pageSize=100');
      expect(classifiedQueue.body.items.map((i) => i.id)).not.toContain(p!.id);
      // A correction afterwards changes the record, not what was already announced.
      expect((await clerk.post(`/petitions/${p!.id}/classification`, { categoryId: 139 })).status).toBe(200);
      expect((await clerk.post(`/petitions/${p!.id}/acceptance-decision`, { decision: 'accept' })).status).toBe(200);
      expect(await events('intake.petition.registered.v1', p!.id)).toHaveLength(1);
    });

    it('gives the same receipt for a retry with the same Idempotency-Key', async () => {
      const body = form();
      const first = await anonymous.post<Record<string, string>>('/public/petitions', body, { 'idempotency-key': 'online-retry-0001' });
      const again = await anonymous.post<Record<string, string>>('/public/petitions', body, { 'idempotency-key': 'online-retry-0001' });
      expect([first.status, again.status]).toEqual([201, 200]);
      expect(again.body).toEqual(first.body);
    });

    it.each([
      ['ID number (check digit)', { idNumber: '110105194912310021' }, 'idNumber', 'isResidentId'],
      ['phone', { phone: '12345' }, 'phone', 'isChinesePhone'],
      ['town', { townCode: 'NOWHERE' }, 'townCode', 'knownTown'],
      ['category', { categoryId: 99999 }, 'categoryId', 'knownCategory'],
      ['empty description', { description: '' }, 'description', 'isNotEmpty'],
      ['10,001-character description', { description: '长'.repeat(10_001) }, 'description', 'maxLength'],
      ['channel (not the petitioner’s to choose)', { channel: 'visit' }, 'channel', 'whitelistValidation'],
    ])('refuses a bad %s field naming %s / %s', async (_label, over, field, rule) => {
      const res = await anonymous.post('/public/petitions', form(over));
      expect(res.status).toBe(400);
      expect(details(res)).toEqual(expect.arrayContaining([expect.objectContaining({ field, rule })]));
    });

    it('is rate-limited per client, across every instance of the service', async () => {
      const keys = piiEnv();
      const limited = await startInProcess({
        label: 'intake-online-limit',
        start: (env, logs) => startIntake(loadConfig(IntakeConfig, env), logs),
        env: { ...keys, ONLINE_SUBMISSIONS_PER_HOUR: '3' },
      });
      // A second instance behind the same load balancer, on the same database.
      const other = await startInProcess({
        label: 'intake-online-limit-2',
        start: (env, logs) => startIntake(loadConfig(IntakeConfig, env), logs),
        env: { ...keys, ONLINE_SUBMISSIONS_PER_HOUR: '3', MONGO_DB: limited.ns.dbName('intake-online-limit') },
      });
      try {
        const clients = [http(limited.service.url), http(other.service.url)];
        const statuses: number[] = [];
        for (let i = 0; i < 4; i++) statuses.push((await clients[i % 2]!.post('/public/petitions', form())).status);
        expect(statuses).toEqual([201, 201, 201, 429]);
        const refused = await clients[1]!.post('/public/petitions', form());
        expect(refused.status).toBe(429);
        expect(Number(refused.headers['retry-after'])).toBeGreaterThan(3000);
      } finally {
        await other.close();
        await limited.close();
      }
    });
  });

  describe('the petitioner registry', () => {
    it('links every petition of a person and finds them by ID number or by the phone however it is written', async () => {
      const person = aPerson({ name: '周桂兰', address: '吉林省长春市绿园区铁西街道' });
      const first = await register({ petitioners: [person], categoryId: 304 });
      const second = await register({ petitioners: [{ ...person, idNumber: person.idNumber.toLowerCase() }], categoryId: 246 });
      expect(first.firstAtThisBody).toBe(true);
      expect(second.firstAtThisBody).toBe(false);
      expect(second.petitioners[0]!['personId']).toBe(first.petitioners[0]!['personId']);

      const byId = await clerk.post<{ items: PersonView[] }>('/persons/search', { idNumber: person.idNumber });
      expect(byId.status).toBe(200);
      expect(byId.body.items).toHaveLength(1);
      expect(byId.body.items[0]!.petitions.map((p) => p.caseNumber).sort()).toEqual([first.caseNumber, second.caseNumber].sort());
      expect(byId.body.items[0]!.person['name']).toBe('周**');
      expect(findPersonalData([JSON.stringify(byId.body)], Object.values(person))).toEqual([]);

      const spaced = `${person.phone.slice(0, 3)} ${person.phone.slice(3, 7)} ${person.phone.slice(7)}`;
      const byPhone = await clerk.post<{ items: PersonView[] }>('/persons/search', { phone: `+86 ${spaced}` });
      expect(byPhone.body.items.map((p) => p.id)).toEqual([first.petitioners[0]!['personId']]);

      const listed = await clerk.get<Page<PetitionView>>(`/petitions?personId=${first.petitioners[0]!['personId']}`);
      expect(listed.body.total).toBe(2);

      const one = await clerk.get<PersonView>(`/persons/${first.petitioners[0]!['personId']}/petitions`);
      expect(one.status).toBe(200);
      expect(one.body.petitions).toHaveLength(2);
    });

    it('gives a new person who arrives at two desks at once one registry entry', async () => {
      const person = aPerson({ name: '卫国强' });
      const results = await Promise.all(
        [22, 25, 29, 34].map((categoryId) => clerk.post<PetitionView>('/petitions', aPetitionBody({ petitioners: [person], categoryId }))),
      );
      expect(results.map((r) => r.status)).toEqual([201, 201, 201, 201]);
      expect(new Set(results.map((r) => r.body.petitioners[0]!['personId'])).size).toBe(1);
      const found = await clerk.post<{ items: PersonView[] }>('/persons/search', { idNumber: person.idNumber });
      expect(found.body.items).toHaveLength(1);
      expect(found.body.items[0]!.petitions).toHaveLength(4);
    });

    it('recognises someone without an ID number by name and phone together, never by phone alone', async () => {
      const phone = aPerson().phone;
      const a = await register({ petitioners: [{ name: '吴大爷', phone }], categoryId: 22 });
      const b = await register({ petitioners: [{ name: '吴大爷', phone }], categoryId: 48 });
      const c = await register({ petitioners: [{ name: '吴大娘', phone }], categoryId: 48 });
      expect(b.petitioners[0]!['personId']).toBe(a.petitioners[0]!['personId']);
      expect(c.petitioners[0]!['personId']).not.toBe(a.petitioners[0]!['personId']);
      expect(c.flags['repeat']).toBe(false);
    });

    it('takes phones as people write them: local numbers, area codes, extensions, full-width digits', async () => {
      const local = await register({ petitioners: [{ name: '郑秀梅', phone: '8765 4321' }], categoryId: 81 });
      const withArea = await register({ petitioners: [{ name: '郑秀梅', phone: '(0431)87654321' }], categoryId: 105 });
      expect(withArea.petitioners[0]!['personId']).toBe(local.petitioners[0]!['personId']);
      const fullWidth = await register({ petitioners: [{ name: '冯志强', phone: '１３９ ００１３ ９０７７' }], categoryId: 81 });
      const ascii = await register({ petitioners: [{ name: '冯志强', phone: '+86 139-0013-9077' }], categoryId: 105 });
      expect(ascii.petitioners[0]!['personId']).toBe(fullWidth.petitioners[0]!['personId']);
      const extension = await register({ petitioners: [{ name: '褚建华', phone: '0431-8888 6666 转 312' }] });
      const personal = await clerk.get<{ petitioners: Array<{ phone: string }> }>(`/petitions/${extension.id}/personal-data`);
      expect(personal.body.petitioners[0]!.phone).toBe('0431-88886666-312');
      expect(extension.petitioners[0]!['phone']).not.toContain('6666');
      const found = await clerk.post<{ items: PersonView[] }>('/persons/search', { phone: '0431-87654321' });
      expect(found.body.items.map((p) => p.id)).toEqual([local.petitioners[0]!['personId']]);
    });

    it('refuses a search without idNumber or phone, or with an invalid one, and audits searches', async () => {
      expect(details(await clerk.post('/persons/search', {}))).toEqual([expect.objectContaining({ field: 'idNumber', rule: 'idNumberOrPhone' })]);
      expect(details(await clerk.post('/persons/search', { idNumber: '123' }))).toEqual([expect.objectContaining({ field: 'idNumber' })]);
      const auditor = await svc.as({ roles: ['auditor'] });
      const audit = await auditor.get<Page<Record<string, unknown>>>('/audit-events?action=person.search');
      expect(audit.body.items.length).toBeGreaterThan(0);
      expect(audit.body.items[0]).toMatchObject({ actor: { subject: 'clerk-li' }, action: 'person.search' });
    });
  });

  describe('repeat petitions and merging (合并件)', () => {
    it('links a repeat to the first petition on the matter, refuses a second live case, and merges it with history', async () => {
      const person = aPerson({ name: '钱有福' });
      const original = await register({ petitioners: [person], categoryId: 515 });
      const accepted = await clerk.post(`/petitions/${original.id}/acceptance-decision`, { decision: 'accept' });
      expect(accepted.status).toBe(200);

      const second = await register({ petitioners: [person], categoryId: 515, channel: 'phone' });
      const third = await register({ petitioners: [person], categoryId: 515, channel: 'letter' });
      const otherMatter = await register({ petitioners: [person], categoryId: 514 });
      expect(second.flags['repeat']).toBe(true);
      expect(second.repeatOf).toEqual({ petitionId: original.id, caseNumber: original.caseNumber });
      expect(third.repeatOf).toEqual({ petitionId: original.id, caseNumber: original.caseNumber });
      expect(otherMatter.flags['repeat']).toBe(false);

      const refused = await clerk.post<ApiErrorBody>(`/petitions/${second.id}/acceptance-decision`, { decision: 'accept' });
      expect({ status: refused.status, code: refused.body.code }).toEqual({ status: 409, code: 'INTAKE.REPEAT_PETITION' });
      expect(refused.body.message).toContain(original.caseNumber);

      const merged = await clerk.post<PetitionView>(`/petitions/${second.id}/merge`, { intoPetitionId: original.id });
      expect(merged.status).toBe(200);
      expect(merged.body).toMatchObject({ status: 'merged', mergedInto: { petitionId: original.id, caseNumber: original.caseNumber } });
      expect(merged.body.mergedCaseNumber).toMatch(/^220106-\d{4}-M\d{5}$/);
      // Repeating the merge answers with the result; a second source shares the number.
      expect((await clerk.post<PetitionView>(`/petitions/${second.id}/merge`, { intoPetitionId: original.id })).body.status).toBe('merged');
      const thirdMerged = await clerk.post<PetitionView>(`/petitions/${third.id}/merge`, { intoPetitionId: original.id });
      expect(thirdMerged.body.mergedCaseNumber).toBe(merged.body.mergedCaseNumber);

      const target = (await clerk.get<PetitionView>(`/petitions/${original.id}`)).body;
      expect(target.mergedCaseNumber).toBe(merged.body.mergedCaseNumber);
      const group = await clerk.get<Page<PetitionView>>(`/petitions?caseNumber=${merged.body.mergedCaseNumber}`);
      expect(group.body.items.map((p) => p.id).sort()).toEqual([original.id, second.id, third.id].sort());

      // A merged petition is never decided on its own, and the event announces the merge once.
      const late = await clerk.post<ApiErrorBody>(`/petitions/${second.id}/acceptance-decision`, { decision: 'not_accept', reason: 'outside_competence' });
      expect({ status: late.status, code: late.body.code }).toEqual({ status: 409, code: 'INTAKE.ALREADY_DECIDED' });
      await waitFor(async () => (await events('intake.petition.merged.v1', second.id)).length === 1, { description: 'merged event' });
      const [mergedEvent] = await events('intake.petition.merged.v1', second.id);
      expect(mergedEvent!.data['payload']).toMatchObject({ mergedIntoCaseNumber: original.caseNumber, mergedCaseNumber: merged.body.mergedCaseNumber });

      const timeline = (await clerk.get<Timeline>(`/petitions/${original.id}/timeline`)).body.entries;
      expect(timeline.map((e) => e.action)).toEqual(['registered', 'accepted', 'merge_target', 'merged_in', 'merged_in']);
      expect(timeline.every((e) => e.by === 'clerk-li')).toBe(true);
      expect(timeline.filter((e) => e.action === 'merged_in').map((e) => e.details?.['caseNumber']).sort()).toEqual(
        [second.caseNumber, third.caseNumber].sort(),
      );
    });

    it('gives concurrent merges into one petition one merged-case number', async () => {
      const target = await register({ petitioners: [aPerson()] });
      const sources = await Promise.all(Array.from({ length: 4 }, () => register({ petitioners: [aPerson()] })));
      const merged = await Promise.all(sources.map((src) => clerk.post<PetitionView>(`/petitions/${src.id}/merge`, { intoPetitionId: target.id })));
      expect(merged.map((m) => m.status)).toEqual([200, 200, 200, 200]);
      const numbers = new Set(merged.map((m) => m.body.mergedCaseNumber));
      expect(numbers.size).toBe(1);
      expect((await clerk.get<PetitionView>(`/petitions/${target.id}`)).body.mergedCaseNumber).toBe([...numbers][0]);
      const timeline = (await clerk.get<Timeline>(`/petitions/${target.id}/timeline`)).body.entries;
      expect(timeline.filter((e) => e.action === 'merged_in')).toHaveLength(4);
      expect(timeline.filter((e) => e.action === 'merge_target')).toHaveLength(1);
    });

    it.each([
      ['itself', 'self', 'INTAKE.MERGE_SELF'],
      ['a merged petition', 'merged', 'INTAKE.MERGE_TARGET_MERGED'],
      ['an unknown petition', 'unknown', 'INTAKE.MERGE_TARGET_NOT_FOUND'],
    ])('refuses merging into %s', async (_label, kind, code) => {
      const a = await register({ petitioners: [aPerson()] });
      let into = a.id;
      if (kind === 'unknown') into = '5b0e3c51-9d7b-4c3e-a2f1-000000000000';
      if (kind === 'merged') {
        const host = await register({ petitioners: [aPerson()] });
        const guest = await register({ petitioners: [aPerson()] });
        expect((await clerk.post(`/petitions/${guest.id}/merge`, { intoPetitionId: host.id })).status).toBe(200);
        into = guest.id;
      }
      const res = await clerk.post<ApiErrorBody>(`/petitions/${a.id}/merge`, { intoPetitionId: into });
      expect({ status: res.status, code: res.body.code }).toEqual({ status: 409, code });
    });

    it('lets a clerk clear a wrong repeat link, after which the petition can be accepted', async () => {
      const person = aPerson();
      const original = await register({ petitioners: [person], categoryId: 30 });
      const similar = await register({ petitioners: [person], categoryId: 30 });
      expect(similar.repeatOf?.petitionId).toBe(original.id);
      const cleared = await clerk.post<PetitionView>(`/petitions/${similar.id}/flags`, { repeat: false, reason: '另一处房屋的质量问题，非同一事项' });
      expect(cleared.status).toBe(200);
      expect(cleared.body.flags['repeat']).toBe(false);
      expect(cleared.body.repeatOf).toBeUndefined();
      expect((await clerk.post(`/petitions/${similar.id}/acceptance-decision`, { decision: 'accept' })).status).toBe(200);
      const actions = (await clerk.get<Timeline>(`/petitions/${similar.id}/timeline`)).body.entries.map((e) => e.action);
      expect(actions).toEqual(['registered', 'flags_changed', 'repeat_link_cleared', 'accepted']);
    });

    it('does not call a referral escalated when the matter was already decided here; it is a repeat', async () => {
      const person = aPerson();
      const decided = await register({ petitioners: [person], categoryId: 60 });
      expect((await clerk.post(`/petitions/${decided.id}/acceptance-decision`, { decision: 'not_accept', reason: 'litigation_arbitration_review' })).status).toBe(200);
      const back = await register({ petitioners: [person], categoryId: 60, channel: 'transferred', referral: REFERRAL });
      expect(back.flags).toMatchObject({ repeat: true, escalated: false });
      expect(back.repeatOf?.petitionId).toBe(decided.id);
    });
  });

  describe('flags raised later', () => {
    it('raises a threat with a reason, emits the change for emergency, and records it', async () => {
      const p = await register({ petitioners: [aPerson()] });
      const res = await clerk.post<PetitionView>(`/petitions/${p.id}/flags`, { threatOfExtremeAction: true, backlog: true, reason: '来电中扬言到市政府门前聚集' });
      expect(res.status).toBe(200);
      expect(res.body.flags).toMatchObject({ threatOfExtremeAction: true, backlog: true });
      await waitFor(async () => (await events('intake.petition.flags-changed.v1', p.id)).length === 1, { description: 'flags-changed event' });
      const [changed] = await events('intake.petition.flags-changed.v1', p.id);
      expect(changed!.data['payload']).toMatchObject({ caseNumber: p.caseNumber, flags: { threatOfExtremeAction: true, backlog: true } });
      // Setting what is already set changes nothing and announces nothing.
      await clerk.post(`/petitions/${p.id}/flags`, { threatOfExtremeAction: true, reason: '再次来电' });
      expect(await events('intake.petition.flags-changed.v1', p.id)).toHaveLength(1);
      expect(await total('&threatOfExtremeAction=true&backlog=true')).toBeGreaterThanOrEqual(1);
    });

    it.each([
      [{ reason: '无' }, 'flags', 'atLeastOne'],
      [{ repeat: true, reason: '同一事项' }, 'repeat', 'onlyClear'],
      [{ abnormal: true }, 'reason', 'isNotEmpty'],
      [{ abnormal: 'yes', reason: 'x' }, 'abnormal', 'isBoolean'],
      [{ collective: true, reason: 'x' }, 'collective', 'whitelistValidation'],
    ])('refuses %j naming %s / %s', async (body, field, rule) => {
      const p = await register({ petitioners: [aPerson()] });
      const res = await clerk.post(`/petitions/${p.id}/flags`, body);
      expect(res.status).toBe(400);
      expect(details(res)).toEqual(expect.arrayContaining([expect.objectContaining({ field, rule })]));
    });
  });

  describe('the timeline', () => {
    it('shows intake’s changes with who made them, then routing, the case, the decision and the evaluation', async () => {
      const person = aPerson();
      const p = await register({ petitioners: [person], categoryId: 515 });
      expect((await clerk.post(`/petitions/${p.id}/flags`, { backlog: true, reason: '多年未解决的退休金问题' })).status).toBe(200);
      const director = await svc.as({ sub: 'director-zhang', roles: ['centre_director'] });
      expect((await director.post(`/petitions/${p.id}/acceptance-decision`, { decision: 'accept' })).status).toBe(200);

      const t0 = Date.now();
      const at = (ms: number) => new Date(t0 + ms).toISOString();
      const common = { petitionId: p.id, caseNumber: p.caseNumber };
      const routed = { ...aRoutedPetition({ ...common, workUnit: 'LABOUR', responsibleBody: 'area:HX' }), occurredAt: at(10) };
      const opened = anOpenedCase({ ...common, workUnit: 'LABOUR', responsibleBody: 'area:HX', openedAt: at(20) });
      const decided = aDecidedCase({ ...common, caseId: opened.payload.caseId, outcome: 'support', decidedAt: at(30) });
      // Handling's events may overtake routing's; the timeline orders by when things happened.
      for (const event of [decided, opened, routed]) {
        await publishEnvelope(svc.ns.natsUrl, svc.ns.busPrefix, event);
      }
      await waitFor(
        async () => (await clerk.get<Timeline>(`/petitions/${p.id}/timeline`)).body.entries.some((e) => e.action === 'handling_decided') &&
          (await clerk.get<Timeline>(`/petitions/${p.id}/timeline`)).body.entries.some((e) => e.action === 'routed'),
        { description: 'downstream progress in the timeline' },
      );
      const evaluated = await anonymous.post('/public/evaluations', {
        queryCode: p.queryCode,
        phoneLast4: person.phone.slice(-4),
        decisionId: decided.payload.decisionId,
        bureau: 'satisfied',
        unit: 'dissatisfied',
      });
      expect(evaluated.status).toBe(201);

      const entries = (await clerk.get<Timeline>(`/petitions/${p.id}/timeline`)).body.entries;
      expect(entries.map((e) => [e.action, e.by])).toEqual([
        ['registered', 'clerk-li'],
        ['flags_changed', 'clerk-li'],
        ['accepted', 'director-zhang'],
        ['routed', 'routing'],
        ['case_opened', 'handling'],
        ['handling_decided', 'handling'],
        ['evaluated', 'petitioner'],
      ]);
      expect(entries.find((e) => e.action === 'evaluated')?.details).toMatchObject({ bureau: 'satisfied', unit: 'dissatisfied' });
      const times = entries.map((e) => new Date(e.at).getTime());
      expect([...times].sort((a, b) => a - b)).toEqual(times);
      expect(findPersonalData([JSON.stringify(entries)], Object.values(person))).toEqual([]);
    });
  });

  describe('the clerk’s search', () => {
    let a: PetitionView;
    let b: PetitionView;
    const from = new Date(Date.now() - 40 * DAY);

    beforeAll(async () => {
      a = await register({ petitioners: [aPerson()], townCode: 'TX', categoryId: 424, receivedAt: new Date(from.getTime() + DAY).toISOString(), headcount: 7 });
      b = await register({ petitioners: [aPerson()], townCode: 'TX', categoryId: 424, channel: 'letter', receivedAt: new Date(from.getTime() + 2 * DAY).toISOString() });
    });

    const ids = async (query: string) => (await clerk.get<Page<PetitionView>>(`/petitions?pageSize=100&${query}`)).body.items.map((p) => p.id);

    it('finds by case number, query code, category, town, channel, flags, status and date range, sorted', async () => {
      expect(await ids(`caseNumber=${a.caseNumber}`)).toEqual([a.id]);
      expect(await ids(`queryCode=${b.queryCode.toLowerCase()}`)).toEqual([b.id]);
      expect(await ids('categoryId=424&townCode=TX')).toEqual([b.id, a.id]);
      expect(await ids('categoryId=424&townCode=TX&sort=receivedAt')).toEqual([a.id, b.id]);
      expect(await ids('categoryId=424&channel=letter')).toEqual([b.id]);
      expect(await ids('categoryId=424&collective=true')).toEqual([a.id]);
      expect(await ids('categoryId=424&collective=false')).toEqual([b.id]);
      expect(await ids(`categoryId=424&receivedFrom=${encodeURIComponent(from.toISOString())}&receivedTo=${encodeURIComponent(new Date(from.getTime() + 1.5 * DAY).toISOString())}`)).toEqual([a.id]);
      expect(await ids('categoryId=424&status=registered')).toEqual([b.id, a.id]);
      expect(await ids('categoryId=424&status=accepted')).toEqual([]);
      const page2 = await clerk.get<Page<PetitionView>>('/petitions?categoryId=424&pageSize=1&page=2');
      expect(page2.body).toMatchObject({ total: 2, items: [{ id: a.id }] });
    });

    it.each([
      ['caseNumber=42', 'caseNumber', 'matches'],
      ['status=lost', 'status', 'isIn'],
      ['collective=maybe', 'collective', 'isBoolean'],
      ['receivedFrom=yesterday', 'receivedFrom', 'isOffsetDateTime'],
      ['receivedFrom=0', 'receivedFrom', 'isOffsetDateTime'],
      ['receivedTo=2026-11-01', 'receivedTo', 'isOffsetDateTime'],
      ['receivedFrom=2026-11-02T00:00:00Z&receivedTo=2026-11-01T00:00:00Z', 'receivedTo', 'afterReceivedFrom'],
      ['sort=name', 'sort', 'isIn'],
      ['personId=abc', 'personId', 'isUuid'],
      ['categoryId[$gt]=1', 'categoryId[$gt]', 'whitelistValidation'],
    ])('refuses %s naming %s / %s', async (query, field, rule) => {
      const res = await clerk.get(`/petitions?${query}`);
      expect(res.status).toBe(400);
      expect(details(res)).toEqual(expect.arrayContaining([expect.objectContaining({ field, rule })]));
    });
  });

  it('writes none of the personal data of anyone registered, searched or submitted online to the logs', async () => {
    // This file's other tests add many more; these make the check meaningful when run alone.
    const online = aPerson();
    const { address: _address, ...form } = online;
    await anonymous.post('/public/petitions', { ...form, townCode: 'XX', itemClass: 'appeal', subject: '噪音扰民', description: '夜间施工噪音扰民。' });
    const desk = aPerson();
    await register({ petitioners: [desk] });
    await clerk.post('/persons/search', { phone: desk.phone });
    await clerk.post('/petitions', aPetitionBody({ petitioners: [{ ...aPerson(), idNumber: '110105194912310021' }] }));
    const values = everyPersonMade().flatMap((p) => [p['idNumber']!, p['phone']!, p['address']!]);
    expect(findPersonalData(svc.logs, values)).toEqual([]);
  });
});
