import { randomUUID } from 'node:crypto';
import { ManualClock } from '@pdmc/calendar';
import {
  CASE_ACCEPTED_V1,
  CASE_CEASED_V1,
  CASE_CLOSED_V1,
  CASE_DECIDED_V1,
  CASE_OPENED_V1,
  createEnvelope,
  DISBURSEMENT_RECORDED_V1,
  EVALUATION_SUBMITTED_V1,
  INCIDENT_REPORTED_V1,
  PETITION_DECLINED_V1,
  type Channel,
  type EventDefinition,
  type EventEnvelope,
  type HandlingOutcome,
  type PetitionFlagsV1,
  type SatisfactionRating,
  type WorkUnit,
} from '@pdmc/contracts';
import { loadConfig, type RunningService } from '@pdmc/platform';
import { aRegisteredPetition, anAcceptedPetition, petitionFlags, publishEnvelope, startInProcess, waitFor, type ApiErrorBody, type HttpClient, type InProcessService } from '@pdmc/testing';
import { startRouting } from '../src/app';
import { RoutingConfig } from '../src/config/routing.config';
import { DeadlineScanJob } from '../src/supervision/application/deadline-scan.job';

/*
 * The centre's numbers (issue 14 point 4) from events of all five services, against a fixture of
 * 30 petitions received on Monday 2 March 2026 whose counts and rates were worked out by hand
 * (below, next to the table), not by the code under test.
 */

interface Row {
  value: string;
  counts: Record<string, number>;
  rates: Record<string, number | null>;
}

interface Fixture {
  group: 'A' | 'B' | 'C' | 'D' | 'E';
  town: string;
  channel: Channel;
  unit?: WorkUnit;
  flags?: Partial<PetitionFlagsV1>;
  /** Accepted on 5 March (in time: the 15 days end on 17 March) or 20 March (late); undefined: declined. */
  acceptedOn?: '2026-03-05' | '2026-03-20';
  /** Decided on 10 April (in time) or 20 June (after the 60 days); undefined: not decided yet. */
  decided?: { on: '2026-04-10' | '2026-06-20'; outcome: HandlingOutcome };
  ceased?: boolean;
  rating?: SatisfactionRating;
}

const times = <T>(n: number, make: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => make(i));

// A (10): 合心镇 HX, visits, LABOUR; accepted and decided in time, supported, closed, ceased, satisfied; A1-A3 collective.
// B (8):  HX, letters, LABOUR; accepted in time, decided late (20 June), explained, closed; B1-B4 ceased;
//         rated B1-B2 dissatisfied, B3-B8 basically satisfied; B1-B2 repeat.
// C (6):  西新镇 XX, online, URBAN_ENV; accepted late (20 March), decided in time, not supported, closed; C1-C2 ceased;
//         C1-C3 rated dissatisfied; C1 abnormal and escalated.
// D (4):  XX, visits, URBAN_ENV; accepted in time, never decided (overdue when the scan runs in July); D1 backlog.
// E (2):  XX, letters; declined.
const FIXTURE: Fixture[] = [
  ...times(10, (i): Fixture => ({ group: 'A', town: 'HX', channel: 'visit', unit: 'LABOUR', flags: { collective: i < 3 }, acceptedOn: '2026-03-05', decided: { on: '2026-04-10', outcome: 'support' }, ceased: true, rating: 'satisfied' })),
  ...times(8, (i): Fixture => ({ group: 'B', town: 'HX', channel: 'letter', unit: 'LABOUR', flags: { repeat: i < 2 }, acceptedOn: '2026-03-05', decided: { on: '2026-06-20', outcome: 'explain' }, ceased: i < 4, rating: i < 2 ? 'dissatisfied' : 'basically_satisfied' })),
  ...times(6, (i): Fixture => ({ group: 'C', town: 'XX', channel: 'online', unit: 'URBAN_ENV', flags: { abnormal: i === 0, escalated: i === 0 }, acceptedOn: '2026-03-20', decided: { on: '2026-06-20', outcome: 'not_support' }, ceased: i < 2, rating: i < 3 ? 'dissatisfied' : undefined })),
  ...times(4, (i): Fixture => ({ group: 'D', town: 'XX', channel: 'visit', unit: 'URBAN_ENV', flags: { backlog: i === 0 }, acceptedOn: '2026-03-05' })),
  ...times(2, (): Fixture => ({ group: 'E', town: 'XX', channel: 'letter' })),
];
// C is accepted on 20 March: its 60 days end on 19 May, so a decision on 20 June is late for C too.
// That makes on-time decisions A only: 10 of 24.

