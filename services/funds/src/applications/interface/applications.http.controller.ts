import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentPrincipal, RequirePermission, type Principal } from '@pdmc/auth';
import { Audit, UuidParamPipe } from '@pdmc/platform';
import { ApplicantActionsHandler } from '../application/applicant-actions.handler';
import { ApplicationQueriesHandler, type AuditTrail, type Page } from '../application/application-queries.handler';
import type { ApplicationView } from '../application/application-view';
import { DecideStepHandler } from '../application/decide-step.handler';
import { PaymentsHandler } from '../application/payments.handler';
import { SubmitApplicationHandler } from '../application/submit-application.handler';
import type { Beneficiary } from '../domain/beneficiary';
import {
  CommentDto,
  DecideStepDto,
  ListApplicationsQuery,
  QueueQuery,
  RecordDisbursementDto,
  ReverseDisbursementDto,
  ReviseApplicationDto,
  SubmitApplicationDto,
} from './application-requests.dto';

@ApiTags('applications, approvals and disbursements')
@ApiBearerAuth()
@Controller()
export class ApplicationsHttpController {
  constructor(
    private readonly queries: ApplicationQueriesHandler,
    private readonly submitHandler: SubmitApplicationHandler,
    private readonly decideHandler: DecideStepHandler,
    private readonly applicant: ApplicantActionsHandler,
    private readonly payments: PaymentsHandler,
  ) {}

  @Post('fund-applications')
  @RequirePermission('fund_application.submit')
  @ApiCreatedResponse({ description: 'The application, in its approval chain (beneficiary masked).' })
  @ApiConflictResponse({ description: 'FUNDS.INSUFFICIENT_FUNDS (checked at submission), FUNDS.CASE_TERMINATED.' })
  @ApiUnprocessableEntityResponse({ description: 'FUNDS.CASE_UNKNOWN, FUNDS.KIND_NOT_ALLOWED, FUNDS.NO_BUDGET, FUNDS.BENEFICIARY_MUST_BE_PERSON.' })
  submit(@Body() dto: SubmitApplicationDto, @CurrentPrincipal() principal: Principal): Promise<ApplicationView> {
    return this.submitHandler.execute(dto, principal);
  }

  @Get('fund-applications')
  @RequirePermission('fund_application.list')
  @ApiOkResponse({ description: 'Applications the caller may see (unit staff: their units), newest first, filtered and paginated.' })
  list(@Query() query: ListApplicationsQuery, @CurrentPrincipal() principal: Principal): Promise<Page<ApplicationView>> {
    return this.queries.list(query, principal);
  }

  @Get('approval-queue')
  @RequirePermission('fund_application.approve')
  @ApiOkResponse({ description: 'What waits for the caller’s decision, oldest first (never the caller’s own applications).' })
  queue(@Query() query: QueueQuery, @CurrentPrincipal() principal: Principal): Promise<Page<ApplicationView>> {
    return this.queries.queue(principal, query.page, query.pageSize);
  }

  @Get('fund-applications/:id')
  @RequirePermission('fund_application.read')
  @ApiOkResponse({ description: 'One application: chain, approvals, reservation and payments; the beneficiary masked.' })
  @ApiNotFoundResponse({ description: 'No such application, or not within the caller’s units.' })
  get(@Param('id', UuidParamPipe) id: string, @CurrentPrincipal() principal: Principal): Promise<ApplicationView> {
    return this.queries.byId(id, principal);
  }

  @Get('fund-applications/:id/personal-data')
  @RequirePermission('fund_application.read_personal_data')
  @Audit({ action: 'fund_application.read_personal_data', objectType: 'fund-application', objectId: 'param:id' })
  @ApiOkResponse({ description: 'The beneficiary in full, to pay them; every call is audited.' })
  @ApiNotFoundResponse({ description: 'No such application.' })
  personalData(@Param('id', UuidParamPipe) id: string, @CurrentPrincipal() principal: Principal): Promise<{ applicationId: string; beneficiary: Beneficiary }> {
    return this.queries.personalData(id, principal);
  }

  @Get('fund-applications/:id/audit-trail')
  @RequirePermission('fund_application.read')
  @ApiOkResponse({ description: 'Everything that happened to the application: its history, every step’s decision and its ledger entries.' })
  @ApiNotFoundResponse({ description: 'No such application, or not within the caller’s units.' })
  auditTrail(@Param('id', UuidParamPipe) id: string, @CurrentPrincipal() principal: Principal): Promise<AuditTrail> {
    return this.queries.auditTrail(id, principal);
  }

