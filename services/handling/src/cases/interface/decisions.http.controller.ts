import { Body, Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentPrincipal, RequirePermission, type Principal } from '@pdmc/auth';
import { Audit, UuidParamPipe } from '@pdmc/platform';
import type { Case } from '../domain/case';
import { DecideCaseHandler } from '../application/decide-case.handler';
import { DecisionDocumentHandler } from '../application/decision-document.handler';
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
      'Decided: the case, now `decided`, with its written decision (信访处理意见书); the petitioner may request a review within 30 days (`reviewRequestDueAt`).',
  })
  @ApiBadRequestResponse({ description: 'A field is missing, too long, of the wrong type, or not declared.' })
  @ApiNotFoundResponse({ description: 'No such case, or not within the caller’s units.' })
  @ApiConflictResponse({ description: 'The case already has its written decision (HANDLING.ALREADY_DECIDED).' })
  decideCase(
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: DecideCaseDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<Case> {
    return this.decide.execute(id, dto, principal);
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
