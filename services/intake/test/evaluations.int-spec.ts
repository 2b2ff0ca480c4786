import type { EventEnvelope, WorkUnit } from '@pdmc/contracts';
import { loadConfig } from '@pdmc/platform';
import {
  aDecidedCase,
  findPersonalData,
  http,
  publishEnvelope,
  sleep,
  startInProcess,
  streamMessages,
  waitFor,
  type HttpClient,
  type InProcessService,
  type AsJson,
} from '@pdmc/testing';
import { startIntake } from '../src/app';
import { IntakeConfig } from '../src/config/intake.config';
import { aPerson, aPetitionBody, piiEnv } from './support';
import type { Petition } from '../src/petitions/domain/petition';

/*
 * The petitioner evaluates decisions (满意 / 基本满意 / 不满意) with the query code and the phone's
 * last four digits; staff read the figures. Handling decisions are published here as handling
 * would publish them.
 */

const DAY = 24 * 60 * 60 * 1000;
const LABEL = 'intake-evaluations';
const CLERK = 'clerk-evaluations-wu';
/** Per client address; each test calls from its own address (TRUST_PROXY, X-Forwarded-For). */
const RATE_LIMIT = 12;

/** A petition as the API answers it: the service's view, dates as strings. */
type PetitionView = AsJson<Petition>;

interface ErrorBody {
  code: string;
  message: string;
  details?: Array<{ field: string; rule: string }>;
}

type Body = Record<string, unknown> & Partial<ErrorBody>;

interface Counts {
  satisfied: number;
  basically_satisfied: number;
  dissatisfied: number;
  total: number;
  satisfactionRate: number | null;
}

interface Summary {
  bureau: Counts;
  unit: Counts;
  byWorkUnit: Array<{ workUnit: { code: string; name: string }; bureau: Counts; unit: Counts }>;
}

const counts = (satisfied: number, basically: number, dissatisfied: number, rate: number | null): Counts => ({
  satisfied,
  basically_satisfied: basically,
  dissatisfied,
  total: satisfied + basically + dissatisfied,
  satisfactionRate: rate,
});

