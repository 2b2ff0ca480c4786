import { defaultWorkingCalendar } from '@pdmc/calendar';
import { alertPlan, extendedDue, legalObligation, metInTime, nextStage, parseWarningShares } from './obligation';

const calendar = defaultWorkingCalendar();

describe('supervision obligations', () => {
  it('counts the acceptance limit as domain.md §4 does: received Friday 2026-11-13, due end of Monday 2026-11-30', () => {
    const o = legalObligation(calendar, 'acceptance', new Date('2026-11-13T10:00:00+08:00'), { petitionId: 'p' });
    expect(o.dueAt.toISOString()).toBe(new Date('2026-11-30T24:00:00+08:00').toISOString());
    expect(o.periodStart.toISOString()).toBe(new Date('2026-11-13T24:00:00+08:00').toISOString());
  });

  it('counts the objection window in working days (5 from a Friday end the next Friday)', () => {
    const o = legalObligation(calendar, 'objection', new Date('2026-11-13T10:00:00+08:00'), {});
    expect(o.lastDay).toBe('2026-11-20');
  });

  it('extends the handling limit from its last day, moved past a weekend', () => {
    const o = legalObligation(calendar, 'handling', new Date('2026-09-01T10:00:00+08:00'), {});
    // 60 days from 1 September end on Saturday 31 October: moved to Monday 2 November.
    expect(o.lastDay).toBe('2026-11-02');
    const ext = extendedDue(calendar, o, 30);
    expect(ext.lastDay).toBe('2026-12-02');
    expect(ext.dueAt.toISOString()).toBe(new Date('2026-12-02T24:00:00+08:00').toISOString());
  });

  it('plans warnings at the configured shares, then the overdue moment', () => {
    const periodStart = new Date('2026-01-01T00:00:00Z');
    const dueAt = new Date('2026-01-11T00:00:00Z');
    const plan = alertPlan({ kind: 'task', periodStart, dueAt }, [0.9, 0.7]);
    expect(plan.map((p) => [p.stage, p.share, p.at.toISOString()])).toEqual([
      ['warning', 0.7, '2026-01-08T00:00:00.000Z'],
      ['warning', 0.9, '2026-01-10T00:00:00.000Z'],
      ['overdue', 1, '2026-01-11T00:00:00.000Z'],
    ]);
  });

  it('plans nothing for a petitioner’s window', () => {
    expect(alertPlan({ kind: 'review_window', periodStart: new Date(0), dueAt: new Date(1000) }, [0.7])).toEqual([]);
  });

  it('announces only the latest stage already due, never an older warning after a later one', () => {
    const plan = alertPlan({ kind: 'task', periodStart: new Date(0), dueAt: new Date(1000) }, [0.7, 0.9]);
    expect(nextStage(plan, -1, new Date(100))).toBe(0);
    expect(nextStage(plan, -1, new Date(950))).toBe(1);
    expect(nextStage(plan, 0, new Date(2000))).toBe(2);
    expect(nextStage(plan, 2, new Date(5000))).toBeUndefined();
  });

  it('counts an act on the last day, before 24:00, as in time', () => {
    const due = new Date('2026-11-30T24:00:00+08:00');
    expect(metInTime(due, new Date('2026-11-30T23:59:00+08:00'))).toBe(true);
    expect(metInTime(due, due)).toBe(false);
  });

  it('refuses warning points outside (0, 1)', () => {
    expect(parseWarningShares('0.9, 0.7')).toEqual([0.7, 0.9]);
    expect(() => parseWarningShares('0.7,1.2')).toThrow(RangeError);
  });
});
