import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
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

export class IssueOrderDto {
  @ApiProperty({ example: '0b6c1f2e-8a4d-4c3b-9e1f-2a3b4c5d6e7f', description: 'The petition (case) to supervise; it goes to the unit holding it now.' })
  @IsUUID()
  petitionId!: string;

  @ApiProperty({ example: '该件受理已超50日，请于限期内报告办理进展及化解措施。' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason!: string;
}

export class ReplyOrderDto {
  @ApiProperty({ example: '已约谈信访人并制定化解方案，预计本月底前出具处理意见书。' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(4000)
  reply!: string;
}

export class EscalateOrderDto {
  @ApiPropertyOptional({ example: 'deputy-02', description: 'The leader who owns the case (领导包案); checked against it.' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  leaderId?: string;
}

export class OrdersQuery extends PageQuery {
  @ApiPropertyOptional({ enum: WORK_UNITS, example: 'LABOUR' })
  @IsOptional()
  @IsIn(WORK_UNITS)
  workUnit?: WorkUnit;

  @ApiPropertyOptional({ enum: ['issued', 'replied', 'escalated'], example: 'issued' })
  @IsOptional()
  @IsIn(['issued', 'replied', 'escalated'])
  state?: 'issued' | 'replied' | 'escalated';
}

export class StatisticsExportQuery extends StatisticsQuery {
  @ApiPropertyOptional({ enum: ['csv', 'xlsx'], example: 'csv', default: 'csv', description: 'CSV (UTF-8) or an Excel workbook.' })
  @IsOptional()
  @IsIn(['csv', 'xlsx'])
  format?: 'csv' | 'xlsx';
}
