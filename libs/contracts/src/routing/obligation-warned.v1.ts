import { IsDateString, IsIn, IsNumber, IsOptional, IsString, IsNotEmpty, IsUUID, Max, Min, MaxLength } from 'class-validator';
import { defineEvent } from '../event-definition';
import { WORK_UNITS, type WorkUnit } from '../work-units';

/** The legal or set deadlines supervision watches (督查督办), one obligation each. */
export const OBLIGATION_KINDS = [
  'acceptance',
  'objection',
  'handling',
  'task',
  'meeting_task',
  'review_window',
  'review',
  'reexamination_window',
  'reexamination',
  'referral',
] as const;
export type ObligationKind = (typeof OBLIGATION_KINDS)[number];

/**
 * A watched deadline reached a warning point (for example 70% or 90% of its period) and is
 * still open; announced once per point. Ids and dates only: no personal data.
 */
export class ObligationWarnedV1 {
  @IsString() @IsNotEmpty() @MaxLength(200) obligationId!: string;
  @IsIn(OBLIGATION_KINDS) kind!: ObligationKind;
  @IsOptional() @IsUUID() petitionId?: string;
  @IsOptional() @IsString() @MaxLength(64) caseNumber?: string;
  @IsOptional() @IsUUID() caseId?: string;
  @IsOptional() @IsIn(WORK_UNITS) workUnit?: WorkUnit;
  /** A responsible body or meeting assignee, when the deadline is theirs. */
  @IsOptional() @IsString() @MaxLength(64) assignee?: string;
  /** The share of the period passed at this warning point (0.7 = 70%). */
  @IsNumber() @Min(0) @Max(1) share!: number;
  @IsDateString() startsAt!: string;
  @IsDateString() dueAt!: string;
  @IsDateString() warnedAt!: string;
}

export const OBLIGATION_WARNED_V1 = defineEvent('routing.obligation.warned.v1', ObligationWarnedV1);
