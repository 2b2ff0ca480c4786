import { Body, Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiProduces,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentPrincipal, RequirePermission, type Principal } from '@pdmc/auth';
import { Audit, UuidParamPipe } from '@pdmc/platform';
import type { Case } from '../domain/case';
import { DecideCaseHandler } from '../application/decide-case.handler';
import { DecisionDocumentHandler } from '../application/decision-document.handler';
import { CorrectDecisionDto, ServeDto, StepNoteDto } from './case-steps.dto';
import { DecideCaseDto } from './decide-case.dto';

@ApiTags('decisions')
@ApiBearerAuth()
@Controller('cases')
export class DecisionsHttpController {
  constructor(
    private readonly decide: DecideCaseHandler,
    private readonly documents: DecisionDocumentHandler,
  ) {}

  @Post(':id/decision')
  @HttpCode(200)
  @RequirePermission('case.decide')
  @Audit({ action: 'case.decide', objectType: 'case', objectId: 'param:id' })
  @ApiOkResponse({
    description:
      'Decided: the case, now `decided`, with its written decision (信访处理意见书); the petitioner may request a review within 30 days of its service (`reviewRequestDueAt`, recounted when served).',
  })
  @ApiBadRequestResponse({ description: 'A field is missing, too long, of the wrong type, or not declared.' })
  @ApiNotFoundResponse({ description: 'No such case, or not within the caller’s units.' })
  @ApiConflictResponse({
    description:
      'The case already has its written decision (HANDLING.ALREADY_DECIDED), is not `resolving` (HANDLING.TRANSITION_NOT_ALLOWED), or has no means of resolution recorded (HANDLING.NO_RESOLUTION_RECORDED).',
  })
  decideCase(
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: DecideCaseDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<Case> {
    return this.decide.execute(id, dto, principal);
  }

  @Post(':id/decision/correction')
  @HttpCode(200)
  @RequirePermission('case.decide')
  @Audit({ action: 'case.correct_decision', objectType: 'case', objectId: 'param:id' })
  @ApiOkResponse({ description: 'A new decision supersedes the current one (kept in `supersededDecisions` with the reason); back to `decided`, to be served again.' })
  @ApiBadRequestResponse({ description: 'A field is missing, too long, of the wrong type, or not declared.' })
  @ApiNotFoundResponse({ description: 'No such case, or not within the caller’s units.' })
  @ApiConflictResponse({ description: 'The case is not `decided` or `served` (HANDLING.TRANSITION_NOT_ALLOWED).' })
  correct(@Param('id', UuidParamPipe) id: string, @Body() dto: CorrectDecisionDto, @CurrentPrincipal() principal: Principal): Promise<Case> {
    return this.decide.correct(id, dto, principal);
  }

  @Post(':id/service')
  @HttpCode(200)
  @RequirePermission('case.work')
  @Audit({ action: 'case.serve', objectType: 'case', objectId: 'param:id' })
  @ApiOkResponse({ description: 'The petitioner was served the decision: `served`; the 30-day review window runs from `servedAt`; handling.case.served.v1.' })
  @ApiBadRequestResponse({ description: 'A field is missing, of the wrong type, or not declared.' })
  @ApiNotFoundResponse({ description: 'No such case, or not within the caller’s units.' })
  @ApiConflictResponse({ description: 'The case is not `decided` (HANDLING.TRANSITION_NOT_ALLOWED).' })
  @ApiUnprocessableEntityResponse({ description: 'A service date in the future or before the decision (HANDLING.BAD_SERVICE_DATE).' })
  serve(@Param('id', UuidParamPipe) id: string, @Body() dto: ServeDto, @CurrentPrincipal() principal: Principal): Promise<Case> {
    return this.decide.serve(id, dto, principal);
  }

  @Post(':id/closure')
  @HttpCode(200)
  @RequirePermission('case.work')
  @Audit({ action: 'case.close', objectType: 'case', objectId: 'param:id' })
  @ApiOkResponse({ description: 'Closed (结案): `closed`; it ceases when the review window passes with no request; handling.case.closed.v1.' })
  @ApiBadRequestResponse({ description: 'A field is too long, of the wrong type, or not declared.' })
  @ApiNotFoundResponse({ description: 'No such case, or not within the caller’s units.' })
  @ApiConflictResponse({ description: 'The case is not `served` (HANDLING.TRANSITION_NOT_ALLOWED).' })
  close(@Param('id', UuidParamPipe) id: string, @Body() dto: StepNoteDto, @CurrentPrincipal() principal: Principal): Promise<Case> {
    return this.decide.close(id, dto, principal);
  }

  /** Quotes what the petitioner asked and what was found: audited, like every print. */
  @Get(':id/decision-document')
  @RequirePermission('case.read')
  @Audit({ action: 'case.print_decision', objectType: 'case', objectId: 'param:id' })
  @ApiProduces('text/html')
  @ApiOkResponse({ description: 'The written handling decision (信访处理意见书) as HTML, ready to print.' })
  @ApiNotFoundResponse({ description: 'No such case, not within the caller’s units or body, or not decided yet.' })
  async decisionDocument(
    @Param('id', UuidParamPipe) id: string,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const html = await this.documents.render(id, principal);
    reply.header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-store');
    return html;
  }
}
