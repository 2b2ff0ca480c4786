import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import {
  INCIDENT_OUTCOMES,
  INCIDENT_SEVERITIES,
  INCIDENT_TYPES,
  REPORTABLE_STAGES,
  RESPONDER_UNITS,
  type IncidentOutcome,
  type IncidentSeverity,
  type IncidentType,
  type ReportableStage,
  type ResponderUnit,
} from '@pdmc/contracts';

const trimmed = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** An incident at or near the centre, as the duty officer (or other staff) reports it. */
export class ReportIncidentDto {
  @ApiProperty({ enum: INCIDENT_TYPES, example: 'disorder' })
  @IsIn(INCIDENT_TYPES)
  type!: IncidentType;

  @ApiProperty({ enum: INCIDENT_SEVERITIES, example: 'high' })
  @IsIn(INCIDENT_SEVERITIES)
  severity!: IncidentSeverity;

  @ApiProperty({ example: '接待大厅一楼3号窗口', maxLength: 200, description: 'Where in or near the centre' })
  @Transform(trimmed)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  place!: string;

  @ApiProperty({ example: 3, minimum: 0, maximum: 100000, description: 'How many people are involved' })
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(100000)
  peopleCount!: number;

  @ApiPropertyOptional({
    example: '两名男性来访人情绪激动，一名老人身体不适',
    maxLength: 500,
    description: 'Who is involved, described; never names or ID numbers',
  })
  @IsOptional()
  @Transform(trimmed)
  @IsString()
  @MaxLength(500)
  peopleDescription?: string;

  @ApiProperty({ example: '来访人在窗口前大声争吵并推搡工作人员，秩序混乱。', maxLength: 2000 })
  @Transform(trimmed)
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  description!: string;

  @ApiPropertyOptional({ example: '5b0e4a7e-8a51-4f0c-9d8e-2f1c3a4b5c6d', description: 'The petition the incident concerns' })
  @IsOptional()
  @IsUUID()
  petitionId?: string;

  @ApiPropertyOptional({ example: '0f8e7d6c-5b4a-4938-8271-605f4e3d2c1b', description: 'The case the incident concerns' })
  @IsOptional()
  @IsUUID()
  caseId?: string;

  @ApiPropertyOptional({
    example: '5b0e4a7e-8a51-4f0c-9d8e-2f1c3a4b5c6d',
    description: 'Start from the watch item of this petition (links the petition)',
  })
  @IsOptional()
  @IsUUID()
  fromWatchItem?: string;
}

export class DispatchUnitDto {
  @ApiProperty({ enum: RESPONDER_UNITS, example: 'HEALTH' })
  @IsIn(RESPONDER_UNITS)
  unit!: ResponderUnit;

  @ApiPropertyOptional({
    example: 5,
    minimum: 1,
    maximum: 1440,
    description: 'Minutes to acknowledge; default: the plan’s time for this unit, else 10',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1440)
  acknowledgeWithinMinutes?: number;
}

export class StandDownDto {
  @ApiProperty({ example: '现场秩序已恢复，无需医疗支援', maxLength: 500 })
  @Transform(trimmed)
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason!: string;
}

export class DispatchStatusDto {
  @ApiProperty({ enum: REPORTABLE_STAGES, example: 'acknowledged', description: 'The next stage: acknowledged, en_route, on_scene, cleared' })
  @IsIn(REPORTABLE_STAGES)
  status!: ReportableStage;

  @ApiPropertyOptional({ example: '两名民警已出发，预计5分钟到达', maxLength: 500 })
  @IsOptional()
  @Transform(trimmed)
  @IsString()
  @MaxLength(500)
  note?: string;
}

export class CloseIncidentDto {
  @ApiProperty({ enum: INCIDENT_OUTCOMES, example: 'resolved_on_site' })
  @IsIn(INCIDENT_OUTCOMES)
  outcome!: IncidentOutcome;

  @ApiProperty({ example: '经现场劝导，来访人情绪平复，秩序恢复正常；无人员受伤。', maxLength: 5000, description: 'The closing report' })
  @Transform(trimmed)
  @IsString()
  @IsNotEmpty()
  @MaxLength(5000)
  report!: string;
}

export class ListIncidentsQuery {
  @ApiPropertyOptional({ enum: ['open', 'closed'], example: 'open' })
  @IsOptional()
  @IsIn(['open', 'closed'])
  status?: 'open' | 'closed';
}