  @Post('fund-applications/:id/decisions')
  @HttpCode(200)
  @RequirePermission('fund_application.approve')
  @ApiOkResponse({ description: 'The step decided: the next step, approved with the amount reserved (last step), rejected or returned.' })
  @ApiForbiddenResponse({ description: 'FUNDS.OWN_APPLICATION or FUNDS.ALREADY_APPROVED_IN_CHAIN (separation of duties).' })
  @ApiConflictResponse({ description: 'FUNDS.NOT_YOUR_TURN, FUNDS.INVALID_STATE, FUNDS.INSUFFICIENT_FUNDS (the hard stop at final approval).' })
  decide(@Param('id', UuidParamPipe) id: string, @Body() dto: DecideStepDto, @CurrentPrincipal() principal: Principal): Promise<ApplicationView> {
    return this.decideHandler.execute(id, dto, principal);
  }

  @Post('fund-applications/:id/revision')
  @HttpCode(200)
  @RequirePermission('fund_application.submit')
  @ApiOkResponse({ description: 'The returned application, revised, back at the first step of a new round.' })
  @ApiForbiddenResponse({ description: 'FUNDS.NOT_THE_APPLICANT.' })
  @ApiConflictResponse({ description: 'FUNDS.INVALID_STATE: only a returned application is revised.' })
  revise(@Param('id', UuidParamPipe) id: string, @Body() dto: ReviseApplicationDto, @CurrentPrincipal() principal: Principal): Promise<ApplicationView> {
    return this.applicant.revise(id, dto, principal);
  }

  @Post('fund-applications/:id/withdrawal')
  @HttpCode(200)
  @RequirePermission('fund_application.submit')
  @ApiOkResponse({ description: 'The application, withdrawn by its applicant before its final approval.' })
  @ApiForbiddenResponse({ description: 'FUNDS.NOT_THE_APPLICANT.' })
  @ApiConflictResponse({ description: 'FUNDS.INVALID_STATE: approved applications are cancelled, not withdrawn.' })
  withdraw(@Param('id', UuidParamPipe) id: string, @Body() dto: CommentDto, @CurrentPrincipal() principal: Principal): Promise<ApplicationView> {
    return this.applicant.withdraw(id, dto, principal);
  }

  @Post('fund-applications/:id/cancellation')
  @HttpCode(200)
  @RequirePermission('fund_application.cancel')
  @ApiOkResponse({ description: 'The approved application, cancelled: what was still reserved is released (a `release` ledger entry).' })
  @ApiConflictResponse({ description: 'FUNDS.INVALID_STATE.' })
  cancel(@Param('id', UuidParamPipe) id: string, @Body() dto: CommentDto, @CurrentPrincipal() principal: Principal): Promise<ApplicationView> {
    return this.payments.cancel(id, dto, principal);
  }

  @Post('fund-applications/:id/disbursements')
  @RequirePermission('fund_disbursement.record')
  @ApiCreatedResponse({ description: 'The tranche is paid: a `disbursement` ledger entry; the application with its payments.' })
  @ApiOkResponse({ description: 'This voucher was recorded before: nothing changed.' })
  @ApiForbiddenResponse({ description: 'FUNDS.PAYER_IS_APPROVER (separation of duties).' })
  @ApiConflictResponse({ description: 'FUNDS.INVALID_STATE: not approved (yet), or paid in full.' })
  @ApiUnprocessableEntityResponse({ description: 'FUNDS.EXCEEDS_APPROVED: more than is approved and unpaid.' })
  async disburse(
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: RecordDisbursementDto,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ApplicationView> {
    const { created, application } = await this.payments.disburse(id, dto, principal);
    if (!created) reply.status(200);
    return application;
  }

  @Post('fund-applications/:id/disbursements/:disbursementId/reversal')
  @HttpCode(200)
  @RequirePermission('fund_disbursement.record')
  @ApiOkResponse({ description: 'The tranche is reversed by a `disbursement_reversal` entry (never edited); its amount is reserved again.' })
  @ApiNotFoundResponse({ description: 'No such application or disbursement.' })
  @ApiConflictResponse({ description: 'FUNDS.ALREADY_REVERSED.' })
  reverse(
    @Param('id', UuidParamPipe) id: string,
    @Param('disbursementId', UuidParamPipe) disbursementId: string,
    @Body() dto: ReverseDisbursementDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ApplicationView> {
    return this.payments.reverse(id, disbursementId, dto, principal);
  }
}
