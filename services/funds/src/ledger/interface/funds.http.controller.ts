import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentPrincipal, RequirePermission, type Principal } from '@pdmc/auth';
import type { FundId } from '@pdmc/contracts';
import { CarryOverHandler } from '../application/carry-over.handler';
import { FundQueriesHandler, type FundView, type LedgerPage } from '../application/fund-queries.handler';
import type { FundYearView } from '../application/fund-year-view';
import { ReconcileHandler, type Reconciliation } from '../application/reconcile.handler';
import { RecordContributionHandler } from '../application/record-contribution.handler';
import { SetBudgetHandler } from '../application/set-budget.handler';
import { FiscalYearPipe, FundIdPipe, type FiscalYearParam } from './fund-params';
import { LedgerQuery, RecordContributionDto, ReverseContributionDto, SetBudgetDto } from './fund-requests.dto';

@ApiTags('funds and budgets')
@ApiBearerAuth()
@Controller()
export class FundsHttpController {
  constructor(
    private readonly queries: FundQueriesHandler,
    private readonly setBudget: SetBudgetHandler,
    private readonly contribute: RecordContributionHandler,
    private readonly carryOver: CarryOverHandler,
    private readonly reconcile: ReconcileHandler,
  ) {}

  @Get('funds')
  @RequirePermission('fund.read')
  @ApiOkResponse({ description: 'Every fund: its rules (kinds, case rule, carry-over, approval chain) and its fiscal years’ balances.' })
  funds(): Promise<FundView[]> {
    return this.queries.funds();
  }

  @Get('funds/:fundId/years/:year')
  @RequirePermission('fund.read')
  @ApiOkResponse({ description: 'A fund year: budget, contributions, carried in/out, reserved, disbursed and available, in fen.' })
  @ApiNotFoundResponse({ description: 'Unknown fund, or no budget or contribution for that year yet.' })
  year(@Param('fundId', FundIdPipe) fundId: FundId, @Param('year', FiscalYearPipe) year: FiscalYearParam): Promise<FundYearView> {
    return this.queries.year(fundId, year);
  }

  @Post('funds/:fundId/years/:year/budget')
  @RequirePermission('fund.manage')
  @ApiCreatedResponse({ description: 'The budget is set (a `budget` ledger entry); the fund year as it stands now.' })
  @ApiConflictResponse({ description: 'FUNDS.BUDGET_ALREADY_SET: a budget is set once; add money with a contribution.' })
  @ApiUnprocessableEntityResponse({ description: 'FUNDS.PROGRAMME_EXCEEDED or FUNDS.OUTSIDE_PROGRAMME for the multi-year backlog fund.' })
  budget(
    @Param('fundId', FundIdPipe) fundId: FundId,
    @Param('year', FiscalYearPipe) year: FiscalYearParam,
    @Body() dto: SetBudgetDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<FundYearView> {
    return this.setBudget.execute(fundId, year, dto.amountFen, dto.note, principal);
  }

  @Post('funds/:fundId/years/:year/contributions')
  @RequirePermission('fund.manage')
  @ApiCreatedResponse({ description: 'The contribution or top-up is recorded; the fund year as it stands now.' })
  @ApiOkResponse({ description: 'This voucher was recorded before: nothing changed.' })
  @ApiConflictResponse({ description: 'FUNDS.CONTRIBUTION_REFERENCE_REUSED: the voucher is recorded with another amount or source.' })
  async contribution(
    @Param('fundId', FundIdPipe) fundId: FundId,
    @Param('year', FiscalYearPipe) year: FiscalYearParam,
    @Body() dto: RecordContributionDto,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<FundYearView> {
    const { created, year: view } = await this.contribute.execute(fundId, year, dto, principal);
    if (!created) reply.status(200);
    return view;
  }

  @Post('funds/:fundId/years/:year/contribution-reversals')
  @HttpCode(200)
  @RequirePermission('fund.manage')
  @ApiOkResponse({ description: 'The contribution with this voucher is reversed by a `contribution_reversal` entry (never edited); the fund year now.' })
  @ApiNotFoundResponse({ description: 'FUNDS.CONTRIBUTION_NOT_FOUND.' })
  @ApiConflictResponse({ description: 'FUNDS.CONTRIBUTION_ALREADY_REVERSED, or FUNDS.INSUFFICIENT_FUNDS when the money is reserved or paid already.' })
  reverseContribution(
    @Param('fundId', FundIdPipe) fundId: FundId,
    @Param('year', FiscalYearPipe) year: FiscalYearParam,
    @Body() dto: ReverseContributionDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<FundYearView> {
    return this.contribute.reverse(fundId, year, dto.reference, dto.reason, principal);
  }

  @Post('funds/:fundId/years/:year/carry-over')
  @HttpCode(200)
  @RequirePermission('fund.manage')
  @ApiOkResponse({ description: 'What was available is carried into the next year (carry-forward funds only), once per year.' })
  @ApiConflictResponse({ description: 'FUNDS.CARRY_OVER_NOT_ALLOWED for funds whose money lapses, FUNDS.NOTHING_TO_CARRY.' })
  carry(
    @Param('fundId', FundIdPipe) fundId: FundId,
    @Param('year', FiscalYearPipe) year: FiscalYearParam,
    @CurrentPrincipal() principal: Principal,
  ): Promise<{ from: FundYearView; to: FundYearView }> {
    return this.carryOver.execute(fundId, year, principal);
  }

  @Get('funds/:fundId/years/:year/ledger')
  @RequirePermission('fund_ledger.read')
  @ApiOkResponse({ description: 'The fund year’s ledger entries, oldest first: append-only, corrections appear as reversing entries.' })
  ledger(
    @Param('fundId', FundIdPipe) fundId: FundId,
    @Param('year', FiscalYearPipe) year: FiscalYearParam,
    @Query() query: LedgerQuery,
  ): Promise<LedgerPage> {
    return this.queries.entries(fundId, year, query.page, query.pageSize);
  }

  @Get('ledger/reconciliation')
  @RequirePermission('fund_ledger.read')
  @ApiOkResponse({ description: 'For every fund year, the stored balances against the sums of its ledger entries; `consistent` says they agree.' })
  reconciliation(): Promise<Reconciliation> {
    return this.reconcile.execute();
  }
}
