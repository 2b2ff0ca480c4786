import { loadConfig } from '@pdmc/platform';
import { queryPlan, startInProcess, type InProcessService } from '@pdmc/testing';
import { startHandling } from '../src/app';
import { HandlingConfig } from '../src/config/handling.config';

/*
 * Handling's look-ups per request and per timer tick (issue #8) are served by an index: the
 * store's own `explain` names it. Filters as the code sends them (file named beside each).
 */

let handling: InProcessService;

beforeAll(async () => {
  handling = await startInProcess({
    label: 'handling-query-plans',
    start: (env, logs) => startHandling(loadConfig(HandlingConfig, env), logs),
  });
});

afterAll(async () => {
  await handling?.close();
});

describe('hot queries are served by their indexes', () => {
  it.each([
    // find-cases.handler.ts: the case of a petition (intake's progress view, the flow benchmark).
    ['the case of a petition', { petitionId: 'p-1' }, { sort: { openedAt: -1, _id: 1 }, limit: 20 }, 'petitionId_1'],
    // case-timers.job.ts: due timers (ceasing, overdue announcements).
    ['due timers', { timerDueAt: { $lte: new Date() } }, { sort: { timerDueAt: 1 }, limit: 100 }, 'timerDueAt_1'],
    // find-cases.handler.ts: a unit's work queue, overdue first, then the nearest deadline.
    ['a unit’s queue', { queueUnit: 'SOCIAL' }, { sort: { queueDueAt: 1, _id: 1 }, limit: 20 }, 'queueUnit_1'],
    // find-cases.handler.ts: a unit's open tasks by deadline.
    ['open tasks by deadline', { openTaskDueAt: { $lte: new Date() } }, { sort: { openTaskDueAt: 1 }, limit: 500 }, 'openTaskDueAt_1'],
    // The last column is the index, or the prefix every index that can serve the query shares.
  ] as const)('%s', async (_label, filter, options, index) => {
    const stages = await queryPlan(handling.ns.mongoUrl, handling.ns.dbName('handling-query-plans'), 'cases', filter as Record<string, unknown>, options as never);
    expect(stages.filter((s) => s.startsWith(`IXSCAN(${index}`))).not.toHaveLength(0);
    expect(stages).not.toContain('COLLSCAN');
  });
});
