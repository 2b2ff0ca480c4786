import { ApiPropertyOptional } from '@nestjs/swagger';
import { PageQuery } from '@pdmc/platform';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { WORK_UNITS, type WorkUnit } from '@pdmc/contracts';
import { CASE_STATUSES, type CaseStatus } from '../domain/case';

export class ListCasesQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  petitionId?: string;

  @ApiPropertyOptional({ enum: WORK_UNITS })
  @IsOptional()
  @IsIn(WORK_UNITS)
  workUnit?: WorkUnit;

  @ApiPropertyOptional({ enum: CASE_STATUSES })
  @IsOptional()
  @IsIn(CASE_STATUSES)
  status?: CaseStatus;
}
