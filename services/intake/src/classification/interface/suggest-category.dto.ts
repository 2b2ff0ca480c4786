import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';

/** The petition's words as the clerk has them so far; limits as for registration. */
export class SuggestCategoryDto {
  @ApiProperty({ example: '公司拖欠三个月工资', maxLength: 200 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  subject!: string;

  @ApiPropertyOptional({ example: '本人在某公司工作，公司自今年三月起拖欠工资至今。', maxLength: 10000 })
  @IsOptional()
  @IsString()
  @MaxLength(10000)
  description?: string;
}
