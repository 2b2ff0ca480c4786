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
import { BodyTasksHandler } from '../application/body-tasks.handler';
import { ExtensionsHandler } from '../application/extensions.handler';
import { ReviewsHandler } from '../application/reviews.handler';
import {
  DecideExtensionDto,
  DecideReviewDto,
  IssueTaskDto,
  ReportTaskDto,
  RequestExtensionDto,
  RequestReviewDto,
  ReviewTaskReportDto,
  ServeDto,
} from './case-steps.dto';

const CONFLICT = 'Not allowed in the case’s state (HANDLING.TRANSITION_NOT_ALLOWED, naming the state and the allowed actions), or a rule of the step refused it.';
const NOT_FOUND = 'No such case, or not within the caller’s scope.';
const BAD_INPUT = 'A field is missing, too long, of the wrong type, or not declared.';

/** Tasks for responsible bodies, extensions, review and re-examination. */
@ApiTags('case lifecycle')
@ApiBearerAuth()
@Controller('cases')
export class CaseWorkHttpController {
  constructor(
    private readonly tasks: BodyTasksHandler,
    private readonly extensions: ExtensionsHandler,
    private readonly reviews: ReviewsHandler,
  ) {}

  @Post(':id/tasks')
  @HttpCode(200)
  @RequirePermission('case.work')
  @Audit({ action: 'case.issue_task', objectType: 'case', objectId: 'param:id' })
  @ApiOkResponse({ description: 'A task issued to a responsible body (事涉单位) with its deadline; handling.task.issued.v1.' })
  @ApiBadRequestResponse({ description: BAD_INPUT })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  @ApiConflictResponse({ description: 'The case is not accepted, investigating or resolving (HANDLING.NOT_IN_WORK).' })
  @ApiUnprocessableEntityResponse({ description: 'The deadline is not in the future (HANDLING.TASK_DUE_IN_PAST).' })
  issueTask(@Param('id', UuidParamPipe) id: string, @Body() dto: IssueTaskDto, @CurrentPrincipal() p: Principal): Promise<Case> {
    return this.tasks.issue(id, dto, p);
  }

  @Post(':id/tasks/:taskId/report')
  @HttpCode(200)
  @RequirePermission('case.report_task')
  @Audit({ action: 'case.report_task', objectType: 'case', objectId: 'param:id' })
  @ApiOkResponse({ description: 'The body’s liaison reported findings and actions; handling.task.reported.v1.' })
  @ApiBadRequestResponse({ description: BAD_INPUT })
  @ApiNotFoundResponse({ description: 'No such case or task, or not one of the caller’s bodies.' })
  @ApiConflictResponse({ description: 'The task does not wait for a report (HANDLING.TASK_NOT_OPEN).' })
  reportTask(
    @Param('id', UuidParamPipe) id: string,
    @Param('taskId', UuidParamPipe) taskId: string,
    @Body() dto: ReportTaskDto,
    @CurrentPrincipal() p: Principal,
  ): Promise<Case> {
    return this.tasks.report(id, taskId, dto, p);
  }

  @Post(':id/tasks/:taskId/review')
  @HttpCode(200)
  @RequirePermission('case.work')
  @Audit({ action: 'case.review_task_report', objectType: 'case', objectId: 'param:id' })
  @ApiOkResponse({ description: 'The unit accepted the report, or sent it back with a reason.' })
  @ApiBadRequestResponse({ description: BAD_INPUT })
  @ApiNotFoundResponse({ description: 'No such case or task, or not within the caller’s units.' })
  @ApiConflictResponse({ description: 'The task has no report waiting (HANDLING.TASK_NOT_REPORTED).' })
  reviewTaskReport(
    @Param('id', UuidParamPipe) id: string,
    @Param('taskId', UuidParamPipe) taskId: string,
    @Body() dto: ReviewTaskReportDto,
    @CurrentPrincipal() p: Principal,
  ): Promise<Case> {
    return this.tasks.reviewReport(id, taskId, dto, p);
  }

  @Post(':id/extension')
  @HttpCode(200)
  @RequirePermission('case.work')
  @Audit({ action: 'case.request_extension', objectType: 'case', objectId: 'param:id' })
  @ApiOkResponse({ description: 'An extension requested, waiting for the unit head (or director).' })
  @ApiBadRequestResponse({ description: `${BAD_INPUT} days is 1 to 30 (art. 34).` })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  @ApiConflictResponse({ description: 'Already extended once (HANDLING.EXTENSION_ALREADY_GRANTED), a request pending, or the case not in work.' })
  requestExtension(@Param('id', UuidParamPipe) id: string, @Body() dto: RequestExtensionDto, @CurrentPrincipal() p: Principal): Promise<Case> {
    return this.extensions.request(id, dto, p);
  }

