import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiProduces, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import type { FastifyReply } from 'fastify';
import { RequirePermission } from '@pdmc/auth';
import { FUND_IDS, type FundId } from '@pdmc/contracts';
import { UuidParamPipe } from '@pdmc/platform';
import { FiscalYearPipe, FundIdPipe, type FiscalYearParam } from '../../ledger/interface/fund-params';
import { ReportsHandler } from '../application/reports.handler';
import { toCsv, type ReportTable } from '../domain/table';
import { toXlsx } from '../infrastructure/xlsx-writer';

const FORMATS = ['json', 'csv', 'xlsx'] as const;
type Format = (typeof FORMATS)[number];

export class ExportQuery {
  @ApiPropertyOptional({ enum: FORMATS, example: 'csv', default: 'json', description: 'json, csv (UTF-8, money in yuan) or xlsx' })
  @IsOptional()
  @IsIn(FORMATS)
  format?: Format;
}

export class YearExportQuery extends ExportQuery {
  @ApiPropertyOptional({ example: 2026, description: 'Defaults to the current year (Beijing time)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  fiscalYear?: number;

  @ApiPropertyOptional({ enum: FUND_IDS, example: 'stability', description: 'One fund only' })
  @IsOptional()
  @IsIn(FUND_IDS)
  fundId?: FundId;
}

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

@ApiTags('reports')
@ApiBearerAuth()
@Controller('reports')
export class ReportsHttpController {
  constructor(private readonly reports: ReportsHandler) {}

  @Get('funds/:fundId/years/:year')
  @RequirePermission('fund_report.read')
  @ApiProduces('application/json', 'text/csv', XLSX_TYPE)
  @ApiOkResponse({ description: 'A fund year month by month (budget, contributions, carried, reserved, released, disbursed) and its position (total row, with available).' })
  @ApiNotFoundResponse({ description: 'Unknown fund, or no such fund year.' })
  async fundYear(
    @Param('fundId', FundIdPipe) fundId: FundId,
    @Param('year', FiscalYearPipe) year: FiscalYearParam,
    @Query() query: ExportQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<unknown> {
    return this.send(await this.reports.fundYear(fundId, year), query.format, reply);
  }

  @Get('cases/:caseId')
  @RequirePermission('fund_report.read')
  @ApiProduces('application/json', 'text/csv', XLSX_TYPE)
  @ApiOkResponse({ description: 'Every application for the case: fund, status, amount, reserved and paid (empty for a case with none).' })
  @ApiNotFoundResponse({ description: 'Funds knows no such case.' })
  async byCase(@Param('caseId', UuidParamPipe) caseId: string, @Query() query: ExportQuery, @Res({ passthrough: true }) reply: FastifyReply): Promise<unknown> {
    return this.send(await this.reports.byCase(caseId), query.format, reply);
  }

  @Get('units')
  @RequirePermission('fund_report.read')
  @ApiProduces('application/json', 'text/csv', XLSX_TYPE)
  @ApiOkResponse({ description: 'A fiscal year per work unit: applications, approvals, amounts approved, reserved and paid.' })
  async byUnit(@Query() query: YearExportQuery, @Res({ passthrough: true }) reply: FastifyReply): Promise<unknown> {
    return this.send(await this.reports.byUnit(query.fiscalYear ?? this.reports.currentYear()), query.format, reply);
  }

  @Get('monthly')
  @RequirePermission('fund_report.read')
  @ApiProduces('application/json', 'text/csv', XLSX_TYPE)
  @ApiOkResponse({ description: 'A fiscal year month by month across funds (or one fund): money in, reserved, released and paid.' })
  async monthly(@Query() query: YearExportQuery, @Res({ passthrough: true }) reply: FastifyReply): Promise<unknown> {
    const year = query.fiscalYear ?? this.reports.currentYear();
    return this.send(await this.reports.months(year, query.fundId ? [query.fundId] : undefined), query.format, reply);
  }

  private async send(table: ReportTable, format: Format = 'json', reply: FastifyReply): Promise<unknown> {
    if (format === 'json') return { name: table.name, columns: table.columns, rows: table.rows };
    const file = `${table.name}.${format}`;
    reply.header('content-disposition', `attachment; filename="${file}"`);
    if (format === 'csv') {
      reply.type('text/csv; charset=utf-8');
      return toCsv(table);
    }
    reply.type(XLSX_TYPE);
    return toXlsx(table);
  }
}
