import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { RequirePermission } from '@pdmc/auth';
import { UuidParamPipe } from '@pdmc/platform';
import { SettlementCaseQueriesHandler, type SettlementCaseView } from '../application/settlement-case-queries.handler';

@ApiTags('settlement cases')
@ApiBearerAuth()
@Controller('settlement-cases')
export class SettlementCasesHttpController {
  constructor(private readonly queries: SettlementCaseQueriesHandler) {}

  @Get(':caseId')
  @RequirePermission('settlement_case.read')
  @ApiOkResponse({ description: 'A case that settlement applications may reference.' })
  @ApiNotFoundResponse({ description: 'Funds does not know this case.' })
  get(@Param('caseId', UuidParamPipe) caseId: string): Promise<SettlementCaseView> {
    return this.queries.byId(caseId);
  }
}
