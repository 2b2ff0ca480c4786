import { IsDateString, IsIn, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { defineEvent } from '../event-definition';
import { WORK_UNITS, type WorkUnit } from '../work-units';
import { APPLICATION_KINDS, FUND_IDS, type ApplicationKind, type FundId } from './fund-facts';

/**
 * Finance paid a tranche of an approved application. `totalDisbursedFen` is the application's
 * running total after this tranche, so a consumer can show "paid so far" without summing.
 */
export class DisbursementRecordedV1 {
  @IsUUID() disbursementId!: string;
  @IsUUID() applicationId!: string;
  @IsIn(FUND_IDS) fundId!: FundId;
  @IsInt() @Min(2000) @Max(2100) fiscalYear!: number;
  @IsIn(APPLICATION_KINDS) kind!: ApplicationKind;
  @IsOptional() @IsUUID() caseId?: string;
  @IsIn(WORK_UNITS) workUnit!: WorkUnit;
  @IsInt() @Min(1) amountFen!: number;
  @IsInt() @Min(0) totalDisbursedFen!: number;
  @IsDateString() paidAt!: string;
}

export const DISBURSEMENT_RECORDED_V1 = defineEvent('funds.disbursement.recorded.v1', DisbursementRecordedV1);
