import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { CurrentPrincipal, RequirePermission, type Principal } from '@pdmc/auth';
import { Audit, UuidParamPipe } from '@pdmc/platform';
import type { Case } from '../domain/case';
import { CaseStepsHandler } from '../application/case-steps.handler';
import { AssignHandlerDto, RecordResolutionDto, ReturnCaseDto, StepNoteDto, WithdrawDto } from './case-steps.dto';

const CONFLICT = 'Not allowed in the case’s state (HANDLING.TRANSITION_NOT_ALLOWED, naming the state and the allowed actions), or a rule of the step refused it.';
const NOT_FOUND = 'No such case, or not within the caller’s units.';
const BAD_INPUT = 'A field is missing, too long, of the wrong type, or not declared.';

/** The unit's steps from assignment to the decision (state machine: docs/handling.md). */
@ApiTags('case lifecycle')
@ApiBearerAuth()
@Controller('cases')
export class CaseStepsHttpController {
  constructor(private readonly steps: CaseStepsHandler) {}

  @Post(':id/acceptance')
  @HttpCode(200)
  @RequirePermission('case.work')
  @Audit({ action: 'case.accept', objectType: 'case', objectId: 'param:id' })
  @ApiOkResponse({ description: 'The unit took the case: `accepted`; announced as handling.case.accepted.v1.' })
  @ApiBadRequestResponse({ description: BAD_INPUT })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  @ApiConflictResponse({ description: CONFLICT })
  accept(@Param('id', UuidParamPipe) id: string, @Body() dto: StepNoteDto, @CurrentPrincipal() p: Principal): Promise<Case> {
    return this.steps.accept(id, dto, p);
  }

  @Post(':id/return')
  @HttpCode(200)
  @RequirePermission('case.work')
  @Audit({ action: 'case.return', objectType: 'case', objectId: 'param:id' })
  @ApiOkResponse({ description: 'Returned to routing as outside the unit’s competence (art. 23): `returned`; handling.case.returned.v1.' })
  @ApiBadRequestResponse({ description: BAD_INPUT })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  @ApiConflictResponse({ description: CONFLICT })
  @ApiUnprocessableEntityResponse({ description: 'Later than 5 working days after the assignment (HANDLING.OBJECTION_WINDOW_PASSED).' })
  returnCase(@Param('id', UuidParamPipe) id: string, @Body() dto: ReturnCaseDto, @CurrentPrincipal() p: Principal): Promise<Case> {
    return this.steps.return(id, dto, p);
  }

  @Post(':id/investigation')
  @HttpCode(200)
  @RequirePermission('case.work')
  @Audit({ action: 'case.start_investigation', objectType: 'case', objectId: 'param:id' })
  @ApiOkResponse({ description: 'Investigation started: `investigating`.' })
  @ApiBadRequestResponse({ description: BAD_INPUT })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  @ApiConflictResponse({ description: CONFLICT })
  investigate(@Param('id', UuidParamPipe) id: string, @Body() dto: StepNoteDto, @CurrentPrincipal() p: Principal): Promise<Case> {
    return this.steps.startInvestigation(id, dto, p);
  }

  @Post(':id/resolution')
  @HttpCode(200)
  @RequirePermission('case.work')
  @Audit({ action: 'case.start_resolution', objectType: 'case', objectId: 'param:id' })
  @ApiOkResponse({ description: 'Resolution started (mediation, ruling, referral, hearing): `resolving`.' })
  @ApiBadRequestResponse({ description: BAD_INPUT })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  @ApiConflictResponse({ description: CONFLICT })
  resolve(@Param('id', UuidParamPipe) id: string, @Body() dto: StepNoteDto, @CurrentPrincipal() p: Principal): Promise<Case> {
    return this.steps.startResolution(id, dto, p);
  }

  @Post(':id/resolutions')
  @HttpCode(200)
  @RequirePermission('case.work')
  @Audit({ action: 'case.record_resolution', objectType: 'case', objectId: 'param:id' })
  @ApiOkResponse({ description: 'A means of resolution recorded (at least one is needed before the decision).' })
  @ApiBadRequestResponse({ description: `${BAD_INPUT} Mediation needs parties, terms and heldOn; a hearing participants and heldOn; a referral referredTo.` })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  @ApiConflictResponse({ description: 'The case is not accepted, investigating or resolving (HANDLING.NOT_IN_WORK).' })
  recordResolution(@Param('id', UuidParamPipe) id: string, @Body() dto: RecordResolutionDto, @CurrentPrincipal() p: Principal): Promise<Case> {
    return this.steps.recordResolution(id, dto, p);
  }

  @Post(':id/handler')
  @HttpCode(200)
  @RequirePermission('case.assign')
  @Audit({ action: 'case.assign_handler', objectType: 'case', objectId: 'param:id' })
  @ApiOkResponse({ description: 'The unit head gave the case to a handler.' })
  @ApiBadRequestResponse({ description: BAD_INPUT })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  @ApiConflictResponse({ description: 'The case is not in the unit’s queue (HANDLING.NOT_IN_QUEUE).' })
  assign(@Param('id', UuidParamPipe) id: string, @Body() dto: AssignHandlerDto, @CurrentPrincipal() p: Principal): Promise<Case> {
    return this.steps.assignHandler(id, dto, p);
  }

  @Post(':id/withdrawal')
  @HttpCode(200)
  @RequirePermission('case.withdraw')
  @Audit({ action: 'case.withdraw', objectType: 'case', objectId: 'param:id' })
  @ApiOkResponse({ description: 'The petitioner withdrew the petition before the decision: `withdrawn`.' })
  @ApiBadRequestResponse({ description: BAD_INPUT })
  @ApiNotFoundResponse({ description: 'No such case, or not within the caller’s scope.' })
  @ApiConflictResponse({ description: CONFLICT })
  withdraw(@Param('id', UuidParamPipe) id: string, @Body() dto: WithdrawDto, @CurrentPrincipal() p: Principal): Promise<Case> {
    return this.steps.withdraw(id, dto, p);
  }
}
