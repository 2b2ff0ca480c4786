import { acceptanceDueAt, checkDecision, isAcceptanceOverdue, statusAfter } from './acceptance';

describe('acceptance decision rules', () => {
  it('is due at the end of the 15th day after receipt, Beijing time', () => {
    // Received Friday 20 Feb 2026 09:00 Beijing: day 1 is 21 Feb, day 15 is Saturday 7 Mar, a
    // weekend, so the limit is the end of Monday 9 Mar (24:00 Beijing = 16:00 UTC).
    expect(acceptanceDueAt(new Date('2026-02-20T01:00:00Z')).toISOString()).toBe('2026-03-09T16:00:00.000Z');
  });

  it('counts from the Beijing date: late evening UTC is already the next day in Beijing', () => {
    // 2026-11-12T17:00Z is Friday 13 Nov 01:00 Beijing: day 15 is Saturday 28 Nov, moved to Monday 30 Nov.
    expect(acceptanceDueAt(new Date('2026-11-12T17:00:00Z')).toISOString()).toBe('2026-11-30T16:00:00.000Z');
  });

  it('needs a reason to decline, and a target to forward, and nothing else', () => {
    expect(checkDecision('accept')).toBeUndefined();
    expect(checkDecision('not_accept', 'outside_competence')).toBeUndefined();
    expect(checkDecision('forward', undefined, '区人社局')).toBeUndefined();
    expect(checkDecision('not_accept')).toMatchObject({ field: 'reason', code: 'INTAKE.REASON_REQUIRED' });
    expect(checkDecision('accept', 'outside_competence')).toMatchObject({ code: 'INTAKE.REASON_NOT_ALLOWED' });
    expect(checkDecision('forward')).toMatchObject({ field: 'forwardTo' });
    expect(checkDecision('accept', undefined, '区人社局')).toMatchObject({ code: 'INTAKE.FORWARD_TARGET_NOT_ALLOWED' });
  });

  it('maps decisions to statuses', () => {
    expect([statusAfter('accept'), statusAfter('not_accept'), statusAfter('forward')]).toEqual([
      'accepted',
      'not_accepted',
      'forwarded',
    ]);
  });

  it('is overdue only after the deadline has passed', () => {
    const due = new Date('2026-03-07T01:00:00Z');
    expect(isAcceptanceOverdue(due, new Date('2026-03-07T01:00:00Z'))).toBe(false);
    expect(isAcceptanceOverdue(due, new Date('2026-03-07T01:00:01Z'))).toBe(true);
  });
});
