import mongoose from 'mongoose';
import { createEnvelope, CALENDAR_CHANGED_V1, type CalendarChangedV1 } from '@pdmc/contracts';
import { loadConfig } from '@pdmc/platform';
import { aRoutedPetition, publishEnvelope, startInProcess, waitFor, type HttpClient, type InProcessService } from '@pdmc/testing';
import { startHandling } from '../src/app';
import { HandlingConfig } from '../src/config/handling.config';
import type { CaseView } from './views';

/*
 * Issue #13 point 6: one calendar for everyone. An administrator replaces a year in routing
 * (routing.calendar.changed.v1); handling counts the 60 days of the next case on the new
 * schedule, keeps the year in its database, and ignores an older revision that arrives late.
 * Accepted Fri 2027-01-01 10:00 Beijing: the 60th day is Tue 2027-03-02, a working day in the
 * shipped (provisional) 2027 data.
 */

const LABEL = 'handling-calendar';
const ACCEPTED = '2027-01-01T02:00:00.000Z';
const END_OF_MARCH_2 = '2027-03-02T16:00:00.000Z';
const END_OF_MARCH_3 = '2027-03-03T16:00:00.000Z';

function calendarChange(revision: number, holidays: CalendarChangedV1['holidays']) {
  return createEnvelope(CALENDAR_CHANGED_V1, {
    year: 2027,
    revision,
    holidays,
    workdays: [],
    source: `国务院办公厅通知（测试 ${revision}）`,
    provisional: false,
    changedAt: new Date().toISOString(),
  }, { correlationId: `calendar-${revision}` });
}

let handling: InProcessService;
let api: HttpClient;

const start = async () => {
  handling = await startInProcess({ label: LABEL, start: (env, logs) => startHandling(loadConfig(HandlingConfig, env), logs) });
  api = await handling.as({ roles: ['dispatcher'] });
};

const dueOfNewCase = async (): Promise<string> => {
  const event = aRoutedPetition({ acceptedAt: ACCEPTED });
  await publishEnvelope(handling.ns.natsUrl, handling.ns.busPrefix, event);
  const found = await waitFor(
    async () => (await api.get<{ items: CaseView[] }>(`/cases?petitionId=${event.payload.petitionId}`)).body.items[0],
    { description: 'the case opened' },
  );
  return found.dueAt;
};

const storedRevision = async (): Promise<number | undefined> => {
  const conn = await mongoose.createConnection(handling.ns.mongoUrl, { dbName: handling.ns.dbName(LABEL) }).asPromise();
  try {
    const doc = await conn.collection('calendar_years').findOne({ _id: 2027 as never });
    return doc?.['revision'] as number | undefined;
  } finally {
    await conn.close();
  }
};

beforeAll(start);
afterAll(async () => {
  await handling?.close();
});

it('counts the next case on a year an administrator replaced, newest revision first', async () => {
  expect(await dueOfNewCase()).toBe(END_OF_MARCH_2);

  // The official notice makes Tuesday 2 March a day off: the period moves to Wednesday.
  await publishEnvelope(handling.ns.natsUrl, handling.ns.busPrefix, calendarChange(3, [{ date: '2027-03-02', name: '测试假日' }]));
  await waitFor(async () => (await storedRevision()) === 3, { description: 'revision 3 stored' });
  expect(await dueOfNewCase()).toBe(END_OF_MARCH_3);

  // An older revision arriving late, or the same one again, changes nothing.
  const older = calendarChange(2, []);
  const again = calendarChange(3, []);
  await publishEnvelope(handling.ns.natsUrl, handling.ns.busPrefix, older);
  await publishEnvelope(handling.ns.natsUrl, handling.ns.busPrefix, again);
  await waitFor(() => [older.id, again.id].every((id) => handling.logs.some((l) => l.includes(id) && l.includes('event handled'))), {
    description: 'both late changes handled',
  });
  expect(await storedRevision()).toBe(3);
  expect(await dueOfNewCase()).toBe(END_OF_MARCH_3);
});
