import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { WORK_UNITS, type WorkUnit } from '@pdmc/contracts';
import { IsOffsetDateTime, PageQuery } from '@pdmc/platform';
import type { EvaluationFilter, EvaluationPeriod } from '../application/evaluation.commands';

export class ListEvaluationsQuery extends PageQuery implements EvaluationFilter {
  @ApiPropertyOptional({ enum: WORK_UNITS, description: 'Only evaluations of this unit’s handling decisions' })
  @IsOptional()
  @IsIn(WORK_UNITS)
  workUnit?: WorkUnit;
}

export class EvaluationSummaryQuery implements EvaluationPeriod {
  @ApiPropertyOptional({ example: '2026-01-01T00:00:00+08:00', format: 'date-time', description: 'Evaluations submitted from this time on' })
  @IsOptional()
  @IsOffsetDateTime({ toDate: true })
  from?: Date;

  @ApiPropertyOptional({ example: '2027-01-01T00:00:00+08:00', format: 'date-time', description: 'Evaluations submitted before this time' })
  @IsOptional()
  @IsOffsetDateTime({ toDate: true })
  to?: Date;

  @ApiPropertyOptional({ enum: WORK_UNITS, description: 'Only this unit’s handling decisions' })
  @IsOptional()
  @IsIn(WORK_UNITS)
  workUnit?: WorkUnit;
}
