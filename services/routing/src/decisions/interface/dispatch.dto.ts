import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { WORK_UNITS, type WorkUnit } from '@pdmc/contracts';
import { PageQuery } from '@pdmc/platform';
import { DESK_REASONS, type DeskReason } from '../domain/dispatch';

/** A dispatcher's decision: the lead unit and body, optional assisting units (a split), and why. */
export class DispatchDto {
  @ApiProperty({ enum: WORK_UNITS, example: 'LABOUR', description: 'The lead unit.' })
  @IsIn(WORK_UNITS)
  workUnit!: WorkUnit;

  @ApiProperty({ example: 'dept:labour-inspection', description: 'A gazetteer code: area:<code> or dept:<code>.' })
  @IsString()
  @MaxLength(80)
  responsibleBody!: string;

  @ApiPropertyOptional({ enum: WORK_UNITS, isArray: true, example: ['URBAN_ENV'], description: 'Units that assist the lead (分办).' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(6)
  @IsIn(WORK_UNITS, { each: true })
  assistingUnits?: WorkUnit[];

  @ApiProperty({ example: '工地欠薪涉及住建领域，由劳动监察牵头、城建环保协办' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason!: string;
}

export class DeskQuery extends PageQuery {
  @ApiPropertyOptional({ enum: DESK_REASONS, description: 'Only items no rule decided, or only returned ones.' })
  @IsOptional()
  @IsIn(DESK_REASONS)
  reason?: DeskReason;
}
