import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsDate,
  IsNotEmpty,
  IsOptional,
  IsString,
  MaxLength,
  ValidateNested,
} from 'class-validator';

/** Rows per request; a larger archive is sent in several. */
export const MAX_IMPORT_ROWS = 2000;

export class HistoricalExampleDto {
  @ApiProperty({ example: '出租车拒载绕路', maxLength: 200 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  subject!: string;

  @ApiPropertyOptional({ example: '晚上在青年路打车，连续几辆出租车拒载。', maxLength: 10000 })
  @IsOptional()
  @IsString()
  @MaxLength(10000)
  description?: string;

  @ApiProperty({ example: '交通运输', maxLength: 40, description: 'First-level class of data/reference/complaint-taxonomy.csv' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(40)
  level1!: string;

  @ApiPropertyOptional({ example: '出租车管理', maxLength: 40 })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(40)
  level2?: string;

  @ApiPropertyOptional({ example: '行业监管', maxLength: 40, description: 'Only with level2' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(40)
  level3?: string;

  @ApiPropertyOptional({ example: '2025-06-03T09:30:00+08:00', description: 'When it was classified; the import time if absent' })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  at?: Date;
}

export class ImportExamplesDto {
  @ApiProperty({ type: [HistoricalExampleDto], maxItems: MAX_IMPORT_ROWS })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_IMPORT_ROWS)
  @ValidateNested({ each: true })
  @Type(() => HistoricalExampleDto)
  examples!: HistoricalExampleDto[];
}
