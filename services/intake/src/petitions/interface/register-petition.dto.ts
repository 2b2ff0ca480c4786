import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsBoolean,
  IsDateString,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  MaxLength,
  Max,
  Min,
} from 'class-validator';
import { CHANNELS, ITEM_CLASSES, type Channel, type ItemClass } from '@pdmc/contracts';

export class RegisterPetitionDto {
  @ApiProperty({ enum: CHANNELS, example: 'visit' })
  @IsIn(CHANNELS)
  channel!: Channel;

  @ApiProperty({ enum: ITEM_CLASSES, example: 'appeal', description: 'suggestion/opinion, accusation, appeal/demand' })
  @IsIn(ITEM_CLASSES)
  itemClass!: ItemClass;

  @ApiProperty({ example: 514, description: 'Leaf id in the complaint taxonomy (data/reference/complaint-taxonomy.csv)' })
  @IsInt()
  @Min(0)
  categoryId!: number;

  @ApiProperty({ example: 'HX', description: 'Town, sub-district or zone code from the gazetteer' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(16)
  townCode!: string;

  @ApiProperty({ example: '退休金未按时发放', maxLength: 200 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  subject!: string;

  @ApiProperty({ example: '原厂职工反映自今年三月起退休金未按时足额发放，多次询问无果。', maxLength: 10000 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(10000)
  description!: string;

  @ApiPropertyOptional({ example: 1, minimum: 1, description: 'People present (visits); defaults to 1' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100000)
  headcount?: number;

  @ApiProperty({ example: '2026-11-27T09:30:00+08:00', description: 'When the centre received the item' })
  @IsDateString({ strict: true })
  receivedAt!: string;

  @ApiPropertyOptional({ description: 'Skipped the competent level (越级访)' })
  @IsOptional()
  @IsBoolean()
  escalated?: boolean;

  @ApiPropertyOptional({ description: 'Abnormal petitioning reported by a higher authority or staff (非正常访)' })
  @IsOptional()
  @IsBoolean()
  abnormal?: boolean;

  @ApiPropertyOptional({ description: 'Threat of extreme action (扬言)' })
  @IsOptional()
  @IsBoolean()
  threatOfExtremeAction?: boolean;
}
