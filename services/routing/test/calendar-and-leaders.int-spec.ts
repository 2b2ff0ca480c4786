import { randomUUID } from 'node:crypto';
import { CN_2027_PROVISIONAL, ManualClock } from '@pdmc/calendar';
import { type PetitionAcceptedV1 } from '@pdmc/contracts';
import { loadConfig } from '@pdmc/platform';
import {
  anAcceptedPetition,
  findEvents,
  publishEnvelope,
  startInProcess,
  waitFor,
  waitForEvent,
  type ApiErrorBody,
  type HttpClient,
  type InProcessService,
} from '@pdmc/testing';
import { startRouting } from '../src/app';
import { RoutingConfig } from '../src/config/routing.config';

/*
 * The working-day calendar an administrator edits, and the leaders' instruments (领导包案,
 * 领导接访), against the real servers on an injected clock.
 */

interface YearView {
  year: number;
  revision: number;
  provisional: boolean;
  holidays: Array<{ date: string; name: string }>;
}
interface LeaderCase {
  petitionId: string;
  leaderName: string;
  status: string;
  workUnit: string | null;
  handlingDueAt: string;
}
interface ReceptionDay {
  receptionDayId: string;
  date: string;
  petitions: Array<{ petitionId: string }>;
  followUps: Array<{ note: string; by: string }>;
}

