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
import { IsChinesePhone, IsResidentId, normalizePhone } from '@pdmc/privacy';
import {
  AUTHORITY_LEVELS,
  CHANNELS,
  ITEM_CLASSES,
  REFERRAL_KINDS,
  type AuthorityLevel,
  type Channel,
  type ItemClass,
  type ReferralKind,
} from '@pdmc/contracts';
import { MAX_PETITIONERS } from '../domain/petition';

/** Trims text; a blank optional field (forms send "") counts as not given. */
export const trimmed = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
export const blankAsMissing = ({ value }: { value: unknown }) => {
  if (typeof value !== 'string') return value;
  const t = value.trim();
  return t === '' ? undefined : t;
};

/** A resident ID number as written, trimmed, with a small x made capital; blank counts as not given. */
export const canonicalIdNumber = ({ value }: { value: unknown }) => {
  const given = blankAsMissing({ value });
  return typeof given === 'string' ? given.toUpperCase() : given;
};

/**
 * One way of writing each phone (`13800138000`, `0431-87654321`, `0431-87654321-123`), however it
 * was typed (spaces, +86, full-width digits, a local number without area code), so that the
 * blind index finds the same person; left as typed when invalid, for the validator to name.
 */
export const canonicalPhone = ({ value }: { value: unknown }) => {
  const given = blankAsMissing({ value });
  return typeof given === 'string' ? (normalizePhone(given) ?? given) : given;
};

const OFFSET = /(Z|[+-]\d{2}:?\d{2})$/;

/** A petitioner or group representative; all of it is personal data, stored encrypted. */
export class PetitionerDto {
  @ApiProperty({ example: '王建国', maxLength: 50 })
  @Transform(trimmed)
  @IsString()
  @IsNotEmpty()
  @MaxLength(50)
  name!: string;

  @ApiPropertyOptional({ example: '11010519491231002X', description: '18-character resident ID number' })
  @Transform(canonicalIdNumber)
  @IsOptional()
  @IsResidentId()
  idNumber?: string;

  @ApiPropertyOptional({
    example: '13800138000',
    description: 'Mobile or landline, as written (0431-8765 4321, 87654321, +86 138…, full-width digits, an extension); stored in one canonical form',
  })
  @Transform(canonicalPhone)
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

/** Who transferred (转办) or assigned (交办) the item, and what they expect back. */
export class ReferralDto {
  @ApiProperty({ enum: REFERRAL_KINDS, example: 'assignment', description: 'transfer (转办) or assignment (交办)' })
  @IsIn(REFERRAL_KINDS)
  kind!: ReferralKind;

  @ApiProperty({ example: '长春市信访局', maxLength: 100 })
  @Transform(trimmed)
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  authority!: string;

  @ApiProperty({ enum: AUTHORITY_LEVELS, example: 'city' })
  @IsIn(AUTHORITY_LEVELS)
  authorityLevel!: AuthorityLevel;

  @ApiProperty({ example: '长信交〔2026〕118号', maxLength: 64, description: 'The authority’s reference number' })
  @Transform(trimmed)
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  reference!: string;

  @ApiPropertyOptional({ example: '2026-12-20T17:00:00+08:00', description: 'The authority’s deadline for the item' })
  @IsOptional()
  @IsDateString({ strict: true })
  @Matches(OFFSET, { message: 'dueAt must include a time-zone offset, e.g. +08:00' })
  dueAt?: string;

  @ApiProperty({ example: true, description: 'A completion report (办结报告) is due to the authority' })
  @IsBoolean()
  reportRequired!: boolean;

  @ApiPropertyOptional({ example: false, description: 'The authority reports abnormal petitioning (非正常访)' })
  @IsOptional()
  @IsBoolean()
  abnormalReported?: boolean;
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
    maxItems: MAX_PETITIONERS,
    description:
      'Petitioners: the signers of a (joint) letter, the caller, or for a group visit its elected representatives, at most 5 (信访工作条例 art. 20)',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_PETITIONERS)
  @ValidateNested({ each: true })
  @Type(() => PetitionerDto)
  petitioners?: PetitionerDto[];

  @ApiProperty({ example: '2026-11-27T09:30:00+08:00', description: 'When the centre received the item' })
  @IsDateString({ strict: true })
  // Without an offset the time would be read in the server's zone and the 15-day deadline
  // could shift by hours; the clerk's client must say +08:00 (or Z).
  @Matches(OFFSET, { message: 'receivedAt must include a time-zone offset, e.g. +08:00' })
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

  @ApiPropertyOptional({ description: 'Backlog case (积案): a long-unresolved matter' })
  @IsOptional()
  @IsBoolean()
  backlog?: boolean;

  @ApiPropertyOptional({ type: ReferralDto, description: 'Required for channel `transferred`, refused otherwise' })
  @IsOptional()
  @ValidateNested()
  @Type(() => ReferralDto)
  referral?: ReferralDto;
}
