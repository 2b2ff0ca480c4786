import { randomUUID } from 'node:crypto';
import mongoose from 'mongoose';
import {
  CASE_SERVED_V1,
  CASE_TERMINATED_V1,
  createEnvelope,
  EXTENSION_GRANTED_V1,
  REEXAMINATION_DECIDED_V1,
  REEXAMINATION_REQUESTED_V1,
  REVIEW_DECIDED_V1,
  REVIEW_REQUESTED_V1,
  type EventDefinition,
  type EventEnvelope,
} from '@pdmc/contracts';
import { loadConfig } from '@pdmc/platform';
import {
  aDecidedCase,
  anOpenedCase,
  aRoutedPetition,
  findPersonalData,
  publishEnvelope,
  startInProcess,
  waitFor,
  type HttpClient,
  type InProcessService,
} from '@pdmc/testing';
import { startIntake } from '../src/app';
import { IntakeConfig } from '../src/config/intake.config';
import { aPerson, aPetitionBody, piiEnv } from './support';

/*
 * The petitioner follows a petition after intake: routing's and handling's events feed the
 * `petition_progress` projection, and `POST /public/petition-status` shows it with the query code
 * and the phone's last four digits. The events are published here as routing and handling would.
 */

const DAY = 24 * 60 * 60 * 1000;
const LABEL = 'intake-progress';
const CLERK = 'clerk-progress-li';

interface PetitionView {
  id: string;
  caseNumber: string;
  queryCode: string;
}

type Status = Record<string, unknown> & {
  status: string;
  decisions: Array<Record<string, unknown>>;
  acceptance: Record<string, unknown> | null;
  mergedInto: Record<string, unknown> | null;
};

