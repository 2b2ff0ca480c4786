import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';

export class OwnCaseDto {
  @ApiProperty({ example: '3f0c2a9e-8d4b-4c1e-9a57-2b6d8e1f4a30' })
  @IsUUID()
  petitionId!: string;

  @ApiProperty({ example: 'deputy-02', description: 'The leader’s staff id.' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  leaderId!: string;

  @ApiProperty({ example: '张副主任' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(50)
  leaderName!: string;

  @ApiProperty({ example: '多次退回的欠薪积案，由张副主任包案督办' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  note!: string;
}

export class LeaderCasesQuery {
  @ApiPropertyOptional({ example: 'deputy-02' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  leaderId?: string;
}

export class ScheduleReceptionDayDto {
  @ApiProperty({ example: 'director-01' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  leaderId!: string;

  @ApiProperty({ example: '李主任' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(50)
  leaderName!: string;

  @ApiProperty({ example: '2026-12-02', description: 'The Beijing date.' })
  @IsString()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'date must be YYYY-MM-DD' })
  date!: string;

  @ApiProperty({ example: '中心一楼接待大厅' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  place!: string;

  @ApiProperty({ example: '征地拆迁与欠薪问题' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  topic!: string;
}

export class LinkPetitionDto {
  @ApiProperty({ example: '3f0c2a9e-8d4b-4c1e-9a57-2b6d8e1f4a30' })
  @IsUUID()
  petitionId!: string;
}

export class FollowUpDto {
  @ApiProperty({ example: '已责成区人社局三日内回复信访人' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  note!: string;
}

export class ReceptionDaysQuery {
  @ApiPropertyOptional({ example: '2026-12-01', description: 'Today (Beijing) when left out.' })
  @IsOptional()
  @IsString()
  from?: string;

  @ApiPropertyOptional({ example: '2026-12-31', description: '30 days after `from` when left out.' })
  @IsOptional()
  @IsString()
  to?: string;
}
