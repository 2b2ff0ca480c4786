import mongoose from 'mongoose';
import { createEnvelope, CALENDAR_CHANGED_V1 } from '@pdmc/contracts';
import { loadConfig } from '@pdmc/platform';
import { publishEnvelope, startInProcess, waitFor, type HttpClient, type InProcessService } from '@pdmc/testing';
import { startIntake } from '../src/app';
import { IntakeConfig } from '../src/config/intake.config';
import { aPetitionBody, piiEnv } from './support';

/*
 * Issue #13 point 6: the 15-day acceptance deadline is counted on the calendar an administrator
 * keeps in routing. Received Fri 2026-11-20: the 15th day is Sat 5 December, so the deadline is
 * the end of Mon 7 December; once 7 December is made a day off, the next petition's is the 8th.
 */

const LABEL = 'intake-calendar';
const RECEIVED = '2026-11-20T02:00:00.000Z';

let intake: InProcessService;
let clerk: HttpClient;

beforeAll(async () => {
  intake = await startInProcess({ label: LABEL, start: (env, logs) => startIntake(loadConfig(IntakeConfig, env), logs), env: piiEnv() });
  clerk = await intake.as({ sub: 'clerk-calendar', roles: ['intake_clerk'] });
});
afterAll(async () => {
  await intake?.close();
});

const acceptanceDueOfNew = async (): Promise<string> => {
  const res = await clerk.post<{ acceptanceDueAt: string }>('/petitions', aPetitionBody({ receivedAt: RECEIVED }));
  if (res.status !== 201) throw new Error(`registration failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.acceptanceDueAt;
};

const storedRevision = async (): Promise<number | undefined> => {
  const conn = await mongoose.createConnection(intake.ns.mongoUrl, { dbName: intake.ns.dbName(LABEL) }).asPromise();
  try {
    return (await conn.collection('calendar_years').findOne({ _id: 2026 as never }))?.['revision'] as number | undefined;
  } finally {
    await conn.close();
  }
};

it('counts the acceptance deadline of the next petition on a year replaced in routing', async () => {
  expect(await acceptanceDueOfNew()).toBe('2026-12-07T16:00:00.000Z');

  const change = createEnvelope(
    CALENDAR_CHANGED_V1,
    {
      year: 2026,
      revision: 2,
      holidays: [{ date: '2026-12-07', name: '测试假日' }],
      workdays: [],
      source: '测试通知',
      provisional: false,
      changedAt: new Date().toISOString(),
    },
    { correlationId: 'calendar-intake' },
  );
  await publishEnvelope(intake.ns.natsUrl, intake.ns.busPrefix, change);
  await waitFor(async () => (await storedRevision()) === 2, { description: 'revision 2 stored' });

  expect(await acceptanceDueOfNew()).toBe('2026-12-08T16:00:00.000Z');
});
