import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import { Public } from '@pdmc/auth';
import { Audit, RateLimit } from '@pdmc/platform';
import { SubmitEvaluationHandler } from '../application/submit-evaluation.handler';
import { SubmittedEvaluationView } from '../application/evaluation.views';
import { SubmitEvaluationDto } from './submit-evaluation.dto';

@ApiTags('petitioner self-service')
@Controller('public')
export class PublicEvaluationsHttpController {
  constructor(private readonly submit: SubmitEvaluationHandler) {}

  @Post('evaluations')
  @Public()
  @HttpCode(201)
  @RateLimit({ limit: 'PUBLIC_RATE_LIMIT_PER_MINUTE', windowSeconds: 60 })
  @Audit({ action: 'evaluation.submit', objectType: 'evaluation', objectId: 'body:id' })
  @ApiOperation({
    summary: 'The petitioner evaluates a decision (满意 / 基本满意 / 不满意)',
    description:
      'With the query code and the last four digits of the phone, as for the look-up (failures count towards the ' +
      'same lock). A handling decision takes `bureau` and `unit`; an acceptance decision that ended the petition at ' +
      'the centre (`<case number>:acceptance`, not accepted or forwarded) takes `bureau` only. Once per decision, ' +
      'within EVALUATION_WINDOW_DAYS (30) of it.',
  })
  @ApiCreatedResponse({ type: SubmittedEvaluationView, description: 'Taken; `intake.evaluation.submitted.v1` follows.' })
  @ApiBadRequestResponse({
    description: 'A bad rating or field; `unit` missing for a handling decision or given for an acceptance decision.',
  })
  @ApiNotFoundResponse({
    description: 'Wrong code or digits, or no such decision on this petition (the same answer for each).',
  })
  @ApiConflictResponse({
    description: 'Already evaluated (INTAKE.ALREADY_EVALUATED), past the window (INTAKE.EVALUATION_WINDOW_CLOSED), ' +
      'or an acceptance that let the petition go on (INTAKE.NOT_EVALUATED_DECISION).',
  })
  @ApiTooManyRequestsResponse({ description: 'Rate limit reached, or the code is locked after repeated failures.' })
  evaluate(@Body() dto: SubmitEvaluationDto): Promise<SubmittedEvaluationView> {
    return this.submit.execute(dto);
  }
}
