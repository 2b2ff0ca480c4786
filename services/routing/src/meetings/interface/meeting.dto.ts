import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsDateString, IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength, ValidateNested } from 'class-validator';
import { WORK_UNITS, type WorkUnit } from '@pdmc/contracts';
import { PageQuery } from '@pdmc/platform';
import { MEETING_STATUSES, type MeetingStatus } from '../domain/meeting';

export class ConveneMeetingDto {
  @ApiPropertyOptional({ example: ['3f0c2a9e-8d4b-4c1e-9a57-2b6d8e1f4a30'], description: 'The cases (petition ids); required for a new meeting, added to a proposed one.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true })
  petitionIds?: string[];

  @ApiProperty({ example: ['LABOUR', 'URBAN_ENV', 'dept:housing-construction'], description: 'Work units and gazetteer bodies.' })
  @IsArray()
  @ArrayMinSize(2)
  @ArrayMaxSize(30)
  @IsString({ each: true })
  participants!: string[];

  @ApiProperty({ example: '工地欠薪案件多次退回，明确牵头单位及各方责任' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  agenda!: string;

  @ApiProperty({ example: '2026-12-03T09:00:00+08:00' })
  @IsDateString()
  scheduledAt!: string;

  @ApiProperty({ example: '中心三楼会议室' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  place!: string;
}

export class MeetingTaskDto {
  @ApiProperty({ example: 'dept:labour-inspection', description: 'A work unit or a gazetteer body.' })
  @IsString()
  @MaxLength(64)
  assignee!: string;

  @ApiProperty({ example: '督促施工企业十日内足额支付拖欠工资' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  description!: string;

  @ApiProperty({ example: '2026-12-15T17:00:00+08:00' })
  @IsDateString()
  dueAt!: string;
}

export class ConcludeMeetingDto {
  @ApiProperty({ enum: WORK_UNITS, example: 'LABOUR' })
  @IsIn(WORK_UNITS)
  leadUnit!: WorkUnit;

  @ApiProperty({ type: [MeetingTaskDto] })
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => MeetingTaskDto)
  tasks!: MeetingTaskDto[];

  @ApiProperty({ example: '会议议定：劳动保障单元牵头，住建局配合核查工程款拨付情况。' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(20000)
  minutes!: string;
}

export class CompleteTaskDto {
  @ApiProperty({ example: '企业已于12月10日足额支付，信访人确认' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  note!: string;
}

export class MeetingsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: MEETING_STATUSES })
  @IsOptional()
  @IsIn(MEETING_STATUSES)
  status?: MeetingStatus;
}