  @Post(':id/extension/decision')
  @HttpCode(200)
  @RequirePermission('case.approve_extension')
  @Audit({ action: 'case.decide_extension', objectType: 'case', objectId: 'param:id' })
  @ApiOkResponse({ description: 'Approved (the due date moves; handling.extension.granted.v1) or refused.' })
  @ApiBadRequestResponse({ description: BAD_INPUT })
  @ApiUnprocessableEntityResponse({ description: 'The configured approver is another role (HANDLING.NOT_THE_APPROVER).' })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  @ApiConflictResponse({ description: 'No request pending (HANDLING.NO_EXTENSION_REQUESTED).' })
  decideExtension(@Param('id', UuidParamPipe) id: string, @Body() dto: DecideExtensionDto, @CurrentPrincipal() p: Principal): Promise<Case> {
    return this.extensions.decide(id, dto, p);
  }

  @Post(':id/review')
  @HttpCode(200)
  @RequirePermission('case.register_review')
  @Audit({ action: 'case.request_review', objectType: 'case', objectId: 'param:id' })
  @ApiOkResponse({ description: 'A review (复查) registered for the REVIEW unit: `review_requested`; handling.review.requested.v1.' })
  @ApiBadRequestResponse({ description: BAD_INPUT })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  @ApiConflictResponse({ description: CONFLICT })
  @ApiUnprocessableEntityResponse({ description: 'Later than 30 days after the service (HANDLING.REVIEW_WINDOW_PASSED, art. 35).' })
  requestReview(@Param('id', UuidParamPipe) id: string, @Body() dto: RequestReviewDto, @CurrentPrincipal() p: Principal): Promise<Case> {
    return this.reviews.requestReview(id, dto, p);
  }

  @Post(':id/review/decision')
  @HttpCode(200)
  @RequirePermission('case.decide_review')
  @Audit({ action: 'case.decide_review', objectType: 'case', objectId: 'param:id' })
  @ApiOkResponse({ description: 'Upheld or changed (`review_decided`), or re-handling ordered (`investigating` at the original unit, new limit).' })
  @ApiBadRequestResponse({ description: BAD_INPUT })
  @ApiNotFoundResponse({ description: 'No such case, or the caller is not of the REVIEW unit.' })
  @ApiConflictResponse({ description: CONFLICT })
  decideReview(@Param('id', UuidParamPipe) id: string, @Body() dto: DecideReviewDto, @CurrentPrincipal() p: Principal): Promise<Case> {
    return this.reviews.decideReview(id, dto, p);
  }

  @Post(':id/review/service')
  @HttpCode(200)
  @RequirePermission('case.decide_review')
  @Audit({ action: 'case.serve_review', objectType: 'case', objectId: 'param:id' })
  @ApiOkResponse({ description: 'The review decision served; the 30-day re-examination window runs from it.' })
  @ApiBadRequestResponse({ description: BAD_INPUT })
  @ApiNotFoundResponse({ description: 'No such case, or the caller is not of the REVIEW unit.' })
  @ApiConflictResponse({ description: `${CONFLICT} Served already (HANDLING.ALREADY_SERVED).` })
  serveReview(@Param('id', UuidParamPipe) id: string, @Body() dto: ServeDto, @CurrentPrincipal() p: Principal): Promise<Case> {
    return this.reviews.serveReview(id, dto, p);
  }

  @Post(':id/reexamination')
  @HttpCode(200)
  @RequirePermission('case.register_review')
  @Audit({ action: 'case.request_reexamination', objectType: 'case', objectId: 'param:id' })
  @ApiOkResponse({ description: 'A re-examination (复核) registered: `reexamination_requested`.' })
  @ApiBadRequestResponse({ description: BAD_INPUT })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  @ApiConflictResponse({ description: CONFLICT })
  @ApiUnprocessableEntityResponse({ description: 'Later than 30 days after the review’s service (HANDLING.REEXAMINATION_WINDOW_PASSED, art. 36).' })
  requestReexamination(@Param('id', UuidParamPipe) id: string, @Body() dto: RequestReviewDto, @CurrentPrincipal() p: Principal): Promise<Case> {
    return this.reviews.requestReexamination(id, dto, p);
  }

  @Post(':id/reexamination/decision')
  @HttpCode(200)
  @RequirePermission('case.decide_review')
  @Audit({ action: 'case.decide_reexamination', objectType: 'case', objectId: 'param:id' })
  @ApiOkResponse({ description: 'Upheld or changed, and the case terminated (终结); handling.case.terminated.v1.' })
  @ApiBadRequestResponse({ description: BAD_INPUT })
  @ApiNotFoundResponse({ description: 'No such case, or the caller is not of the REVIEW unit.' })
  @ApiConflictResponse({ description: CONFLICT })
  @ApiUnprocessableEntityResponse({ description: 'Re-handling is not an outcome of a re-examination (HANDLING.REEXAMINATION_OUTCOME).' })
  decideReexamination(@Param('id', UuidParamPipe) id: string, @Body() dto: DecideReviewDto, @CurrentPrincipal() p: Principal): Promise<Case> {
    return this.reviews.decideReexamination(id, dto, p);
  }
}