describe('routing: the calendar and the leaders’ instruments (real servers, injected clock)', () => {
  let routing: InProcessService;
  let admin: HttpClient;
  let director: HttpClient;

  beforeAll(async () => {
    routing = await startInProcess({
      label: 'routingcal',
      start: (env, logs) => startRouting(loadConfig(RoutingConfig, env), logs, { clock: new ManualClock('2026-12-31T10:00:00+08:00') }),
    });
    admin = await routing.as({ sub: 'admin-01', roles: ['administrator'] });
    director = await routing.as({ sub: 'director-01', roles: ['centre_director'] });
  });

  afterAll(async () => {
    await routing?.close();
  });

  const accept = async (over: Partial<PetitionAcceptedV1> = {}) => {
    const event = anAcceptedPetition(over);
    await publishEnvelope(routing.ns.natsUrl, routing.ns.busPrefix, event);
    await waitFor(async () => ((await director.get(`/routing-decisions/${event.payload.petitionId}`)).status === 200 ? true : undefined), {
      description: 'routed',
    });
    return event.payload;
  };

  describe('the working-day calendar', () => {
    it('ships 2026 and a provisional 2027', async () => {
      const years = await admin.get<{ items: YearView[] }>('/calendar/years');
      expect(years.body.items.map((y) => [y.year, y.provisional, y.revision])).toEqual([
        [2026, false, 1],
        [2027, true, 1],
      ]);
    });

    it('tells, day by day, what counts: the National Day week is off, Saturday 10 October is a make-up working day', async () => {
      const days = await admin.get<{ items: Array<{ date: string; working: boolean; reason: string }> }>('/calendar/days?from=2026-10-07&to=2026-10-10');
      expect(days.body.items.map((d) => `${d.date} ${d.working} ${d.reason}`)).toEqual([
        '2026-10-07 false holiday',
        '2026-10-08 true weekday',
        '2026-10-09 true weekday',
        '2026-10-10 true make-up workday',
      ]);
      const reversed = await admin.get<ApiErrorBody>('/calendar/days?from=2026-10-10&to=2026-10-07');
      expect(reversed.status).toBe(400);
      expect(reversed.body.details).toEqual([expect.objectContaining({ field: 'to', rule: 'notBeforeFrom' })]);
    });

    it('refuses invalid holiday data with the field and rule, changing nothing', async () => {
      const bad = await admin.put<ApiErrorBody>('/calendar/years/2027', {
        holidays: [{ date: '2026-05-01', name: '劳动节' }],
        workdays: [{ date: '2027-03-03', name: '调休' }],
        source: '错误数据',
      });
      expect(bad.status).toBe(400);
      expect(bad.body.details?.map((d) => `${d.field} ${d.rule}`)).toEqual(['holidays[0].date sameYear', 'workdays[0].date weekend']);
      expect((await admin.get<YearView>('/calendar/years/2027')).body.revision).toBe(1);
      expect((await admin.get<ApiErrorBody>('/calendar/years/2030')).body.code).toBe('ROUTING.CALENDAR_YEAR_NOT_FOUND');
    });

    it('replaces a year, announces it whole, and counts the next period with it', async () => {
      // Accepted Thursday 31 Dec 2026: day 60 is Monday 1 Mar 2027.
      const p = await accept({ acceptedAt: '2026-12-31T10:00:00+08:00' });
      expect((await director.post('/leader-cases', { petitionId: p.petitionId, leaderId: 'deputy-02', leaderName: '张副主任', note: '包案' })).status).toBe(201);
      const dueBefore = (await director.get<LeaderCase>(`/leader-cases/${p.petitionId}`)).body.handlingDueAt;
      expect(dueBefore).toBe('2027-03-01T16:00:00.000Z');

      // Test data, not the State Council's: 1 March 2027 made a day off, Saturday 20 February a make-up working day.
      const edited = {
        holidays: [...CN_2027_PROVISIONAL.holidays, { date: '2027-03-01', name: '测试假日' }],
        workdays: [{ date: '2027-02-20', name: '测试调休上班' }],
        source: '测试数据：管理员录入',
        provisional: false,
        basedOnRevision: 1,
      };
      const saved = await admin.put<YearView>('/calendar/years/2027', edited);
      expect(saved.status).toBe(200);
      expect(saved.body).toMatchObject({ year: 2027, revision: 2, provisional: false });
      const event = await waitForEvent(routing.ns, { stream: 'ROUTING', type: 'routing.calendar.changed.v1', payload: { year: 2027 } });
      expect(event.data['payload']).toMatchObject({ revision: 2, provisional: false, workdays: [{ date: '2027-02-20', name: '测试调休上班' }] });
      expect((event.data['payload'] as { holidays: unknown[] }).holidays).toHaveLength(edited.holidays.length);

      expect((await director.get<LeaderCase>(`/leader-cases/${p.petitionId}`)).body.handlingDueAt).toBe('2027-03-02T16:00:00.000Z');

      const stale = await admin.put<ApiErrorBody>('/calendar/years/2027', edited);
      expect({ status: stale.status, code: stale.body.code }).toEqual({ status: 409, code: 'ROUTING.CALENDAR_CHANGED' });
      expect(await findEvents(routing.ns, { stream: 'ROUTING', type: 'routing.calendar.changed.v1' })).toHaveLength(1);
    });
  });

  describe('leaders’ instruments', () => {
    it('lets a leader own a hard case, shows its state and deadline, and refuses a second owner or an unknown case', async () => {
      // Accepted Tuesday 1 Dec: day 60 is Saturday 30 Jan 2027, so the end of Monday 1 Feb.
      const p = await accept({ acceptedAt: '2026-12-01T10:00:00+08:00' });
      const owned = await director.post<LeaderCase>('/leader-cases', { petitionId: p.petitionId, leaderId: 'deputy-03', leaderName: '王副主任', note: '重复访积案，包案化解' });
      expect(owned.status).toBe(201);
      expect(owned.body).toMatchObject({ leaderName: '王副主任', status: 'routed', workUnit: 'LABOUR', handlingDueAt: '2027-02-01T16:00:00.000Z' });
      const second = await director.post<ApiErrorBody>('/leader-cases', { petitionId: p.petitionId, leaderId: 'deputy-02', leaderName: '张副主任', note: 'x' });
      expect({ status: second.status, code: second.body.code }).toEqual({ status: 409, code: 'ROUTING.CASE_ALREADY_OWNED' });
      const unknown = await director.post<ApiErrorBody>('/leader-cases', { petitionId: randomUUID(), leaderId: 'deputy-02', leaderName: '张副主任', note: 'x' });
      expect({ status: unknown.status, code: unknown.body.code }).toEqual({ status: 404, code: 'ROUTING.PETITION_NOT_FOUND' });
      const list = await director.get<{ items: LeaderCase[] }>('/leader-cases?leaderId=deputy-03');
      expect(list.body.items.map((c) => c.petitionId)).toEqual([p.petitionId]);
    });

    it('schedules a reception day, links the petitions received that day only, and records follow-up', async () => {
      const day = await director.post<ReceptionDay>('/reception-days', { leaderId: 'director-01', leaderName: '李主任', date: '2026-12-02', place: '中心一楼接待大厅', topic: '欠薪' });
      expect(day.status).toBe(201);
      const id = day.body.receptionDayId;
      const thatDay = await accept({ receivedAt: '2026-12-02T10:30:00+08:00', acceptedAt: '2026-12-02T15:00:00+08:00' });
      const otherDay = await accept({ receivedAt: '2026-12-01T23:30:00+08:00', acceptedAt: '2026-12-02T15:00:00+08:00' });
      const linked = await director.post<ReceptionDay>(`/reception-days/${id}/petitions`, { petitionId: thatDay.petitionId });
      expect(linked.body.petitions.map((p) => p.petitionId)).toEqual([thatDay.petitionId]);
      const refused = await director.post<ApiErrorBody>(`/reception-days/${id}/petitions`, { petitionId: otherDay.petitionId });
      expect({ status: refused.status, code: refused.body.code }).toEqual({ status: 422, code: 'ROUTING.NOT_RECEIVED_THAT_DAY' });
      const followed = await director.post<ReceptionDay>(`/reception-days/${id}/follow-ups`, { note: '已责成区人社局三日内回复' });
      expect(followed.body).toMatchObject({ petitions: [{ petitionId: thatDay.petitionId }], followUps: [{ note: '已责成区人社局三日内回复', by: 'director-01' }] });

      const december = await director.get<{ items: ReceptionDay[] }>('/reception-days?from=2026-12-01&to=2026-12-31');
      expect(december.body.items.map((d) => d.receptionDayId)).toContain(id);
      const reversed = await director.get<ApiErrorBody>('/reception-days?from=2026-12-31&to=2026-12-01');
      expect(reversed.body.details).toEqual([expect.objectContaining({ field: 'to', rule: 'notBeforeFrom' })]);
      expect((await director.get<ApiErrorBody>(`/reception-days/${randomUUID()}`)).body.code).toBe('ROUTING.RECEPTION_DAY_NOT_FOUND');
    });
  });
});