describe('intake: the petitioner follows the petition after intake (real servers)', () => {
  let svc: InProcessService;
  let clerk: HttpClient;

  beforeAll(async () => {
    svc = await startInProcess({
      label: LABEL,
      start: (env, logs) => startIntake(loadConfig(IntakeConfig, env), logs),
      env: { ...piiEnv(), PUBLIC_RATE_LIMIT_PER_MINUTE: '1000' },
    });
    clerk = await svc.as({ sub: CLERK, roles: ['intake_clerk'] });
  });

  afterAll(async () => {
    await svc?.close();
  });

  /** Given a petition registered at the front desk (and decided, if `decision` is given). */
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

  const lookUp = (queryCode: string, phoneLast4: string) =>
    svc.anonymous.post<Status>('/public/petition-status', { queryCode, phoneLast4 });

  const handledCount = (eventId: string) =>
    svc.logs.filter((l) => l.includes('"msg":"event handled"') && l.includes(`"eventId":"${eventId}"`)).length;

  const publish = (event: EventEnvelope, msgId?: string) =>
    publishEnvelope(svc.ns.natsUrl, svc.ns.busPrefix, event, msgId ? { msgId } : {});

  const waitHandled = (events: EventEnvelope[], times = 1) =>
    waitFor(() => events.every((e) => handledCount(e.id) >= times), {
      description: `${events.length} event(s) handled ${times} time(s)`,
    });

  /** The events of a petition's path after acceptance: routed, case opened, case decided. */
  const eventsFor = (petition: PetitionView) => {
    const caseId = randomUUID();
    const openedAt = new Date(Date.now() - 2 * DAY);
    const decidedAt = new Date(Date.now() - DAY);
    const common = { petitionId: petition.id, caseNumber: petition.caseNumber };
    return {
      routed: aRoutedPetition({ ...common, workUnit: 'LABOUR', responsibleBody: 'area:HX', ruleId: 'LABOUR.pension', reason: '退休金事项，归口人社部门' }),
      opened: anOpenedCase({
        ...common,
        caseId,
        workUnit: 'LABOUR',
        responsibleBody: 'area:HX',
        openedAt: openedAt.toISOString(),
        dueAt: new Date(openedAt.getTime() + 60 * DAY).toISOString(),
      }),
      decided: aDecidedCase({
        ...common,
        caseId,
        workUnit: 'LABOUR',
        responsibleBody: 'area:HX',
        outcome: 'explain',
        decidedAt: decidedAt.toISOString(),
        reviewRequestDueAt: new Date(decidedAt.getTime() + 30 * DAY).toISOString(),
      }),
    };
  };

  const withDb = async <T>(fn: (db: mongoose.Connection) => Promise<T>): Promise<T> => {
    const conn = await mongoose.createConnection(svc.ns.mongoUrl, { dbName: svc.ns.dbName(LABEL) }).asPromise();
    try {
      return await fn(conn);
    } finally {
      await conn.close();
    }
  };

  it('keeps one progress per petition whatever order the events come in, and however often', async () => {
    const { petition, digits } = await register({ decision: 'accept' });
    const { routed, opened, decided } = eventsFor(petition);
    // Handling's events before routing's, then each again past JetStream's de-duplication.
    for (const event of [decided, opened, routed]) await publish(event);
    await waitHandled([decided, opened, routed]);
    for (const event of [routed, decided, opened]) await publish(event, `${event.id}-again`);
    await waitHandled([decided, opened, routed], 2);
    // The same facts under new event ids (past the inbox too): the updates themselves are idempotent.
    const copies = [decided, opened, routed].map((event) => ({ ...event, id: randomUUID() }));
    for (const event of copies) await publish(event);
    await waitHandled(copies);

    const res = await lookUp(petition.queryCode, digits);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'accepted',
      workUnit: { code: 'LABOUR', name: '劳动保障' },
      responsibleBody: { code: 'area:HX', name: '合心镇' },
      handlingDueAt: opened.payload.dueAt,
      decisions: [
        {
          decisionId: decided.payload.decisionId,
          outcome: 'explain',
          decidedAt: decided.payload.decidedAt,
          reviewRequestDueAt: decided.payload.reviewRequestDueAt,
          evaluation: {
            state: 'open',
            openUntil: new Date(Date.parse(decided.payload.decidedAt) + 30 * DAY).toISOString(),
          },
        },
      ],
    });

    const stored = await withDb((db) => db.collection('petition_progress').find({ _id: petition.id as never }).toArray());
    expect(stored).toHaveLength(1);
    expect(stored[0]['decisions']).toHaveLength(1);
    // Ids, codes and dates only.
    expect(Object.keys(stored[0]).sort()).toEqual([
      '_id',
      'caseId',
      'caseNumber',
      'decisions',
      'handlingDueAt',
      'openedAt',
      'responsibleBody',
      'routedAt',
      'updatedAt',
      'workUnit',
    ]);
  });

  it('adds every decision once, oldest first, when a petition’s first events arrive together', async () => {
    const { petition, digits } = await register({ decision: 'accept' });
    const { routed } = eventsFor(petition);
    const first = aDecidedCase({ petitionId: petition.id, caseNumber: petition.caseNumber, decidedAt: new Date(Date.now() - 3 * DAY).toISOString(), outcome: 'not_support' });
    const second = aDecidedCase({ petitionId: petition.id, caseNumber: petition.caseNumber, decidedAt: new Date(Date.now() - DAY).toISOString() });
    await Promise.all([second, routed, first].map((e) => publish(e)));
    await waitHandled([first, second, routed]);

    const res = await lookUp(petition.queryCode, digits);
    expect(res.body.decisions.map((d) => [d['decisionId'], d['outcome']])).toEqual([
      [first.payload.decisionId, 'not_support'],
      [second.payload.decisionId, 'support'],
    ]);
    expect(res.body).toMatchObject({ workUnit: { code: 'LABOUR' }, handlingDueAt: null });
  });

  it('keeps the later routing when an older one arrives after it', async () => {
    const { petition, digits } = await register({ decision: 'accept' });
    const base = { petitionId: petition.id, caseNumber: petition.caseNumber };
    const older = { ...aRoutedPetition({ ...base, workUnit: 'AGRI_LAND', responsibleBody: 'area:XX' }), occurredAt: new Date(Date.now() - 60_000).toISOString() };
    const newer = { ...aRoutedPetition({ ...base, workUnit: 'REVIEW', responsibleBody: 'dept:petition-bureau' }), occurredAt: new Date().toISOString() };
    await publish(newer);
    await waitHandled([newer]);
    await publish(older);
    await waitHandled([older]);

    const res = await lookUp(petition.queryCode, digits);
    expect(res.body).toMatchObject({
      workUnit: { code: 'REVIEW', name: '复查复核' },
      responsibleBody: { code: 'dept:petition-bureau', name: null },
    });
  });

  it('shows status, dates, unit, limits and decisions, and nothing of staff, persons or other petitions', async () => {
    const { petition, person, digits } = await register({ decision: 'accept' });
    const { routed, opened, decided } = eventsFor(petition);
    for (const event of [routed, opened, decided]) await publish(event);
    await waitHandled([routed, opened, decided]);

    const res = await lookUp(petition.queryCode, digits);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      caseNumber: petition.caseNumber,
      status: 'accepted',
      channel: 'visit',
      category: { level1: '劳动和社会保障', level2: '退休政策及待遇', level3: '退休金发放' },
      receivedAt: expect.any(String),
      registeredAt: expect.any(String),
      acceptanceDueAt: expect.any(String),
      acceptance: { kind: 'accept', decidedAt: expect.any(String) },
      workUnit: { code: 'LABOUR', name: '劳动保障' },
      responsibleBody: { code: 'area:HX', name: '合心镇' },
      handlingDueAt: opened.payload.dueAt,
      extension: null,
      servedAt: null,
      review: null,
      reexamination: null,
      ending: null,
      decisions: [
        {
          decisionId: decided.payload.decisionId,
          outcome: 'explain',
          decidedAt: decided.payload.decidedAt,
          reviewRequestDueAt: decided.payload.reviewRequestDueAt,
          evaluation: { state: 'open', openUntil: expect.any(String) },
        },
      ],
      mergedInto: null,
    });
    const text = JSON.stringify(res.body);
    const never = [
      ...Object.values(person),
      CLERK,
      petition.id,
      petition.queryCode,
      opened.payload.caseId,
      routed.payload.ruleId,
      routed.payload.reason,
      String(aPetitionBody()['subject']),
      String(aPetitionBody()['description']),
    ];
    expect(never.filter((secret) => text.includes(secret))).toEqual([]);
    expect(findPersonalData(svc.logs, [person.name, person.phone, person.idNumber, person.address])).toEqual([]);
  });

  it('shows a decision that ended the petition here with its reason text and its evaluation, never who decided', async () => {
    const declined = await register({ decision: 'not_accept', reason: 'litigation_arbitration_review' });
    const forwarded = await register({ decision: 'forward', forwardTo: '区人力资源和社会保障局' });

    const one = await lookUp(declined.petition.queryCode, declined.digits);
    expect(one.body).toMatchObject({ status: 'not_accepted', workUnit: null, handlingDueAt: null, decisions: [] });
    const decidedAt = String(one.body.acceptance?.['decidedAt']);
    expect(one.body.acceptance).toEqual({
      kind: 'not_accept',
      reason: '属于应当通过诉讼、仲裁、行政复议等法定途径解决的事项',
      decidedAt,
      decisionId: `${declined.petition.caseNumber}:acceptance`,
      evaluation: { state: 'open', openUntil: new Date(Date.parse(decidedAt) + 30 * DAY).toISOString() },
    });

    const two = await lookUp(forwarded.petition.queryCode, forwarded.digits);
    expect(two.body.acceptance).toMatchObject({
      kind: 'forward',
      forwardTo: '区人力资源和社会保障局',
      decisionId: `${forwarded.petition.caseNumber}:acceptance`,
    });
    expect(JSON.stringify([one.body, two.body])).not.toContain(CLERK);
  });

  it('shows a merged petition with the case number and the progress of the one it was merged into', async () => {
    const target = await register({ decision: 'accept' });
    const duplicate = await register();
    const merged = await clerk.post(`/petitions/${duplicate.petition.id}/merge`, { intoPetitionId: target.petition.id });
    expect(merged.status).toBe(200);
    const { routed, opened, decided } = eventsFor(target.petition);
    for (const event of [routed, opened, decided]) await publish(event);
    await waitHandled([routed, opened, decided]);

    const res = await lookUp(duplicate.petition.queryCode, duplicate.digits);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'merged', decisions: [], workUnit: null });
    expect(res.body.mergedInto).toEqual({
      caseNumber: target.petition.caseNumber,
      status: 'accepted',
      acceptanceDueAt: expect.any(String),
      acceptance: { kind: 'accept', decidedAt: expect.any(String) },
      workUnit: { code: 'LABOUR', name: '劳动保障' },
      responsibleBody: { code: 'area:HX', name: '合心镇' },
      handlingDueAt: opened.payload.dueAt,
      decisions: [
        { outcome: 'explain', decidedAt: decided.payload.decidedAt, reviewRequestDueAt: decided.payload.reviewRequestDueAt },
      ],
    });
    // Nothing of the other petition's petitioner, and not its query code.
    const text = JSON.stringify(res.body);
    for (const secret of [...Object.values(target.person), target.petition.queryCode, target.petition.id]) {
      expect(text).not.toContain(secret);
    }
  });

  it('still answers a wrong second factor with 404 and an unknown code the same way', async () => {
    const { petition, digits } = await register();
    const wrong = await lookUp(petition.queryCode, digits === '0000' ? '0001' : '0000');
    const unknown = await lookUp('ZZZZZZZZZZ', digits);
    expect([wrong.status, unknown.status]).toEqual([404, 404]);
    expect((wrong.body as unknown as { message: string }).message).toBe((unknown.body as unknown as { message: string }).message);
  });

  it('shows an approved extension: the new limit, how long and why, whether it comes before or after the case opened', async () => {
    const { petition, digits } = await register({ decision: 'accept' });
    const { routed, opened } = eventsFor(petition);
    const extended = new Date(new Date(opened.payload.dueAt).getTime() + 20 * DAY).toISOString();
    const granted = createEnvelope(
      EXTENSION_GRANTED_V1,
      {
        caseId: opened.payload.caseId,
        petitionId: petition.id,
        caseNumber: petition.caseNumber,
        workUnit: 'LABOUR',
        extensionId: randomUUID(),
        days: 20,
        reason: '需委托鉴定机构核定伤残等级，鉴定周期较长。',
        previousDueAt: opened.payload.dueAt,
        dueAt: extended,
        grantedAt: new Date().toISOString(),
      },
      { correlationId: randomUUID() },
    );
    // The extension arrives first, and twice: the limit still ends where the extension put it.
    await publish(granted);
    await publish(granted, randomUUID());
    for (const event of [routed, opened]) await publish(event);
    await waitHandled([routed, opened, granted]);

    const res = await lookUp(petition.queryCode, digits);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      handlingDueAt: extended,
      extension: { days: 20, reason: '需委托鉴定机构核定伤残等级，鉴定周期较长。', previousDueAt: opened.payload.dueAt, dueAt: extended, grantedAt: granted.payload.grantedAt },
    });
    expect(Object.keys(res.body['extension'] as object).sort()).toEqual(['days', 'dueAt', 'grantedAt', 'previousDueAt', 'reason']);

    const timeline = await clerk.get<{ entries: Array<{ action: string; details?: Record<string, unknown> }> }>(`/petitions/${petition.id}/timeline`);
    expect(timeline.body.entries.find((e) => e.action === 'handling_extended')).toMatchObject({ details: { days: 20, dueAt: extended } });
  });

  it('shows the decision served, the review and re-examination asked and decided, and the termination, in any order', async () => {
    const { petition, digits } = await register({ decision: 'accept' });
    const { routed, opened, decided } = eventsFor(petition);
    const facts = { caseId: opened.payload.caseId, petitionId: petition.id, caseNumber: petition.caseNumber, workUnit: 'LABOUR' as const };
    const now = Date.now();
    const at = (days: number) => new Date(now + days * DAY).toISOString();
    const make = <T extends object>(d: EventDefinition<T>, payload: T) => createEnvelope(d, payload, { correlationId: randomUUID() });
    const steps = [
      make(CASE_SERVED_V1, { ...facts, decisionId: decided.payload.decisionId, servedAt: at(-0.5), reviewRequestDueAt: at(30) }),
      make(REVIEW_REQUESTED_V1, { ...facts, channel: 'clerk', requestedAt: at(1), dueAt: at(31) }),
      make(REVIEW_DECIDED_V1, { ...facts, outcome: 'uphold', decidedAt: at(10) }),
      make(REEXAMINATION_REQUESTED_V1, { ...facts, channel: 'letter', requestedAt: at(12), dueAt: at(42) }),
      make(REEXAMINATION_DECIDED_V1, { ...facts, outcome: 'uphold', decidedAt: at(20) }),
      make(CASE_TERMINATED_V1, { ...facts, ground: 'reexamination_decided', terminatedAt: at(20.5) }),
    ];
    // Latest first, and each twice: the answer is the same.
    for (const event of [...steps].reverse()) await publish(event);
    for (const event of [routed, opened, decided]) await publish(event);
    for (const event of steps) await publish(event, randomUUID());
    await waitHandled([routed, opened, decided, ...steps]);

    const res = await lookUp(petition.queryCode, digits);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      servedAt: at(-0.5),
      review: { requestedAt: (steps[1].payload as { requestedAt: string }).requestedAt, dueAt: (steps[1].payload as { dueAt: string }).dueAt, outcome: 'uphold', decidedAt: (steps[2].payload as { decidedAt: string }).decidedAt },
      reexamination: { outcome: 'uphold', decidedAt: (steps[4].payload as { decidedAt: string }).decidedAt },
      ending: { ceasedAt: null, terminatedAt: (steps[5].payload as { terminatedAt: string }).terminatedAt, ground: 'reexamination_decided' },
    });
    // The review window counts from the service now, not from the decision.
    expect(res.body.decisions[0]).toMatchObject({ reviewRequestDueAt: (steps[0].payload as { reviewRequestDueAt: string }).reviewRequestDueAt });

    const timeline = await clerk.get<{ entries: Array<{ action: string; by: string }> }>(`/petitions/${petition.id}/timeline`);
    expect(timeline.body.entries.filter((e) => e.by === 'handling').map((e) => e.action)).toEqual([
      'case_opened',
      'handling_decided',
      'decision_served',
      'review_requested',
      'review_decided',
      'reexamination_requested',
      'reexamination_decided',
      'case_terminated',
    ]);
  });
});
