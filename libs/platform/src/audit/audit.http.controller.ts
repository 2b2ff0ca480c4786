import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { RequirePermission } from '@pdmc/auth';
import { AuditLog } from './audit-log';
import type { AuditEvent } from './audit-event.schema';
import { IsOffsetDateTime } from '../http/date-time';
import { MAX_PAGE } from '../http/page.query';

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

  @ApiPropertyOptional({ format: 'date-time', example: '2026-11-01T00:00:00Z' })
  @IsOptional()
  @IsOffsetDateTime({ toDate: true })
  from?: Date;

  @ApiPropertyOptional({ format: 'date-time', example: '2026-12-01T00:00:00Z' })
  @IsOptional()
  @IsOffsetDateTime({ toDate: true })
  to?: Date;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE, default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE)
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
