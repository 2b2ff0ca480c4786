import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDate, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { RequirePermission } from '@pdmc/auth';
import { AuditLog } from './audit-log';
import type { AuditEvent } from './audit-event.schema';

export class AuditQueryDto {
  @ApiPropertyOptional({ description: 'Subject (user id) of the actor' })
  @IsOptional()
  @IsString()
  @MaxLength(128)
  actor?: string;

  @ApiPropertyOptional({ example: 'petition.register' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9_.:/ {}-]{1,128}$/)
  action?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(128)
  objectId?: string;

  @ApiPropertyOptional({ example: '2026-11-01T00:00:00Z' })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  from?: Date;

  @ApiPropertyOptional({ example: '2026-12-01T00:00:00Z' })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  to?: Date;

  @ApiPropertyOptional({ minimum: 1, default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  page?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  pageSize?: number;
}

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit-events')
export class AuditHttpController {
  constructor(private readonly audit: AuditLog) {}

  @Get()
  @RequirePermission('audit.read')
  @ApiOkResponse({ description: 'Audit entries of this service, newest first.' })
  list(@Query() query: AuditQueryDto): Promise<{ items: AuditEvent[]; total: number; page: number; pageSize: number }> {
    return this.audit.find({ ...query, page: query.page ?? 1, pageSize: query.pageSize ?? 50 });
  }
}
