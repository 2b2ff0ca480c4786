import { loadConfig } from '@pdmc/platform';
import { queryPlan, startInProcess, type InProcessService } from '@pdmc/testing';
import { startIntake } from '../src/app';
import { IntakeConfig } from '../src/config/intake.config';
import { aPerson, aPetitionBody, piiEnv } from './support';

/*
 * The look-ups every registration and every petitioner's status query make (issue #8) are served
 * by an index: the store's own `explain` must name the index and never a collection scan. The
 * filters are the ones the code sends (see the file named beside each).
 */

let svc: InProcessService;
let dbName: string;

beforeAll(async () => {
  svc = await startInProcess({
    label: 'intake-query-plans',
    start: (env, logs) => startIntake(loadConfig(IntakeConfig, env), logs),
    env: piiEnv(),
  });
  dbName = svc.ns.dbName('intake-query-plans');
  const clerk = await svc.as({ sub: 'clerk-plan', roles: ['intake_clerk'] });
  // A few stored documents, so that the plans are those of a collection with data.
  for (let i = 0; i < 3; i++) {
    const res = await clerk.post('/petitions', aPetitionBody({ petitioners: [aPerson()] }), { 'idempotency-key': `query-plan-${i}` });
    if (res.status !== 201) throw new Error(`registration failed: ${res.status} ${JSON.stringify(res.body)}`);
  }
});

afterAll(async () => {
  await svc?.close();
});

const plan = (collection: string, filter: Record<string, unknown>, options?: { sort?: Record<string, 1 | -1>; limit?: number }) =>
  queryPlan(svc.ns.mongoUrl, dbName, collection, filter, options);

describe('hot queries are served by their indexes', () => {
  it.each([
    // register-petition.handler.ts: the replay check of every registration.
    ['the replay check by Idempotency-Key', 'petitions', { idempotencyKey: 'query-plan-1' }, undefined, 'idempotencyKey_1'],
    // petitioner-verification.ts: the petitioner's look-up by query code.
    ['the petitioner look-up by query code', 'petitions', { queryCode: 'ABCDEFGHJK' }, undefined, 'queryCode_1'],
    // person-registry.service.ts: the registry's upsert by match key.
    ['the registry upsert by match key', 'persons', { matchKey: 'no-such-key' }, undefined, 'matchKey_1'],
    // repeat-detector.ts: the earlier petitions of the registration's persons.
    [
      'the repeat check by person',
      'petitions',
      { 'petitioners.personId': { $in: ['p-1', 'p-2', 'p-3'] } },
      { sort: { receivedAt: 1 }, limit: 500 },
      'petitioners.personId_1_receivedAt_-1',
    ],
    // libs/persistence outbox-relay.ts: the relay's sweep for due outbox entries.
    ['the outbox sweep', 'petitions', { outboxDueAt: { $lte: new Date() } }, { sort: { outboxDueAt: 1 }, limit: 100 }, 'outboxDueAt_1'],
    // acceptance-overdue.monitor.ts: petitions past their acceptance deadline.
    [
      'the acceptance-deadline monitor',
      'petitions',
      { status: 'registered', acceptanceOverdueReportedAt: null, acceptanceDueAt: { $lt: new Date() } },
      { sort: { acceptanceDueAt: 1 }, limit: 200 },
      'status_1_acceptanceOverdueReportedAt_1_acceptanceDueAt_1',
    ],
  ] as const)('%s', async (_label, collection, filter, options, index) => {
    const stages = await plan(collection, filter as Record<string, unknown>, options as never);
    expect(stages).toContain(`IXSCAN(${index})`);
    expect(stages).not.toContain('COLLSCAN');
  });

  it('tells a scan apart from an index scan (the check itself can fail)', async () => {
    const stages = await plan('petitions', { description: 'not indexed' });
    expect(stages).toContain('COLLSCAN');
    expect(stages.some((s) => s.startsWith('IXSCAN'))).toBe(false);
  });
});