/** Worked out by hand from the table above (centre-wide, March 2026). */
const CENTRE = {
  counts: {
    received: 30, collective: 3, repeat: 2, abnormal: 1, escalated: 1, backlog: 1,
    accepted: 28, acceptedOnTime: 22, declined: 2,
    decided: 24, decidedOnTime: 10, supported: 10,
    // resolved: A's 10 supported, plus the ceased among the others (B1-B4, C1-C2).
    resolved: 16, closed: 24, ceased: 16, terminated: 0,
    evaluations: 21, satisfied: 16,
    overdue: 4, incidents: 1, massIncidents: 1,
  },
  rates: {
    acceptedOnTimeRate: 0.7857, // 22 / 28
    collectiveShare: 0.1, // 3 / 30
    repeatShare: 0.0667, // 2 / 30
    abnormalShare: 0.0333, // 1 / 30
    closureRate: 0.8571, // 24 / 28
    resolutionRate: 0.6667, // 16 / 24
    cessationRate: 0.6667, // 16 / 24
    satisfactionRate: 0.7619, // 16 / 21
    onTimeHandlingRate: 0.4167, // 10 / 24
  },
};
const LABOUR = {
  counts: { received: 18, accepted: 18, acceptedOnTime: 18, decided: 18, decidedOnTime: 10, closed: 18, ceased: 14, resolved: 14, evaluations: 18, satisfied: 16, overdue: 0 },
  rates: { closureRate: 1, resolutionRate: 0.7778, cessationRate: 0.7778, satisfactionRate: 0.8889, onTimeHandlingRate: 0.5556 },
};
const URBAN_ENV = {
  counts: { received: 10, accepted: 10, acceptedOnTime: 4, decided: 6, decidedOnTime: 0, closed: 6, ceased: 2, resolved: 2, evaluations: 3, satisfied: 0, overdue: 4, incidents: 1, massIncidents: 1 },
  rates: { acceptedOnTimeRate: 0.4, closureRate: 0.6, resolutionRate: 0.3333, satisfactionRate: 0, onTimeHandlingRate: 0 },
};

const bj = (local: string) => new Date(`${local}+08:00`).toISOString();

