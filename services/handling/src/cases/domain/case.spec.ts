import { handlingDueAt, HANDLING_LIMIT_DAYS } from './case';

describe('case deadlines', () => {
  it('is due 60 calendar days after opening', () => {
    expect(HANDLING_LIMIT_DAYS).toBe(60);
    expect(handlingDueAt(new Date('2026-01-01T08:00:00Z')).toISOString()).toBe('2026-03-02T08:00:00.000Z');
  });
});
