import { endOfBeijingDay, addCalendarDays, beijingDate, periodInDays, periodInWorkingDays, extendPeriod, type Period, type WorkingCalendar } from '@pdmc/calendar';
import type { ObligationKind, WorkUnit } from '@pdmc/contracts';

/**
 * One watched deadline (督查督办): who owes what by when. Plain data; the schema stores it as is.
 * `periodStart` is where the period's share is measured from (the end of the event's day for a
 * legal period, the instant of issue for a deadline someone set), so 70% means 70% of the time.
 */
export interface ObligationFacts {
  kind: ObligationKind;
  petitionId?: string;
  caseNumber?: string;
  caseId?: string;
  workUnit?: WorkUnit;
  assignee?: string;
  startsAt: Date;
  periodStart: Date;
  dueAt: Date;
  /** The last counted day (Beijing date) of a legal period, from which an extension counts. */
  lastDay?: string;
  /** A higher authority wants a completion report (转办/交办 with 报告). */
  reportRequired?: boolean;
}

/** One announcement of an obligation: a warning at a share of its period, or the overdue moment. */
export interface AlertStage {
  stage: 'warning' | 'overdue';
  share: number;
  at: Date;
}

/** Legal periods (domain.md §4) counted on the working-day calendar, by obligation kind. */
export const LEGAL_PERIODS = {
  acceptance: { days: 15 },
  objection: { workingDays: 5 },
  handling: { days: 60 },
  review_window: { days: 30 },
  review: { days: 30 },
  reexamination_window: { days: 30 },
  reexamination: { days: 30 },
} as const satisfies Partial<Record<ObligationKind, { days: number } | { workingDays: number }>>;
export type LegalKind = keyof typeof LEGAL_PERIODS;

/**
 * Windows the petitioner holds (to request a review or re-examination): watched and listed, but
 * nobody at the centre owes anything, so they are never warned about nor announced as overdue.
 */
export const WATCH_ONLY_KINDS: ReadonlySet<ObligationKind> = new Set(['review_window', 'reexamination_window']);

/** The period of a legal obligation starting with an event at `at`. */
export function legalPeriod(calendar: WorkingCalendar, kind: LegalKind, at: Date): Period {
  const rule = LEGAL_PERIODS[kind];
  return 'days' in rule ? periodInDays(calendar, at, rule.days) : periodInWorkingDays(calendar, at, rule.workingDays);
}

/** Facts of a legal obligation: due at the end of its period, measured from the end of the event's day. */
export function legalObligation(
  calendar: WorkingCalendar,
  kind: LegalKind,
  at: Date,
  who: Pick<ObligationFacts, 'petitionId' | 'caseNumber' | 'caseId' | 'workUnit' | 'assignee'>,
): ObligationFacts {
  const period = legalPeriod(calendar, kind, at);
  return { kind, ...who, startsAt: at, periodStart: endOfBeijingDay(beijingDate(at)), dueAt: period.dueAt, lastDay: period.lastDay };
}

/** Facts of a deadline someone set (a task, a meeting's task, a higher authority's limit). */
export function setDeadline(kind: ObligationKind, at: Date, dueAt: Date, who: Pick<ObligationFacts, 'petitionId' | 'caseNumber' | 'caseId' | 'workUnit' | 'assignee' | 'reportRequired'>): ObligationFacts {
  return { kind, ...who, startsAt: at, periodStart: at, dueAt };
}

/** The handling limit after an approved extension of `days` (at most 30, art. 34), counted from its last day. */
export function extendedDue(calendar: WorkingCalendar, facts: Pick<ObligationFacts, 'lastDay' | 'dueAt'>, days: number): { dueAt: Date; lastDay: string } {
  const lastDay = facts.lastDay ?? addCalendarDays(beijingDate(facts.dueAt), -1);
  const period = extendPeriod(calendar, { lastDay }, days);
  return { dueAt: period.dueAt, lastDay: period.lastDay };
}

/**
 * The announcements of an obligation, in time order: a warning at each configured share of its
 * period (e.g. 0.7 and 0.9), then the overdue moment at `dueAt`. Watch-only kinds have none.
 */
export function alertPlan(facts: Pick<ObligationFacts, 'kind' | 'periodStart' | 'dueAt'>, warningShares: readonly number[]): AlertStage[] {
  if (WATCH_ONLY_KINDS.has(facts.kind)) return [];
  const start = facts.periodStart.getTime();
  const span = Math.max(0, facts.dueAt.getTime() - start);
  const warnings = [...new Set(warningShares)]
    .filter((s) => s > 0 && s < 1)
    .sort((a, b) => a - b)
    .map((share): AlertStage => ({ stage: 'warning', share, at: new Date(start + Math.round(span * share)) }));
  return [...warnings, { stage: 'overdue', share: 1, at: facts.dueAt }];
}

/**
 * Which stage to announce next after stage `after` (-1: none yet), at `now`: of the stages
 * already due, only the latest (a warning the service slept through is not worth announcing
 * after a later one, e.g. no 70% warning once the 90% point has passed); otherwise the next
 * one in the future. `undefined`: nothing left.
 */
export function nextStage(plan: readonly AlertStage[], after: number, now: Date): number | undefined {
  let candidate: number | undefined;
  for (let i = after + 1; i < plan.length; i++) {
    if (plan[i].at.getTime() <= now.getTime()) candidate = i;
    else return candidate ?? i;
  }
  return candidate;
}

/** Whether an obligation met at `metAt` was met in time (acts up to 24:00 of the last day are). */
export function metInTime(dueAt: Date, metAt: Date): boolean {
  return metAt.getTime() < dueAt.getTime();
}

/** Parses and checks the configured warning points (`0.7,0.9`): shares strictly between 0 and 1. */
export function parseWarningShares(value: string): number[] {
  const shares = value.split(',').map((s) => s.trim()).filter(Boolean).map(Number);
  if (shares.some((s) => !Number.isFinite(s) || s <= 0 || s >= 1)) throw new RangeError(`warning shares must be numbers between 0 and 1, got "${value}"`);
  return [...new Set(shares)].sort((a, b) => a - b);
}