describe('supervision: the centre’s numbers from events, against a hand-computed fixture', () => {
  const clock = new ManualClock('2026-03-02T09:00:00+08:00');
  let routing: InProcessService;
  let running: RunningService;
  let director: HttpClient;
  const send = (e: EventEnvelope, msgId?: string) => publishEnvelope(routing.ns.natsUrl, routing.ns.busPrefix, e, msgId ? { msgId } : {});
  const make = <P>(def: EventDefinition<P>, payload: P) => createEnvelope(def, payload, { correlationId: `corr-${randomUUID()}` });
  const stats = async (query: string) => (await director.get<{ rows: Row[] }>(`/supervision/statistics?${query}`)).body.rows;
  const centreHas = (counts: Record<string, number>) =>
    waitFor(
      async () => {
        const [row] = await stats('from=2026-03&to=2026-03&dimension=centre');
        return row && Object.entries(counts).every(([k, v]) => row.counts[k] === v) ? row : undefined;
      },
      { description: `centre counters ${JSON.stringify(counts)}`, timeoutMs: 30_000 },
    );

  beforeAll(async () => {
    routing = await startInProcess({
      label: 'routingstats',
      env: { SUPERVISION_SCAN_MS: '0' },
      start: async (env, logs) => (running = await startRouting(loadConfig(RoutingConfig, env), logs, { clock })),
    });
    director = await routing.as({ sub: 'director-01', roles: ['centre_director'] });

    const petitions = FIXTURE.map((f, i) => ({ f, petitionId: randomUUID(), caseId: randomUUID(), caseNumber: `220106-2026-${String(300 + i).padStart(6, '0')}` }));
    const facts = (p: (typeof petitions)[number]) => ({
      petitionId: p.petitionId,
      caseNumber: p.caseNumber,
      townCode: p.f.town,
      channel: p.f.channel,
      flags: petitionFlags(p.f.flags),
      receivedAt: bj('2026-03-02T10:00:00'),
    });
    // Intake's events first; each stage is awaited, as it would have happened days apart.
    for (const p of petitions) {
      await send(aRegisteredPetition(facts(p)));
      if (p.f.acceptedOn) await send(anAcceptedPetition({ ...facts(p), acceptedAt: bj(`${p.f.acceptedOn}T10:00:00`) }));
      else await send(make(PETITION_DECLINED_V1, { petitionId: p.petitionId, caseNumber: p.caseNumber, decision: 'not_accept', decidedAt: bj('2026-03-06T10:00:00') }));
    }
    await centreHas({ received: 30, accepted: 28, declined: 2 });
    // Handling's: the unit takes the case, decides and closes it; the review window passes (ceased).
    for (const p of petitions.filter((x) => x.f.unit)) {
      const unit = p.f.unit as WorkUnit;
      const base = { caseId: p.caseId, petitionId: p.petitionId, caseNumber: p.caseNumber, workUnit: unit };
      await send(make(CASE_OPENED_V1, { ...base, responsibleBody: 'dept:x', openedAt: bj('2026-03-21T10:00:00'), dueAt: bj('2026-05-19T24:00:00') }));
      await send(make(CASE_ACCEPTED_V1, { ...base, acceptedAt: bj('2026-03-23T10:00:00'), dueAt: bj('2026-05-19T24:00:00') }));
    }
    await waitFor(async () => ((await stats('from=2026-03&dimension=unit')).reduce((n, r) => n + r.counts.received, 0) === 28 ? true : undefined), { description: 'every case at its unit' });
    for (const p of petitions.filter((x) => x.f.decided)) {
      const base = { caseId: p.caseId, petitionId: p.petitionId, caseNumber: p.caseNumber, workUnit: p.f.unit as WorkUnit };
      const decidedAt = bj(`${p.f.decided!.on}T10:00:00`);
      await send(make(CASE_DECIDED_V1, { ...base, decisionId: randomUUID(), responsibleBody: 'dept:x', outcome: p.f.decided!.outcome, decidedAt, reviewRequestDueAt: decidedAt }));
    }
    await centreHas({ decided: 24 });
    for (const p of petitions.filter((x) => x.f.decided)) {
      const base = { caseId: p.caseId, petitionId: p.petitionId, caseNumber: p.caseNumber, workUnit: p.f.unit as WorkUnit };
      await send(make(CASE_CLOSED_V1, { ...base, closedAt: bj('2026-06-25T10:00:00') }));
      if (p.f.ceased) await send(make(CASE_CEASED_V1, { ...base, ceasedAt: bj('2026-07-30T10:00:00') }));
      if (p.f.rating) {
        await send(make(EVALUATION_SUBMITTED_V1, { evaluationId: randomUUID(), petitionId: p.petitionId, caseNumber: p.caseNumber, decisionKind: 'handling', decisionId: randomUUID(), workUnit: base.workUnit, bureau: 'satisfied', unit: p.f.rating, submittedAt: bj('2026-06-26T10:00:00') }));
      }
    }
    // Emergency's and funds': a mass gathering tied to C1, a settlement paid for a URBAN_ENV case in April.
    const c1 = petitions.find((p) => p.f.group === 'C')!;
    await send(make(INCIDENT_REPORTED_V1, { incidentId: randomUUID(), type: 'mass_gathering', severity: 'high', source: 'staff', petitionId: c1.petitionId, peopleCount: 30, reportedAt: bj('2026-03-25T10:00:00'), dispatches: [] }));
    await send(make(DISBURSEMENT_RECORDED_V1, { disbursementId: randomUUID(), applicationId: randomUUID(), fundId: 'stability', fiscalYear: 2026, kind: 'settlement', caseId: c1.caseId, workUnit: 'URBAN_ENV', amountFen: 5_000_000, totalDisbursedFen: 5_000_000, paidAt: bj('2026-04-15T10:00:00') }));
    // In July the deadline scan finds D's four handling limits passed.
    clock.set(bj('2026-07-01T09:00:00'));
    await running.app.get(DeadlineScanJob).runOnce();
    // A redelivery with a new message id (past the stream's de-duplication) counts nothing twice.
    const a1 = petitions[0];
    await send(make(CASE_CLOSED_V1, { caseId: a1.caseId, petitionId: a1.petitionId, caseNumber: a1.caseNumber, workUnit: 'LABOUR', closedAt: bj('2026-06-25T10:00:00') }), randomUUID());
    await centreHas({ closed: 24, ceased: 16, evaluations: 21, incidents: 1, overdue: 4 });
  }, 120_000);

  afterAll(async () => {
    await routing?.close();
  });

  it('counts and rates the centre as worked out by hand', async () => {
    const [row] = await stats('from=2026-03&to=2026-03&dimension=centre');
    expect(row.value).toBe('all');
    expect(row.counts).toMatchObject(CENTRE.counts);
    expect(row.rates).toMatchObject(CENTRE.rates);
  });

  it('counts each unit, the declined items in none', async () => {
    const rows = await stats('from=2026-03&to=2026-03&dimension=unit');
    expect(rows.map((r) => r.value)).toEqual(['LABOUR', 'URBAN_ENV']);
    expect(rows[0]).toMatchObject(LABOUR);
    expect(rows[1]).toMatchObject(URBAN_ENV);
  });

  it('counts by town and by channel', async () => {
    const towns = await stats('from=2026-03&dimension=town');
    expect(towns.map((r) => [r.value, r.counts.received, r.counts.accepted, r.counts.declined])).toEqual([
      ['HX', 18, 18, 0],
      ['XX', 12, 10, 2],
    ]);
    const channels = await stats('from=2026-03&dimension=channel');
    expect(channels.map((r) => [r.value, r.counts.received])).toEqual([
      ['letter', 10],
      ['online', 6],
      ['visit', 14],
    ]);
  });

  it('puts disbursements in the month paid and sums a range of months', async () => {
    const [april] = await stats('from=2026-04&to=2026-04&dimension=unit');
    expect(april).toMatchObject({ value: 'URBAN_ENV', counts: { disbursedFen: 5_000_000, received: 0 } });
    const [both] = await stats('from=2026-03&to=2026-04&dimension=centre');
    expect(both.counts).toMatchObject({ received: 30, disbursedFen: 5_000_000 });
  });

  it('exports the same table as CSV and XLSX', async () => {
    const csv = await director.get<string>('/supervision/statistics/export?from=2026-03&dimension=unit&format=csv');
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    const lines = csv.body.trim().split('\r\n');
    expect(lines[0].split(',').slice(0, 3)).toEqual(['unit', 'received', 'collective']);
    expect(lines.slice(1).map((l) => l.split(',').slice(0, 2))).toEqual([
      ['LABOUR', '18'],
      ['URBAN_ENV', '10'],
    ]);
    const xlsx = await director.get('/supervision/statistics/export?from=2026-03&dimension=unit&format=xlsx');
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers['content-type']).toMatch(/spreadsheetml/);
    expect((await director.get<ApiErrorBody>('/supervision/statistics/export?format=pdf')).status).toBe(400);
  });

  it('refuses a reversed or oversized range and an unknown dimension, naming the field', async () => {
    const cases: Array<[string, string, string]> = [
      ['from=2026-05&to=2026-03', 'to', 'notBeforeFrom'],
      ['from=2024-01&to=2026-12', 'to', 'maxRange'],
      ['from=2026-13', 'from', 'matches'],
      ['dimension=planet', 'dimension', 'isIn'],
    ];
    for (const [query, field, rule] of cases) {
      const res = await director.get<ApiErrorBody>(`/supervision/statistics?${query}`);
      expect({ query, status: res.status, details: res.body.details }).toEqual({ query, status: 400, details: [expect.objectContaining({ field, rule })] });
    }
  });
});
