import { IsDateString, IsIn, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { defineEvent } from '../event-definition';
import { WORK_UNITS, type WorkUnit } from '../work-units';
import { APPLICATION_KINDS, FUND_IDS, type ApplicationKind, type FundId } from './fund-facts';

/** The last step of the chain approved an application and its amount is reserved in the fund's year. */
export class ApplicationApprovedV1 {
  @IsUUID() applicationId!: string;
  @IsIn(FUND_IDS) fundId!: FundId;
  @IsInt() @Min(2000) @Max(2100) fiscalYear!: number;
  @IsIn(APPLICATION_KINDS) kind!: ApplicationKind;
  @IsOptional() @IsUUID() caseId?: string;
  @IsIn(WORK_UNITS) workUnit!: WorkUnit;
  @IsInt() @Min(1) amountFen!: number;
  @IsDateString() approvedAt!: string;
}

export const APPLICATION_APPROVED_V1 = defineEvent('funds.application.approved.v1', ApplicationApprovedV1);
