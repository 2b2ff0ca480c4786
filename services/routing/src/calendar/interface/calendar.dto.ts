import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsInt, IsNotEmpty, IsOptional, IsString, Matches, MaxLength, Min, ValidateNested } from 'class-validator';

export class CalendarDayDto {
  @ApiProperty({ example: '2027-02-09' })
  @IsString()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'date must be YYYY-MM-DD' })
  date!: string;

  @ApiProperty({ example: '春节' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(50)
  name!: string;
}

/** One year of the State Council's holiday schedule, replacing what routing holds for it. */
export class ReplaceHolidayYearDto {
  @ApiProperty({ type: [CalendarDayDto], description: 'Official days off (放假), weekends inside a holiday included.' })
  @IsArray()
  @ArrayMaxSize(60)
  @ValidateNested({ each: true })
  @Type(() => CalendarDayDto)
  holidays!: CalendarDayDto[];

  @ApiProperty({ type: [CalendarDayDto], description: 'Weekend days that are working days (调休上班日).' })
  @IsArray()
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  @Type(() => CalendarDayDto)
  workdays!: CalendarDayDto[];

  @ApiProperty({ example: '国务院办公厅关于2027年部分节假日安排的通知' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  source!: string;

  @ApiPropertyOptional({ description: 'True while the official notice is not out yet.' })
  @IsOptional()
  @IsBoolean()
  provisional?: boolean;

  @ApiPropertyOptional({ example: 1, description: 'The revision you edited; a save over a newer one is refused (409).' })
  @IsOptional()
  @IsInt()
  @Min(0)
  basedOnRevision?: number;
}

export class CalendarDaysQuery {
  @ApiPropertyOptional({ example: '2026-09-28', description: 'Today (Beijing) when left out.' })
  @IsOptional()
  @IsString()
  from?: string;

  @ApiPropertyOptional({ example: '2026-10-12', description: '30 days after `from` when left out.' })
  @IsOptional()
  @IsString()
  to?: string;
}
