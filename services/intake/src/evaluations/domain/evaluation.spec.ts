import {
  acceptanceDecisionId,
  addCounts,
  checkEvaluation,
  evaluationOpenUntil,
  evaluationState,
  isEvaluated,
  ratingCounts,
  type EvaluableDecision,
} from './evaluation';

const DAY = 24 * 60 * 60 * 1000;
const decidedAt = new Date('2026-03-01T08:00:00+08:00');
const after = (days: number) => new Date(decidedAt.getTime() + days * DAY);

const handling: EvaluableDecision = {
  kind: 'handling',
  decisionId: '0b7f0d1e-3c1a-4d7e-9a55-1f4a2b3c4d5e',
  decidedAt,
  workUnit: 'LABOUR',
  responsibleBody: 'dept:labour-inspection',
};
const acceptance = (kind: 'accept' | 'not_accept' | 'forward'): EvaluableDecision => ({
  kind: 'acceptance',
  decisionId: acceptanceDecisionId('220106-2026-000042'),
  acceptance: kind,
  decidedAt,
});

describe('evaluating a decision', () => {
  it('names an acceptance decision after its petition’s case number', () => {
    expect(acceptanceDecisionId('220106-2026-000042')).toBe('220106-2026-000042:acceptance');
  });

  it('evaluates handling decisions and acceptances that ended the petition, not an accept', () => {
    expect(isEvaluated(handling)).toBe(true);
    expect(isEvaluated(acceptance('not_accept'))).toBe(true);
    expect(isEvaluated(acceptance('forward'))).toBe(true);
    expect(isEvaluated(acceptance('accept'))).toBe(false);
    expect(checkEvaluation(acceptance('accept'), { bureau: 'satisfied' }, after(1), 30)).toEqual({
      code: 'INTAKE.NOT_EVALUATED_DECISION',
      status: 409,
    });
  });

  it('needs both ratings for a handling decision', () => {
    expect(checkEvaluation(handling, { bureau: 'satisfied', unit: 'dissatisfied' }, after(1), 30)).toBeUndefined();
    expect(checkEvaluation(handling, { bureau: 'satisfied' }, after(1), 30)).toEqual({
      code: 'INTAKE.UNIT_RATING_REQUIRED',
      status: 400,
      field: 'unit',
    });
  });

  it('takes the bureau’s rating only for an acceptance decision', () => {
    expect(checkEvaluation(acceptance('not_accept'), { bureau: 'basically_satisfied' }, after(1), 30)).toBeUndefined();
    expect(checkEvaluation(acceptance('forward'), { bureau: 'satisfied', unit: 'satisfied' }, after(1), 30)).toEqual({
      code: 'INTAKE.UNIT_RATING_NOT_ALLOWED',
      status: 400,
      field: 'unit',
    });
  });

  it('takes evaluations up to the end of the window, not after', () => {
    const ratings = { bureau: 'satisfied', unit: 'satisfied' } as const;
    expect(evaluationOpenUntil(decidedAt, 30)).toEqual(after(30));
    expect(checkEvaluation(handling, ratings, after(30), 30)).toBeUndefined();
    expect(checkEvaluation(handling, ratings, new Date(after(30).getTime() + 1), 30)).toEqual({
      code: 'INTAKE.EVALUATION_WINDOW_CLOSED',
      status: 409,
    });
    expect(checkEvaluation(handling, ratings, after(8), 7)).toMatchObject({ code: 'INTAKE.EVALUATION_WINDOW_CLOSED' });
  });

  it('tells the petitioner whether a decision is open, closed or evaluated', () => {
    expect(evaluationState(handling, undefined, after(1), 30)).toEqual({ state: 'open', openUntil: after(30) });
    expect(evaluationState(handling, undefined, after(31), 30)).toEqual({ state: 'closed', openUntil: after(30) });
    const given = { bureau: 'satisfied', unit: 'dissatisfied', submittedAt: after(2) } as const;
    expect(evaluationState(handling, given, after(40), 30)).toEqual({ state: 'evaluated', openUntil: after(30), ...given });
  });
});

describe('satisfaction rate (满意率)', () => {
  it('is (satisfied + basically satisfied) / total, rounded to 4 decimals', () => {
    expect(ratingCounts(1, 1, 1)).toEqual({
      satisfied: 1,
      basically_satisfied: 1,
      dissatisfied: 1,
      total: 3,
      satisfactionRate: 0.6667,
    });
    expect(ratingCounts(0, 0, 2).satisfactionRate).toBe(0);
    expect(ratingCounts(3, 1, 0).satisfactionRate).toBe(1);
  });

  it('is null when nothing was rated', () => {
    expect(ratingCounts(0, 0, 0)).toEqual({ satisfied: 0, basically_satisfied: 0, dissatisfied: 0, total: 0, satisfactionRate: null });
  });

  it('adds counts and recomputes the rate', () => {
    expect(addCounts(ratingCounts(1, 0, 0), ratingCounts(0, 0, 1), ratingCounts(0, 2, 0))).toEqual(ratingCounts(1, 2, 1));
    expect(addCounts()).toEqual(ratingCounts(0, 0, 0));
  });
});
