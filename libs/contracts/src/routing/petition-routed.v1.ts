import { ArrayMaxSize, IsArray, IsDateString, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, Min } from 'class-validator';
import { defineEvent } from '../event-definition';
import { WORK_UNITS, type WorkUnit } from '../work-units';

/** Who made a routing decision: a rule of the rule set, or a dispatcher by hand (override, re-route, split). */
export const ROUTED_BY = ['rule', 'dispatcher'] as const;
export type RoutedBy = (typeof ROUTED_BY)[number];

/**
 * Routing decided which work unit and which responsible body own a petition. A later event for
 * the same petition (a dispatcher's re-route after an objection, an override) replaces the
 * earlier decision: handling moves the existing case instead of opening another.
 */
export class PetitionRoutedV1 {
  @IsUUID() petitionId!: string;
  @IsString() @IsNotEmpty() caseNumber!: string;
  @IsIn(WORK_UNITS) workUnit!: WorkUnit;
  @IsString() @IsNotEmpty() responsibleBody!: string;
  @IsString() @IsNotEmpty() ruleId!: string;
  @IsString() @IsNotEmpty() reason!: string;
  /** Added while v1: when the centre accepted the petition; the 60-day handling limit runs from it. */
  @IsOptional() @IsDateString() acceptedAt?: string;
  /** Added while v1: the id of this decision (a new one for every re-route). */
  @IsOptional() @IsUUID() decisionId?: string;
  /** Added while v1: the version of the rule set that decided (absent for a dispatcher's decision). */
  @IsOptional() @IsInt() @Min(1) ruleSetVersion?: number;
  /** Added while v1: a rule or a dispatcher. */
  @IsOptional() @IsIn(ROUTED_BY) routedBy?: RoutedBy;
  /** Added while v1: units that assist the lead unit when a dispatcher split the petition. */
  @IsOptional() @IsArray() @ArrayMaxSize(6) @IsIn(WORK_UNITS, { each: true }) assistingUnits?: WorkUnit[];
}

export const PETITION_ROUTED_V1 = defineEvent('routing.petition.routed.v1', PetitionRoutedV1);
