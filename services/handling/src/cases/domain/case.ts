import type { WorkUnit } from '@pdmc/contracts';

export type CaseStatus = 'open';

export interface Case {
  id: string;
  petitionId: string;
  caseNumber: string;
  workUnit: WorkUnit;
  responsibleBody: string;
  status: CaseStatus;
  openedAt: Date;
  dueAt: Date;
}

/** Handling must finish within 60 days of acceptance (信访工作条例 art. 34). */
export const HANDLING_LIMIT_DAYS = 60;

const DAY_MS = 24 * 60 * 60 * 1000;

/** The handling deadline: 60 calendar days after the case was opened. */
export function handlingDueAt(openedAt: Date): Date {
  return new Date(openedAt.getTime() + HANDLING_LIMIT_DAYS * DAY_MS);
}
