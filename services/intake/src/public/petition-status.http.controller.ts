import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import { Public } from '@pdmc/auth';
import { RateLimit } from '@pdmc/platform';
import { LookUpStatusHandler } from './look-up-status.handler';
import { PetitionStatusQueryDto, type PetitionStatusView } from './petition-status.query';

@ApiTags('petitioner self-service')
@Controller('public')
export class PetitionStatusHttpController {
  constructor(private readonly lookUp: LookUpStatusHandler) {}

  /** POST, not GET: the code and the phone digits must not end up in URLs and access logs. */
  @Post('petition-status')
  @Public()
  @HttpCode(200)
  @RateLimit({ limit: 'PUBLIC_RATE_LIMIT_PER_MINUTE', windowSeconds: 60 })
  @ApiOkResponse({ description: 'Progress of the petition: status, category and dates; no personal data.' })
  @ApiNotFoundResponse({ description: 'No petition matches the code and digits (the same answer for either).' })
  @ApiTooManyRequestsResponse({ description: 'Rate limit reached, or the code is locked after repeated failures.' })
  status(@Body() query: PetitionStatusQueryDto): Promise<PetitionStatusView> {
    return this.lookUp.execute(query);
  }
}
