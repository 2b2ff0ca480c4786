import { defaultWorkingCalendar } from '@pdmc/calendar';
import { checkDispatch, deskDueAt, dispatchKind, meetingDue, objectionInTime } from './dispatch';

const calendar = defaultWorkingCalendar();

describe('objections within 5 working days (art. 23)', () => {
  // Assigned Wednesday 2026-09-23: Thu 24 counts 1, Fri 25 - Sun 27 is 中秋节, Mon 28 = 2, Tue 29 = 3,
  // Wed 30 = 4, then 国庆节 1-7 Oct, Thu 8 = 5. Day 4 crosses a weekend and a holiday.
  const assignedAt = new Date('2026-09-23T10:00:00+08:00');

  it('accepts an objection on the fourth working day, across a weekend and a holiday', () => {
    expect(objectionInTime(calendar, assignedAt, new Date('2026-09-30T16:00:00+08:00'))).toBe(true);
  });

  it('accepts one up to 24:00 of the fifth working day, and refuses one on the sixth', () => {
    expect(objectionInTime(calendar, assignedAt, new Date('2026-10-08T23:59:00+08:00'))).toBe(true);
    expect(objectionInTime(calendar, assignedAt, new Date('2026-10-09T09:00:00+08:00'))).toBe(false);
  });
});

describe('the desk', () => {
  it('works an unrouted item against 15 days from receipt and a returned one against 60 days from acceptance', () => {
    const facts = { receivedAt: new Date('2026-11-13T10:00:00+08:00'), acceptedAt: new Date('2026-11-16T10:00:00+08:00') };
    // 15 days from Fri 13 Nov: Sat 28 Nov, moved to Mon 30 Nov.
    expect(deskDueAt(calendar, 'unrouted', facts).toISOString()).toBe('2026-11-30T16:00:00.000Z');
    // 60 days from Mon 16 Nov: Fri 15 Jan 2027.
    expect(deskDueAt(calendar, 'returned', facts).toISOString()).toBe('2027-01-15T16:00:00.000Z');
  });

  it('names the dispatcher’s decision by what it corrects', () => {
    expect(dispatchKind(true, 'unrouted')).toBe('route');
    expect(dispatchKind(true, 'returned')).toBe('re-route');
    expect(dispatchKind(false, undefined)).toBe('override');
  });

  it('proposes a joint meeting from the configured number of returns on', () => {
    expect([1, 2, 3, 4].map((n) => meetingDue(n, 3))).toEqual([false, false, true, true]);
  });

  it('refuses an unknown body and assisting units that repeat or lead', () => {
    const known = (code: string) => code === 'dept:justice';
    expect(checkDispatch({ workUnit: 'LABOUR', responsibleBody: 'dept:justice', assistingUnits: ['URBAN_ENV'] }, known)).toEqual([]);
    expect(
      checkDispatch({ workUnit: 'LABOUR', responsibleBody: 'dept:x', assistingUnits: ['LABOUR', 'HOTLINE', 'HOTLINE'] }, known).map((p) => `${p.field} ${p.rule}`),
    ).toEqual(['responsibleBody knownBody', 'assistingUnits[0] notLead', 'assistingUnits[2] unique']);
  });
});
