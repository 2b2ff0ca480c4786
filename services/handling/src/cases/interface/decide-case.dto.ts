import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { HANDLING_OUTCOMES, type HandlingOutcome } from '@pdmc/contracts';

/** Trims text, so that a text of blanks counts as empty. */
const trimmed = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** The written handling decision (信访处理意见书, 信访工作条例 art. 31-33). */
export class DecideCaseDto {
  @ApiProperty({
    enum: HANDLING_OUTCOMES,
    example: 'support',
    description: 'support (支持), explain (解释说明) or not_support (不予支持)',
  })
  @IsIn(HANDLING_OUTCOMES)
  outcome!: HandlingOutcome;

  @ApiProperty({ example: '要求原单位补发2025年3月至8月拖欠的工资共计18600元。', minLength: 1, maxLength: 2000, description: 'The petitioner’s request' })
  @Transform(trimmed)
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  request!: string;

  @ApiProperty({
    example: '经区劳动保障监察大队调查核实，该公司自2025年3月起未按劳动合同约定支付信访人工资，拖欠情况属实。',
    minLength: 1,
    maxLength: 10000,
    description: 'The facts found',
  })
  @Transform(trimmed)
  @IsString()
  @IsNotEmpty()
  @MaxLength(10000)
  facts!: string;

  @ApiProperty({
    example: '《中华人民共和国劳动合同法》第三十条；《保障农民工工资支付条例》第十五条',
    minLength: 1,
    maxLength: 2000,
    description: 'The legal basis of the outcome',
  })
  @Transform(trimmed)
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  legalBasis!: string;

  @ApiPropertyOptional({ example: true, default: false, description: 'A mediation agreement was reached (达成调解协议, art. 33)' })
  @IsOptional()
  @IsBoolean()
  mediationAgreement?: boolean;
}
