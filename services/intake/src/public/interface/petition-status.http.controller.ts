import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import { Public } from '@pdmc/auth';
import { RateLimit } from '@pdmc/platform';
import { LookUpStatusHandler } from '../application/look-up-status.handler';
import { PetitionStatusQueryDto } from '../../petitioner-access/interface/petition-status.query';
import { PetitionStatusView } from '../application/petition-status.view';

@ApiTags('petitioner self-service')
@Controller('public')
export class PetitionStatusHttpController {
  constructor(private readonly lookUp: LookUpStatusHandler) {}

  /** POST, not GET: the code and the phone digits must not end up in URLs and access logs. */
  @Post('petition-status')
  @Public()
  @HttpCode(200)
  @RateLimit({ limit: 'PUBLIC_RATE_LIMIT_PER_MINUTE', windowSeconds: 60 })
  @ApiOperation({
    summary: 'The petitioner looks up progress (查询) with the query code and the last four digits of the phone',
    description:
      'Five failures lock the code for 15 minutes, even for the right digits (LOOKUP_MAX_FAILURES, LOOKUP_LOCK_MINUTES); ' +
      'failures on POST /public/evaluations count too.',
  })
  @ApiOkResponse({
    type: PetitionStatusView,
    description:
      'Status, category, dates, the acceptance decision, the work unit and responsible body, the handling limit, ' +
      'the handling decisions and whether each can still be evaluated; no staff names or notes, no personal data.',
  })
  @ApiBadRequestResponse({ description: 'A malformed code or digits.' })
  @ApiNotFoundResponse({ description: 'No petition matches the code and digits (the same answer for either).' })
  @ApiTooManyRequestsResponse({ description: 'Rate limit reached, or the code is locked after repeated failures.' })
  status(@Body() query: PetitionStatusQueryDto): Promise<PetitionStatusView> {
    return this.lookUp.execute(query);
  }
}
