import { canBeDecided, handlingDueAt, HANDLING_LIMIT_DAYS, REVIEW_REQUEST_LIMIT_DAYS, reviewRequestDueAt } from './case';

describe('case deadlines', () => {
  it('is due 60 calendar days after opening', () => {
    expect(HANDLING_LIMIT_DAYS).toBe(60);
    expect(handlingDueAt(new Date('2026-01-01T08:00:00Z')).toISOString()).toBe('2026-03-02T08:00:00.000Z');
  });

  it('lets the petitioner request a review until 30 calendar days after the decision', () => {
    expect(REVIEW_REQUEST_LIMIT_DAYS).toBe(30);
    expect(reviewRequestDueAt(new Date('2026-01-01T08:00:00Z')).toISOString()).toBe('2026-01-31T08:00:00.000Z');
    // Across the end of February (2026 is not a leap year) and a month of 31 days.
    expect(reviewRequestDueAt(new Date('2026-02-10T00:00:00Z')).toISOString()).toBe('2026-03-12T00:00:00.000Z');
    expect(reviewRequestDueAt(new Date('2026-12-15T23:59:59.999Z')).toISOString()).toBe('2027-01-14T23:59:59.999Z');
  });
});

describe('deciding a case', () => {
  it('decides an open case once: a decided case cannot be decided again', () => {
    expect(canBeDecided('open')).toBe(true);
    expect(canBeDecided('decided')).toBe(false);
  });
});
