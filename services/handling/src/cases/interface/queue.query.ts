import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { WORK_UNITS, type WorkUnit } from '@pdmc/contracts';
import { PageQuery } from '@pdmc/platform';
import { CASE_STATES, type CaseState } from '../domain/case-lifecycle';

const bool = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

/** Which unit's queue; every queue the caller sees when left out. */
export class QueueUnitQuery {
  @ApiPropertyOptional({ enum: WORK_UNITS, example: 'LABOUR' })
  @IsOptional()
  @IsIn(WORK_UNITS)
  unit?: WorkUnit;
}

/** A unit's work queue, narrowed. */
export class QueueQuery extends PageQuery {
  @ApiPropertyOptional({ enum: WORK_UNITS, example: 'LABOUR', description: 'One unit’s queue; every queue the caller sees when left out' })
  @IsOptional()
  @IsIn(WORK_UNITS)
  unit?: WorkUnit;

  @ApiPropertyOptional({ enum: CASE_STATES, example: 'investigating' })
  @IsOptional()
  @IsIn(CASE_STATES)
  status?: CaseState;

  @ApiPropertyOptional({ example: 'handler-07', description: 'Only this handler’s cases' })
  @IsOptional()
  @IsString()
  @MaxLength(128)
  handler?: string;

  @ApiPropertyOptional({ example: true, description: 'Only cases no handler holds yet' })
  @IsOptional()
  @Transform(bool)
  @IsBoolean()
  unassigned?: boolean;

  @ApiPropertyOptional({ example: true, description: 'Only overdue (true) or only on-time (false) cases' })
  @IsOptional()
  @Transform(bool)
  @IsBoolean()
  overdue?: boolean;
}
