import { IsDateString, IsIn, IsNotEmpty, IsString, IsUUID } from 'class-validator';
import { defineEvent } from '../event-definition';
import { WORK_UNITS, type WorkUnit } from '../work-units';

/** Why a case ended for good (终结, art. 36-37). */
export const TERMINATION_GROUNDS = ['reexamination_decided', 'review_window_passed', 'reexamination_window_passed'] as const;
export type TerminationGround = (typeof TERMINATION_GROUNDS)[number];

/**
 * A case is terminated: the same request on the same facts and reasons is not accepted again.
 * Intake refuses (while still registering) a new petition of the same person about the same
 * matter, naming this case number. No personal data: intake knows the petition's people.
 */
export class CaseTerminatedV1 {
  @IsUUID() caseId!: string;
  @IsUUID() petitionId!: string;
  @IsString() @IsNotEmpty() caseNumber!: string;
  @IsIn(WORK_UNITS) workUnit!: WorkUnit;
  @IsIn(TERMINATION_GROUNDS) ground!: TerminationGround;
  @IsDateString() terminatedAt!: string;
}

export const CASE_TERMINATED_V1 = defineEvent('handling.case.terminated.v1', CaseTerminatedV1);
