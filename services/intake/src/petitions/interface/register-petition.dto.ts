import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsDateString,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  MaxLength,
  Max,
  Matches,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsChinesePhone, IsResidentId } from '@pdmc/privacy';
import { CHANNELS, ITEM_CLASSES, type Channel, type ItemClass } from '@pdmc/contracts';

/** A petitioner or group representative; all of it is personal data, stored encrypted. */
/** Trims text; a blank optional field (forms send "") counts as not given. */
const trimmed = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const blankAsMissing = ({ value }: { value: unknown }) => {
  if (typeof value !== 'string') return value;
  const t = value.trim();
  return t === '' ? undefined : t;
};

export class PetitionerDto {
  @ApiProperty({ example: '王建国', maxLength: 50 })
  @Transform(trimmed)
  @IsString()
  @IsNotEmpty()
  @MaxLength(50)
  name!: string;

  @ApiPropertyOptional({ example: '11010519491231002X', description: '18-character resident ID number' })
  @Transform(({ value }) => (typeof value === 'string' ? blankAsMissing({ value })?.toString().toUpperCase() : value))
  @IsOptional()
  @IsResidentId()
  idNumber?: string;

  @ApiPropertyOptional({ example: '13800138000', description: 'Mobile or landline' })
  @Transform(blankAsMissing)
  @IsOptional()
  @IsChinesePhone()
  phone?: string;

  @ApiPropertyOptional({ example: '吉林省长春市绿园区合心镇幸福村3组', maxLength: 200 })
  @Transform(blankAsMissing)
  @IsOptional()
  @IsString()
  @MaxLength(200)
  address?: string;
}

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
  @Transform(trimmed)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  subject!: string;

  @ApiProperty({ example: '原厂职工反映自今年三月起退休金未按时足额发放，多次询问无果。', maxLength: 10000 })
  @Transform(trimmed)
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

  @ApiPropertyOptional({
    type: [PetitionerDto],
    maxItems: 5,
    description: 'Petitioners; for a group visit its elected representatives, at most 5 (信访工作条例 art. 20)',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(5)
  @ValidateNested({ each: true })
  @Type(() => PetitionerDto)
  petitioners?: PetitionerDto[];

  @ApiProperty({ example: '2026-11-27T09:30:00+08:00', description: 'When the centre received the item' })
  @IsDateString({ strict: true })
  // Without an offset the time would be read in the server's zone and the 15-day deadline
  // could shift by hours; the clerk's client must say +08:00 (or Z).
  @Matches(/(Z|[+-]\d{2}:?\d{2})$/, { message: 'receivedAt must include a time-zone offset, e.g. +08:00' })
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
