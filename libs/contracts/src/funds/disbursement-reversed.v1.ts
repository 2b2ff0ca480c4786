import { IsDateString, IsIn, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { defineEvent } from '../event-definition';
import { WORK_UNITS, type WorkUnit } from '../work-units';
import { APPLICATION_KINDS, FUND_IDS, type ApplicationKind, type FundId } from './fund-facts';

/**
 * A recorded tranche was corrected by a reversing ledger entry (never edited): its amount goes
 * back to the application's reservation. `totalDisbursedFen` is the running total after it.
 */
export class DisbursementReversedV1 {
  @IsUUID() disbursementId!: string;
  @IsUUID() applicationId!: string;
  @IsIn(FUND_IDS) fundId!: FundId;
  @IsInt() @Min(2000) @Max(2100) fiscalYear!: number;
  @IsIn(APPLICATION_KINDS) kind!: ApplicationKind;
  @IsOptional() @IsUUID() caseId?: string;
  @IsIn(WORK_UNITS) workUnit!: WorkUnit;
  @IsInt() @Min(1) amountFen!: number;
  @IsInt() @Min(0) totalDisbursedFen!: number;
  @IsDateString() reversedAt!: string;
}

export const DISBURSEMENT_REVERSED_V1 = defineEvent('funds.disbursement.reversed.v1', DisbursementReversedV1);
