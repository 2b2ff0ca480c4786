import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { OBLIGATION_KINDS, WORK_UNITS, type ObligationKind, type WorkUnit } from '@pdmc/contracts';
import { PageQuery } from '@pdmc/platform';
import { DIMENSIONS, type Dimension } from '../domain/rates';

export class QueueQuery extends PageQuery {
  @ApiPropertyOptional({ enum: WORK_UNITS, example: 'LABOUR' })
  @IsOptional()
  @IsIn(WORK_UNITS)
  workUnit?: WorkUnit;

  @ApiPropertyOptional({ enum: OBLIGATION_KINDS, example: 'handling' })
  @IsOptional()
  @IsIn(OBLIGATION_KINDS)
  kind?: ObligationKind;
}

const MONTH = /^20\d\d-(0[1-9]|1[0-2])$/;

export class StatisticsQuery {
  @ApiPropertyOptional({ example: '2026-01', description: 'First month (YYYY-MM, Beijing time); the current month if omitted.' })
  @IsOptional()
  @Matches(MONTH, { message: 'from must be a month YYYY-MM' })
  from?: string;

  @ApiPropertyOptional({ example: '2026-12', description: 'Last month, inclusive, at most 24 months after from; `from` (or the current month) if omitted.' })
  @IsOptional()
  @Matches(MONTH, { message: 'to must be a month YYYY-MM' })
  to?: string;

  @ApiPropertyOptional({ enum: DIMENSIONS, example: 'unit', description: 'Rows per unit, town, category (first level), channel or owning leader; `centre` (one row) if omitted.' })
  @IsOptional()
  @IsIn(DIMENSIONS)
  dimension?: Dimension;
}
