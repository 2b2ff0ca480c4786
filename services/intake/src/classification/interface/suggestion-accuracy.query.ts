import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDate, IsOptional, Matches } from 'class-validator';

export class SuggestionAccuracyQuery {
  @ApiPropertyOptional({ example: '2026-11-01T00:00:00+08:00', description: 'Choices recorded from this time on' })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  from?: Date;

  @ApiPropertyOptional({ example: '2026-12-01T00:00:00+08:00', description: 'Choices recorded before this time' })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  to?: Date;

  @ApiPropertyOptional({ example: 's1-0123456789ab', description: 'Only choices made under this rules version' })
  @IsOptional()
  @Matches(/^s\d{1,4}-[0-9a-f]{12}$/)
  rulesVersion?: string;

  @ApiPropertyOptional({ example: 'm3', description: 'Only choices made while this model version served, and only this version’s held-out report' })
  @IsOptional()
  @Matches(/^m\d{1,9}$/)
  modelVersion?: string;
}
