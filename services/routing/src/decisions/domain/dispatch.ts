import { periodInDays, periodInWorkingDays, type WorkingCalendar } from '@pdmc/calendar';
import { WORK_UNITS, type WorkUnit } from '@pdmc/contracts';

/** Why a petition waits on the dispatcher's desk. */
export const DESK_REASONS = ['unrouted', 'returned'] as const;
export type DeskReason = (typeof DESK_REASONS)[number];

/** The centre forwards or assigns an item within 15 days of receipt (信访工作条例 art. 22). */
export const ASSIGNMENT_LIMIT_DAYS = 15;
/** A case keeps its 60-day handling limit when its unit returns it (art. 34). */
export const HANDLING_LIMIT_DAYS = 60;
/** A unit objects within 5 working days of assignment (art. 23). */
export const OBJECTION_WORKING_DAYS = 5;

/**
 * The deadline an item on the desk is worked against: an item no rule decided must still be
 * assigned within 15 days of receipt; a returned case keeps its 60 days from acceptance.
 */
export function deskDueAt(calendar: WorkingCalendar, reason: DeskReason, facts: { receivedAt: Date; acceptedAt: Date }): Date {
  return reason === 'unrouted'
    ? periodInDays(calendar, facts.receivedAt, ASSIGNMENT_LIMIT_DAYS).dueAt
    : periodInDays(calendar, facts.acceptedAt, HANDLING_LIMIT_DAYS).dueAt;
}

/** Whether a unit's objection came within its 5 working days (handling refuses late ones; routing records the check). */
export function objectionInTime(calendar: WorkingCalendar, assignedAt: Date, returnedAt: Date): boolean {
  return returnedAt.getTime() < periodInWorkingDays(calendar, assignedAt, OBJECTION_WORKING_DAYS).dueAt.getTime();
}

/** A petition returned this many times is proposed for a joint meeting (configurable, 3 by default). */
export function meetingDue(bounces: number, limit: number): boolean {
  return bounces >= limit;
}

export type DispatchKind = 'route' | 're-route' | 'override';

/** What the dispatcher's decision is called: routing an unrouted item, re-routing a returned one, or overriding a rule. */
export function dispatchKind(onDesk: boolean, deskReason: DeskReason | undefined): DispatchKind {
  if (!onDesk) return 'override';
  return deskReason === 'returned' ? 're-route' : 'route';
}

export interface DispatchProblem {
  field: string;
  rule: string;
  message: string;
}

/** Checks a dispatcher's decision: a known body, assisting units distinct and other than the lead. */
export function checkDispatch(
  input: { workUnit: WorkUnit; responsibleBody: string; assistingUnits?: WorkUnit[] },
  isKnownBody: (code: string) => boolean,
): DispatchProblem[] {
  const problems: DispatchProblem[] = [];
  if (!(WORK_UNITS as readonly string[]).includes(input.workUnit)) {
    problems.push({ field: 'workUnit', rule: 'knownUnit', message: `${input.workUnit} is not one of the seven work units` });
  }
  if (!isKnownBody(input.responsibleBody)) {
    problems.push({ field: 'responsibleBody', rule: 'knownBody', message: `${input.responsibleBody} is not a body the gazetteer knows (area:<code> or dept:<code>)` });
  }
  const assisting = input.assistingUnits ?? [];
  assisting.forEach((unit, i) => {
    if (unit === input.workUnit) problems.push({ field: `assistingUnits[${i}]`, rule: 'notLead', message: `${unit} leads; it cannot also assist` });
    if (assisting.indexOf(unit) !== i) problems.push({ field: `assistingUnits[${i}]`, rule: 'unique', message: `${unit} is listed twice` });
  });
  return problems;
}
