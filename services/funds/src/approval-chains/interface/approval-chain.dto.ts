import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min, ValidateIf, ValidateNested } from 'class-validator';
import { APPROVAL_LEVELS, type ApprovalLevel } from '../../ledger/domain/fund-catalogue';
import { MAX_AMOUNT_FEN } from '../../ledger/domain/money';

export class ApprovalTierDto {
  @ApiProperty({
    type: 'integer',
    nullable: true,
    example: 5_000_000,
    minimum: 1,
    maximum: MAX_AMOUNT_FEN,
    description: 'Amounts up to this many fen (inclusive) take this tier; null on the last tier, which takes every amount above',
  })
  @ValidateIf((_, value) => value !== null)
  @IsInt()
  @Min(1)
  @Max(MAX_AMOUNT_FEN)
  upToFen!: number | null;

  @ApiProperty({ enum: APPROVAL_LEVELS, isArray: true, example: ['unit_head', 'centre_director'], description: 'The approval steps, in the order they run' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(APPROVAL_LEVELS.length)
  @IsIn(APPROVAL_LEVELS, { each: true })
  levels!: ApprovalLevel[];
}

export class SaveApprovalChainDto {
  @ApiProperty({ type: 'integer', example: 1, minimum: 1, description: 'The version this edit starts from: the current one, or the save is refused (409)' })
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  basedOnVersion!: number;

  @ApiProperty({
    type: [ApprovalTierDto],
    example: [
      { upToFen: 3_000_000, levels: ['unit_head', 'centre_director'] },
      { upToFen: 20_000_000, levels: ['unit_head', 'centre_director', 'deputy_district_head'] },
      { upToFen: null, levels: ['unit_head', 'centre_director', 'deputy_district_head', 'collective_decision'] },
    ],
    description: 'Tiers by ascending threshold; the last one unbounded',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => ApprovalTierDto)
  tiers!: ApprovalTierDto[];

  @ApiPropertyOptional({ example: '区政府常务会议决定：3万元以上报分管副区长审批', maxLength: 500 })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  note?: string;
}
