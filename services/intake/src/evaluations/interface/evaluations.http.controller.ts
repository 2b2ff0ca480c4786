import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequirePermission } from '@pdmc/auth';
import { EvaluationReportsHandler } from '../application/evaluation-reports.handler';
import { EvaluationPageView, EvaluationSummaryView } from '../application/evaluation.views';
import { EvaluationSummaryQuery, ListEvaluationsQuery } from './evaluation-queries';

@ApiTags('evaluations')
@ApiBearerAuth()
@Controller('evaluations')
export class EvaluationsHttpController {
  constructor(private readonly reports: EvaluationReportsHandler) {}

  @Get('summary')
  @RequirePermission('evaluation.read')
  @ApiOperation({ summary: 'Satisfaction figures (满意率) for the petition bureau and the work units' })
  @ApiOkResponse({
    type: EvaluationSummaryView,
    description: 'Counts per rating and the satisfaction rate, overall and per work unit, over the period.',
  })
  @ApiBadRequestResponse({ description: 'A bad date or work unit, or `to` not after `from`.' })
  summary(@Query() query: EvaluationSummaryQuery): Promise<EvaluationSummaryView> {
    return this.reports.summary(query);
  }

  @Get()
  @RequirePermission('evaluation.read')
  @ApiOperation({ summary: 'Evaluations, newest first (no personal data)' })
  @ApiOkResponse({ type: EvaluationPageView, description: 'A page of evaluations: ratings, decision, unit and date.' })
  @ApiBadRequestResponse({ description: 'A bad page, page size or work unit.' })
  list(@Query() query: ListEvaluationsQuery): Promise<EvaluationPageView> {
    return this.reports.list(query);
  }
}
