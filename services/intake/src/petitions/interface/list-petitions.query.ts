import { ApiPropertyOptional } from '@nestjs/swagger';
import { PageQuery } from '@pdmc/platform';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { CHANNELS, type Channel } from '@pdmc/contracts';

export class ListPetitionsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: CHANNELS })
  @IsOptional()
  @IsIn(CHANNELS)
  channel?: Channel;

  @ApiPropertyOptional({ example: 'HX' })
  @IsOptional()
  @IsString()
  @MaxLength(16)
  townCode?: string;
}
