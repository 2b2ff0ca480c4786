import { IsDateString, IsIn, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { defineEvent } from '../event-definition';
import { WORK_UNITS, type WorkUnit } from '../work-units';
import { APPLICATION_KINDS, FUND_IDS, type ApplicationKind, type FundId } from './fund-facts';

/** A step of the chain rejected an application for good; nothing is reserved for it any more. */
export class ApplicationRejectedV1 {
  @IsUUID() applicationId!: string;
  @IsIn(FUND_IDS) fundId!: FundId;
  @IsInt() @Min(2000) @Max(2100) fiscalYear!: number;
  @IsIn(APPLICATION_KINDS) kind!: ApplicationKind;
  @IsOptional() @IsUUID() caseId?: string;
  @IsIn(WORK_UNITS) workUnit!: WorkUnit;
  @IsInt() @Min(1) amountFen!: number;
  @IsDateString() rejectedAt!: string;
}

export const APPLICATION_REJECTED_V1 = defineEvent('funds.application.rejected.v1', ApplicationRejectedV1);
