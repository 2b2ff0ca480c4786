import { acceptanceDueAt, checkDecision, isAcceptanceOverdue, statusAfter } from './acceptance';

describe('acceptance decision rules', () => {
  it('is due 15 calendar days after receipt', () => {
    expect(acceptanceDueAt(new Date('2026-02-20T01:00:00Z')).toISOString()).toBe('2026-03-07T01:00:00.000Z');
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
