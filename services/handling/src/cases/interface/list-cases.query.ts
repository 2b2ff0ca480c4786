import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { Type } from 'class-transformer';
import { WORK_UNITS, type WorkUnit } from '@pdmc/contracts';

export class ListCasesQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  petitionId?: string;

  @ApiPropertyOptional({ enum: WORK_UNITS })
  @IsOptional()
  @IsIn(WORK_UNITS)
  workUnit?: WorkUnit;

  @ApiPropertyOptional({ enum: ['open'] })
  @IsOptional()
  @IsIn(['open'])
  status?: 'open';

  @ApiPropertyOptional({ minimum: 1, default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  page?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  pageSize?: number;
}