describe('intake: petitioners evaluate decisions (real servers)', () => {
  let svc: InProcessService;
  let clerk: HttpClient;
  let addresses = 0;

  beforeAll(async () => {
    svc = await startInProcess({
      label: LABEL,
      start: (env, logs) => startIntake(loadConfig(IntakeConfig, env), logs),
      env: { ...piiEnv(), PUBLIC_RATE_LIMIT_PER_MINUTE: String(RATE_LIMIT), TRUST_PROXY: 'true' },
    });
    clerk = await svc.as({ sub: CLERK, roles: ['intake_clerk'] });
  });

  afterAll(async () => {
    await svc?.close();
  });

  /** An anonymous client calling from an address of its own. */
  const aClient = () => {
    addresses += 1;
    return http(svc.service.url, { 'x-forwarded-for': `10.20.${Math.floor(addresses / 250)}.${(addresses % 250) + 1}` });
  };

  /** Given a petition registered at the front desk, decided if `decision` is given. */
  const register = async (decision?: Record<string, unknown>) => {
    const person = aPerson();
    const res = await clerk.post<PetitionView>('/petitions', aPetitionBody({ petitioners: [person] }));
    expect(res.status).toBe(201);
    const petition = res.body;
    if (decision) {
      expect((await clerk.post(`/petitions/${petition.id}/acceptance-decision`, decision)).status).toBe(200);
    }
    return { petition, person, digits: person.phone.slice(-4) };
  };

  const handled = (event: EventEnvelope) =>
    waitFor(
      () => svc.logs.some((l) => l.includes('"msg":"event handled"') && l.includes(`"eventId":"${event.id}"`)),
      { description: `event ${event.id} handled` },
    );

  /** Given an accepted petition and a handling decision on it, `daysAgo` days ago. */
  const decided = async (over: { workUnit?: WorkUnit; daysAgo?: number } = {}) => {
    const given = await register({ decision: 'accept' });
    const decidedAt = new Date(Date.now() - (over.daysAgo ?? 1) * DAY);
    const event = aDecidedCase({
      petitionId: given.petition.id,
      caseNumber: given.petition.caseNumber,
      workUnit: over.workUnit ?? 'LABOUR',
      responsibleBody: 'area:HX',
      decidedAt: decidedAt.toISOString(),
      reviewRequestDueAt: new Date(decidedAt.getTime() + 30 * DAY).toISOString(),
    });
    await publishEnvelope(svc.ns.natsUrl, svc.ns.busPrefix, event);
    await handled(event);
    return { ...given, decisionId: event.payload.decisionId, event };
  };

  const evaluate = (
    given: { petition: PetitionView; digits: string },
    body: Record<string, unknown>,
    client: HttpClient = aClient(),
  ) =>
    client.post<Body>('/public/evaluations', {
      queryCode: given.petition.queryCode,
      phoneLast4: given.digits,
      ...body,
    });

  const lookUp = (given: { petition: PetitionView; digits: string }, client: HttpClient = aClient()) =>
    client.post<Body>('/public/petition-status', { queryCode: given.petition.queryCode, phoneLast4: given.digits });

  const submittedEvents = async (decisionId: string) =>
    (await streamMessages(svc.ns.natsUrl, `${svc.ns.streamPrefix}INTAKE`)).filter(
      (m) =>
        m.data['type'] === 'intake.evaluation.submitted.v1' &&
        (m.data['payload'] as Record<string, unknown>)['decisionId'] === decisionId,
    );

  /** The event, once it is out; then three more relay polls to show that no second one follows. */
  const theOneEvent = async (decisionId: string) => {
    await waitFor(async () => (await submittedEvents(decisionId)).length > 0, { description: 'the submitted event' });
    await sleep(700);
    const events = await submittedEvents(decisionId);
    expect(events).toHaveLength(1);
    return events[0].data;
  };

  const wrongDigits = (digits: string) => (digits === '0000' ? '0001' : '0000');

  it('takes one evaluation of a handling decision, shows it in the look-up, and emits it once without personal data', async () => {
    const given = await decided();
    const res = await evaluate(given, { decisionId: given.decisionId, bureau: 'satisfied', unit: 'basically_satisfied' });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.any(String),
      decisionId: given.decisionId,
      decisionKind: 'handling',
      bureau: 'satisfied',
      unit: 'basically_satisfied',
      submittedAt: expect.any(String),
    });

    const again = await evaluate(given, { decisionId: given.decisionId, bureau: 'dissatisfied', unit: 'dissatisfied' });
    expect({ status: again.status, code: again.body.code }).toEqual({ status: 409, code: 'INTAKE.ALREADY_EVALUATED' });

    const status = await lookUp(given);
    expect((status.body['decisions'] as unknown[])[0]).toMatchObject({
      decisionId: given.decisionId,
      evaluation: {
        state: 'evaluated',
        bureau: 'satisfied',
        unit: 'basically_satisfied',
        submittedAt: res.body['submittedAt'],
        openUntil: new Date(Date.parse(given.event.payload.decidedAt) + 30 * DAY).toISOString(),
      },
    });

    const event = await theOneEvent(given.decisionId);
    expect(event).toMatchObject({ producer: 'intake', version: 1 });
    expect(event['payload']).toEqual({
      evaluationId: res.body['id'],
      petitionId: given.petition.id,
      caseNumber: given.petition.caseNumber,
      decisionKind: 'handling',
      decisionId: given.decisionId,
      workUnit: 'LABOUR',
      responsibleBody: 'area:HX',
      bureau: 'satisfied',
      unit: 'basically_satisfied',
      submittedAt: res.body['submittedAt'],
    });
    const secrets = [...Object.values(given.person), given.petition.queryCode];
    expect(secrets.filter((s) => JSON.stringify(event).includes(s))).toEqual([]);
    expect(findPersonalData(svc.logs, Object.values(given.person))).toEqual([]);

    const auditor = await svc.as({ roles: ['auditor'] });
    const audit = await auditor.get<{ items: Array<Record<string, unknown>> }>(
      `/audit-events?action=evaluation.submit&objectId=${String(res.body['id'])}`,
    );
    expect(audit.body.items).toEqual([
      expect.objectContaining({ outcome: 'success', status: 201, actor: expect.objectContaining({ subject: 'anonymous' }) }),
    ]);
  });

  it('takes exactly one of several evaluations of one decision sent at once', async () => {
    const given = await decided();
    const ratings = ['satisfied', 'basically_satisfied', 'dissatisfied', 'satisfied'] as const;
    const results = await Promise.all(
      ratings.map((bureau) => evaluate(given, { decisionId: given.decisionId, bureau, unit: 'satisfied' })),
    );
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409, 409]);
    expect(results.filter((r) => r.status === 409).map((r) => r.body.code)).toEqual(Array(3).fill('INTAKE.ALREADY_EVALUATED'));
    const winner = results.find((r) => r.status === 201);
    expect((await theOneEvent(given.decisionId))['payload']).toMatchObject({ evaluationId: winner?.body['id'] });
  });

  it('answers wrong digits with the look-up’s 404, counting towards the same lock', async () => {
    const given = await decided();
    const wrong = { ...given, digits: wrongDigits(given.digits) };
    const byEvaluation = await evaluate(wrong, { decisionId: given.decisionId, bureau: 'satisfied', unit: 'satisfied' });
    const byLookUp = await lookUp(wrong);
    expect([byEvaluation.status, byLookUp.status]).toEqual([404, 404]);
    expect(byEvaluation.body).toMatchObject({ code: 'INTAKE.LOOKUP_NO_MATCH', message: byLookUp.body.message });

    // Five failures in all (LOOKUP_MAX_FAILURES), through either door, lock the code.
    for (let i = 0; i < 2; i++) expect((await evaluate(wrong, { decisionId: given.decisionId, bureau: 'satisfied', unit: 'satisfied' })).status).toBe(404);
    expect((await lookUp(wrong)).status).toBe(404);
    const locked = await evaluate(given, { decisionId: given.decisionId, bureau: 'satisfied', unit: 'satisfied' });
    expect({ status: locked.status, code: locked.body.code }).toEqual({ status: 429, code: 'INTAKE.LOOKUP_LOCKED' });
    expect((await lookUp(given)).status).toBe(429);
    expect(await submittedEvents(given.decisionId)).toEqual([]);
  });

  it('answers a decision that is not this petition’s like a wrong code', async () => {
    const mine = await decided();
    const theirs = await decided();
    const wrongCode = await evaluate(
      { petition: { ...mine.petition, queryCode: 'ZZZZZZZZZZ' }, digits: mine.digits },
      { decisionId: mine.decisionId, bureau: 'satisfied', unit: 'satisfied' },
    );
    const foreign = await evaluate(mine, { decisionId: theirs.decisionId, bureau: 'satisfied', unit: 'satisfied' });
    const foreignAcceptance = await evaluate(mine, { decisionId: `${theirs.petition.caseNumber}:acceptance`, bureau: 'satisfied' });
    for (const res of [foreign, foreignAcceptance]) {
      expect({ status: res.status, body: res.body }).toEqual({ status: 404, body: { ...wrongCode.body, correlationId: expect.any(String) } });
    }
    // Theirs is still open to them.
    expect((await evaluate(theirs, { decisionId: theirs.decisionId, bureau: 'satisfied', unit: 'satisfied' })).status).toBe(201);
  });

  it('refuses bad ratings and fields with 400 naming the field, storing nothing', async () => {
    const given = await decided();
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ bureau: 'very_satisfied', unit: 'satisfied' }, 'bureau'],
      [{ bureau: 'satisfied', unit: '满意' }, 'unit'],
      [{ unit: 'satisfied' }, 'bureau'],
      [{ bureau: 'satisfied' }, 'unit'],
      [{ bureau: 'satisfied', unit: 'satisfied', comment: '态度很好' }, 'comment'],
      [{ bureau: { $ne: null }, unit: 'satisfied' }, 'bureau'],
    ];
    const client = aClient();
    for (const [body, field] of cases) {
      const res = await evaluate(given, { decisionId: given.decisionId, ...body }, client);
      expect({ body, status: res.status, code: res.body.code, fields: res.body.details?.map((d) => d.field) }).toEqual({
        body,
        status: 400,
        code: 'VALIDATION_FAILED',
        fields: [field],
      });
    }
    const missingUnit = await evaluate(given, { decisionId: given.decisionId, bureau: 'satisfied' }, client);
    expect(missingUnit.body.details).toEqual([expect.objectContaining({ field: 'unit', rule: 'INTAKE.UNIT_RATING_REQUIRED' })]);
    const badId = await evaluate(given, { decisionId: 'not-a-decision', bureau: 'satisfied' }, client);
    expect(badId.body.details?.map((d) => d.field)).toEqual(['decisionId']);
    expect(await submittedEvents(given.decisionId)).toEqual([]);
  });

  it('takes the bureau’s rating only for an acceptance decision that ended the petition, and none for an accept', async () => {
    const declined = await register({ decision: 'not_accept', reason: 'outside_competence' });
    const decisionId = `${declined.petition.caseNumber}:acceptance`;
    const withUnit = await evaluate(declined, { decisionId, bureau: 'satisfied', unit: 'satisfied' });
    expect({ status: withUnit.status, details: withUnit.body.details }).toEqual({
      status: 400,
      details: [expect.objectContaining({ field: 'unit', rule: 'INTAKE.UNIT_RATING_NOT_ALLOWED' })],
    });
    const res = await evaluate(declined, { decisionId, bureau: 'basically_satisfied' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ decisionId, decisionKind: 'acceptance', bureau: 'basically_satisfied', unit: null });
    expect((await lookUp(declined)).body['acceptance']).toMatchObject({
      decisionId,
      evaluation: { state: 'evaluated', bureau: 'basically_satisfied' },
    });
    const payload = (await theOneEvent(decisionId))['payload'] as Record<string, unknown>;
    expect(payload).toMatchObject({ decisionKind: 'acceptance', bureau: 'basically_satisfied' });
    expect(Object.keys(payload)).not.toEqual(expect.arrayContaining(['unit']));
    expect(Object.keys(payload)).not.toEqual(expect.arrayContaining(['workUnit']));

    const accepted = await register({ decision: 'accept' });
    const notEvaluated = await evaluate(accepted, { decisionId: `${accepted.petition.caseNumber}:acceptance`, bureau: 'satisfied' });
    expect({ status: notEvaluated.status, code: notEvaluated.body.code }).toEqual({ status: 409, code: 'INTAKE.NOT_EVALUATED_DECISION' });
    expect((await lookUp(accepted)).body['acceptance']).toEqual({ kind: 'accept', decidedAt: expect.any(String) });
  });

  it('takes evaluations within 30 days of the decision only', async () => {
    const recent = await decided({ daysAgo: 29 });
    const late = await decided({ daysAgo: 31 });
    expect((await evaluate(recent, { decisionId: recent.decisionId, bureau: 'satisfied', unit: 'satisfied' })).status).toBe(201);
    const refused = await evaluate(late, { decisionId: late.decisionId, bureau: 'satisfied', unit: 'satisfied' });
    expect({ status: refused.status, code: refused.body.code }).toEqual({ status: 409, code: 'INTAKE.EVALUATION_WINDOW_CLOSED' });
    expect(((await lookUp(late)).body['decisions'] as Array<Record<string, unknown>>)[0]['evaluation']).toEqual({
      state: 'closed',
      openUntil: new Date(Date.parse(late.event.payload.decidedAt) + 30 * DAY).toISOString(),
    });
  });

  it('limits how often one client address may submit', async () => {
    const client = aClient();
    // A fresh unknown code each time, so that no code collects failures towards its lock.
    const body = () => ({
      queryCode: Array.from({ length: 10 }, () => 'ABCDEFGHJKMNPQRSTUVWXYZ23456789'[Math.floor(Math.random() * 31)]).join(''),
      phoneLast4: '0000',
      decisionId: '220106-2026-000001:acceptance',
      bureau: 'satisfied',
    });
    const answers: Array<{ status: number; code?: string }> = [];
    for (let i = 0; i <= RATE_LIMIT; i++) {
      const res = await client.post<ErrorBody>('/public/evaluations', body());
      answers.push({ status: res.status, code: res.body.code });
    }
    expect(answers.slice(0, RATE_LIMIT).map((a) => a.status)).toEqual(Array(RATE_LIMIT).fill(404));
    expect(answers[RATE_LIMIT]).toEqual({ status: 429, code: 'RATE_LIMITED' });
    expect((await aClient().post('/public/evaluations', body())).status).toBe(404);
  });

  describe('the figures for staff', () => {
    const summary = async (query = '') => {
      const res = await (await svc.as({ roles: ['supervision_commissioner'] })).get<Summary>(`/evaluations/summary${query}`);
      expect(res.status).toBe(200);
      return res.body;
    };

    it('counts each rating and the satisfaction rate for the bureau and the units, overall and per unit', async () => {
      const start = new Date();
      await sleep(5);
      const before = await summary();
      const ratings = [
        ['satisfied', 'satisfied'],
        ['basically_satisfied', 'dissatisfied'],
        ['dissatisfied', 'dissatisfied'],
      ] as const;
      for (const [bureau, unit] of ratings) {
        const given = await decided({ workUnit: 'HOTLINE' });
        expect((await evaluate(given, { decisionId: given.decisionId, bureau, unit })).status).toBe(201);
      }
      const declined = await register({ decision: 'forward', forwardTo: '区人力资源和社会保障局' });
      const acceptanceId = `${declined.petition.caseNumber}:acceptance`;
      expect((await evaluate(declined, { decisionId: acceptanceId, bureau: 'satisfied' })).status).toBe(201);

      const hotline = counts(1, 1, 1, 0.6667);
      const hotlineUnit = counts(1, 0, 2, 0.3333);
      expect(await summary('?workUnit=HOTLINE')).toEqual({
        from: null,
        to: null,
        workUnit: 'HOTLINE',
        bureau: hotline,
        unit: hotlineUnit,
        byWorkUnit: [{ workUnit: { code: 'HOTLINE', name: '公开电话' }, bureau: hotline, unit: hotlineUnit }],
      });

      // Overall: the three handling decisions and the acceptance for the bureau; the three for the units.
      const after = await summary();
      const delta = (a: Counts, b: Counts) => [a.satisfied - b.satisfied, a.basically_satisfied - b.basically_satisfied, a.dissatisfied - b.dissatisfied];
      expect(delta(after.bureau, before.bureau)).toEqual([2, 1, 1]);
      expect(delta(after.unit, before.unit)).toEqual([1, 0, 2]);
      expect(after.byWorkUnit.map((u) => u.workUnit.code)).toEqual(['AGRI_LAND', 'URBAN_ENV', 'ENTERPRISE', 'LABOUR', 'MEDIATION_LEGAL', 'HOTLINE', 'REVIEW']);
      expect(after.byWorkUnit.find((u) => u.workUnit.code === 'REVIEW')).toEqual({
        workUnit: { code: 'REVIEW', name: '复查复核' },
        bureau: counts(0, 0, 0, null),
        unit: counts(0, 0, 0, null),
      });
      const sum = (part: 'bureau' | 'unit') => after.byWorkUnit.reduce((n, u) => n + u[part].total, 0);
      expect(sum('unit')).toBe(after.unit.total);
      expect(after.bureau.total).toBeGreaterThan(sum('bureau'));
      expect(after.bureau.satisfactionRate).toBe(
        Math.round(((after.bureau.satisfied + after.bureau.basically_satisfied) / after.bureau.total) * 10_000) / 10_000,
      );

      // Only evaluations submitted within the period count.
      const earlier = await summary(`?workUnit=HOTLINE&to=${encodeURIComponent(start.toISOString())}`);
      expect({ bureau: earlier.bureau, unit: earlier.unit }).toEqual({ bureau: counts(0, 0, 0, null), unit: counts(0, 0, 0, null) });
      const within = await summary(`?workUnit=HOTLINE&from=${encodeURIComponent(start.toISOString())}`);
      expect(within.bureau).toEqual(hotline);
    });

    it('lists evaluations newest first, without personal data', async () => {
      const given = await decided({ workUnit: 'MEDIATION_LEGAL' });
      await evaluate(given, { decisionId: given.decisionId, bureau: 'basically_satisfied', unit: 'satisfied' });
      const auditor = await svc.as({ roles: ['auditor'] });
      const res = await auditor.get<{ items: Array<Record<string, unknown>>; total: number }>('/evaluations?workUnit=MEDIATION_LEGAL&pageSize=5');
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        items: [
          {
            id: expect.any(String),
            petitionId: given.petition.id,
            caseNumber: given.petition.caseNumber,
            decisionKind: 'handling',
            decisionId: given.decisionId,
            workUnit: { code: 'MEDIATION_LEGAL', name: '民调和法律援助' },
            responsibleBody: 'area:HX',
            bureau: 'basically_satisfied',
            unit: 'satisfied',
            decidedAt: given.event.payload.decidedAt,
            submittedAt: expect.any(String),
          },
        ],
        total: 1,
        page: 1,
        pageSize: 5,
      });
      const all = await auditor.get<{ items: Array<Record<string, unknown>> }>('/evaluations?pageSize=100');
      const times = all.body.items.map((i) => Date.parse(String(i['submittedAt'])));
      expect(times).toEqual([...times].sort((a, b) => b - a));
      const text = JSON.stringify(all.body);
      expect([...Object.values(given.person), given.petition.queryCode, CLERK].filter((s) => text.includes(s))).toEqual([]);
    });

    it('refuses a period that ends before it starts, an unknown unit, and readers without evaluation.read', async () => {
      const reader = await svc.as({ roles: ['centre_director'] });
      const backwards = await reader.get<ErrorBody>('/evaluations/summary?from=2026-06-01T00:00:00Z&to=2026-05-01T00:00:00Z');
      expect({ status: backwards.status, fields: backwards.body.details?.map((d) => d.field) }).toEqual({ status: 400, fields: ['to'] });
      expect((await reader.get('/evaluations/summary?workUnit=NOPE')).status).toBe(400);
      expect((await reader.get('/evaluations?workUnit[$ne]=x')).status).toBe(400);
      const dispatcher = await svc.as({ roles: ['dispatcher'] });
      expect((await dispatcher.get('/evaluations/summary')).status).toBe(403);
      expect((await dispatcher.get('/evaluations')).status).toBe(403);
    });
  });
});
