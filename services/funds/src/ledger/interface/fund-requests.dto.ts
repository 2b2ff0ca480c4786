import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { PageQuery } from '@pdmc/platform';
import { CONTRIBUTION_SOURCES, type ContributionSource } from '../domain/fund-catalogue';
import { MAX_AMOUNT_FEN } from '../domain/money';

const trimmed = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** An amount in integer fen: fractions, zero, negatives, strings and floats are refused. */
export const AmountFen = (example: number, description: string) => (target: object, key: string) => {
  ApiProperty({ example, minimum: 1, maximum: MAX_AMOUNT_FEN, type: 'integer', description })(target, key);
  IsInt()(target, key);
  Min(1)(target, key);
  Max(MAX_AMOUNT_FEN)(target, key);
};

export class SetBudgetDto {
  @AmountFen(200_000_000, 'The year’s budget in fen (200,000,000 fen = 2,000,000 yuan)')
  amountFen!: number;

  @ApiPropertyOptional({ example: '区财政2026年预算批复', maxLength: 500 })
  @IsOptional()
  @Transform(trimmed)
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  note?: string;
}

export class RecordContributionDto {
  @AmountFen(70_000_000, 'The amount paid in, in fen')
  amountFen!: number;

  @ApiProperty({ enum: CONTRIBUTION_SOURCES, example: 'procuratorate', description: 'Who paid in' })
  @IsIn(CONTRIBUTION_SOURCES)
  source!: ContributionSource;

  @ApiProperty({ example: '检拨〔2026〕3号', maxLength: 100, description: 'The payment voucher (凭证号); the same voucher twice is one contribution' })
  @Transform(trimmed)
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  @Matches(/^[^\s:]+$/, { message: 'reference must not contain blanks or colons' })
  reference!: string;

  @ApiPropertyOptional({ example: '区检察院涉法涉诉专项资金第一批', maxLength: 500 })
  @IsOptional()
  @Transform(trimmed)
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  note?: string;
}

export class LedgerQuery extends PageQuery {}

export class ReverseContributionDto {
  @ApiProperty({ example: '检拨〔2026〕3号', maxLength: 100, description: 'The voucher of the contribution recorded in error' })
  @Transform(trimmed)
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  @Matches(/^[^\s:]+$/, { message: 'reference must not contain blanks or colons' })
  reference!: string;

  @ApiProperty({ example: '金额录入错误，冲销后按实际到账金额重新登记。', maxLength: 2000 })
  @Transform(trimmed)
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason!: string;
}
