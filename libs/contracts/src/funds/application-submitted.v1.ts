import { IsDateString, IsIn, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { defineEvent } from '../event-definition';
import { WORK_UNITS, type WorkUnit } from '../work-units';
import { APPLICATION_KINDS, FUND_IDS, type ApplicationKind, type FundId } from './fund-facts';

/**
 * An application for money from a fund entered its approval chain. Amounts in integer fen. No
 * beneficiary: supervision counts money per case and unit, it never needs to know who is paid.
 */
export class ApplicationSubmittedV1 {
  @IsUUID() applicationId!: string;
  @IsIn(FUND_IDS) fundId!: FundId;
  @IsInt() @Min(2000) @Max(2100) fiscalYear!: number;
  @IsIn(APPLICATION_KINDS) kind!: ApplicationKind;
  @IsOptional() @IsUUID() caseId?: string;
  @IsIn(WORK_UNITS) workUnit!: WorkUnit;
  @IsInt() @Min(1) amountFen!: number;
  @IsDateString() submittedAt!: string;
}

export const APPLICATION_SUBMITTED_V1 = defineEvent('funds.application.submitted.v1', ApplicationSubmittedV1);
