import type { SatisfactionRating, WorkUnit } from '@pdmc/contracts';
import type { AcceptanceDecisionKind } from '../../petitions/domain/acceptance';

/**
 * The petitioner's satisfaction evaluation of a decision (信访工作条例 art. 21; 满意 / 基本满意 /
 * 不满意), given separately for the petition bureau and, when a work unit decided, for the
 * responsible unit. One per decision, within `EVALUATION_WINDOW_DAYS` after it.
 *
 * Two kinds of decision are evaluated:
 * - a written handling decision (信访处理意见书) of a work unit: `bureau` and `unit` both required;
 * - an acceptance decision that ended the petition at the centre (not accepted, or forwarded to
 *   another body): `bureau` only, as no unit was involved. Its id is `<case number>:acceptance`.
 * An acceptance that let the petition go on (`accept`) is not evaluated: the handling decision is.
 */
export const ACCEPTANCE_DECISION_SUFFIX = ':acceptance';

const DAY_MS = 24 * 60 * 60 * 1000;

export function acceptanceDecisionId(caseNumber: string): string {
  return `${caseNumber}${ACCEPTANCE_DECISION_SUFFIX}`;
}

export type EvaluableDecision =
  | { kind: 'acceptance'; decisionId: string; acceptance: AcceptanceDecisionKind; decidedAt: Date }
  | { kind: 'handling'; decisionId: string; decidedAt: Date; workUnit: WorkUnit; responsibleBody: string };

export interface Ratings {
  bureau: SatisfactionRating;
  unit?: SatisfactionRating;
}

export type EvaluationProblem =
  | { code: 'INTAKE.NOT_EVALUATED_DECISION'; status: 409 }
  | { code: 'INTAKE.UNIT_RATING_REQUIRED'; status: 400; field: 'unit' }
  | { code: 'INTAKE.UNIT_RATING_NOT_ALLOWED'; status: 400; field: 'unit' }
  | { code: 'INTAKE.EVALUATION_WINDOW_CLOSED'; status: 409 };

/** Whether the petitioner evaluates this decision at all. */
export function isEvaluated(decision: EvaluableDecision): boolean {
  return decision.kind === 'handling' || decision.acceptance !== 'accept';
}

/** The last moment an evaluation is taken: `windowDays` days after the decision. */
export function evaluationOpenUntil(decidedAt: Date, windowDays: number): Date {
  return new Date(new Date(decidedAt).getTime() + windowDays * DAY_MS);
}

/** Why these ratings of this decision cannot be taken now; undefined when they can. */
export function checkEvaluation(
  decision: EvaluableDecision,
  ratings: Ratings,
  now: Date,
  windowDays: number,
): EvaluationProblem | undefined {
  if (!isEvaluated(decision)) return { code: 'INTAKE.NOT_EVALUATED_DECISION', status: 409 };
  if (decision.kind === 'handling' && !ratings.unit) {
    return { code: 'INTAKE.UNIT_RATING_REQUIRED', status: 400, field: 'unit' };
  }
  if (decision.kind === 'acceptance' && ratings.unit) {
    return { code: 'INTAKE.UNIT_RATING_NOT_ALLOWED', status: 400, field: 'unit' };
  }
  if (now.getTime() > evaluationOpenUntil(decision.decidedAt, windowDays).getTime()) {
    return { code: 'INTAKE.EVALUATION_WINDOW_CLOSED', status: 409 };
  }
  return undefined;
}

export interface GivenEvaluation extends Ratings {
  submittedAt: Date;
}

/** Where a decision stands for the petitioner: open to evaluation, evaluated, or past the window. */
export type EvaluationState =
  | { state: 'open'; openUntil: Date }
  | { state: 'closed'; openUntil: Date }
  | ({ state: 'evaluated'; openUntil: Date } & GivenEvaluation);

export function evaluationState(
  decision: EvaluableDecision,
  given: GivenEvaluation | undefined,
  now: Date,
  windowDays: number,
): EvaluationState {
  const openUntil = evaluationOpenUntil(decision.decidedAt, windowDays);
  if (given) {
    return {
      state: 'evaluated',
      openUntil,
      bureau: given.bureau,
      ...(given.unit ? { unit: given.unit } : {}),
      submittedAt: given.submittedAt,
    };
  }
  return { state: now.getTime() > openUntil.getTime() ? 'closed' : 'open', openUntil };
}

/** Counts of one rating scale, and the satisfaction rate 满意率 = (满意 + 基本满意) / total. */
export interface RatingCounts {
  satisfied: number;
  basically_satisfied: number;
  dissatisfied: number;
  total: number;
  /** Rounded to 4 decimals; null when nothing was rated. */
  satisfactionRate: number | null;
}

export function ratingCounts(satisfied: number, basicallySatisfied: number, dissatisfied: number): RatingCounts {
  const total = satisfied + basicallySatisfied + dissatisfied;
  return {
    satisfied,
    basically_satisfied: basicallySatisfied,
    dissatisfied,
    total,
    satisfactionRate: total === 0 ? null : Math.round(((satisfied + basicallySatisfied) / total) * 10_000) / 10_000,
  };
}

export function addCounts(...parts: readonly RatingCounts[]): RatingCounts {
  const sum = (key: 'satisfied' | 'basically_satisfied' | 'dissatisfied') => parts.reduce((n, p) => n + p[key], 0);
  return ratingCounts(sum('satisfied'), sum('basically_satisfied'), sum('dissatisfied'));
}

/** The centre's acceptance decision as an evaluable decision. */
export function acceptanceAsDecision(
  caseNumber: string,
  acceptance: { kind: AcceptanceDecisionKind; decidedAt: Date },
): EvaluableDecision {
  return {
    kind: 'acceptance',
    decisionId: acceptanceDecisionId(caseNumber),
    acceptance: acceptance.kind,
    decidedAt: new Date(acceptance.decidedAt),
  };
}

/** A work unit's handling decision as an evaluable decision. */
export function handlingAsDecision(decision: {
  decisionId: string;
  decidedAt: Date;
  workUnit: WorkUnit;
  responsibleBody: string;
}): EvaluableDecision {
  return {
    kind: 'handling',
    decisionId: decision.decisionId,
    decidedAt: new Date(decision.decidedAt),
    workUnit: decision.workUnit,
    responsibleBody: decision.responsibleBody,
  };
}
