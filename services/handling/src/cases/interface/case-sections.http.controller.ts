import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, RequirePermission, type Principal } from '@pdmc/auth';
import { UuidParamPipe } from '@pdmc/platform';
import { CaseMeetingsQuery, type CaseMeeting } from '../../joint-meetings/application/case-meetings.query';
import { CaseSettlementsQuery } from '../../settlements/application/case-settlements.query';
import type { Settlement } from '../../settlements/domain/settlement';
import { FindCasesHandler } from '../application/find-cases.handler';

/**
 * The case view's sections that other services decide: the joint meetings held for the case
 * (routing) and its settlements (funds). Read beside `GET /cases/{id}` as its history is, and
 * scoped as the case is: whoever may not see the case sees none of it (404).
 */
@ApiTags('cases')
@ApiBearerAuth()
@Controller('cases/:id')
export class CaseSectionsHttpController {
  constructor(
    private readonly find: FindCasesHandler,
    private readonly meetings: CaseMeetingsQuery,
    private readonly settlements: CaseSettlementsQuery,
  ) {}

  @Get('meetings')
  @RequirePermission('case.read')
  @ApiOkResponse({ description: 'The joint meetings held for the case, oldest first: each one’s lead unit and its tasks (assignee, description, deadline). The last lead unit is the current one.' })
  @ApiNotFoundResponse({ description: 'No such case, or not within the caller’s units or body.' })
  async jointMeetings(@Param('id', UuidParamPipe) id: string, @CurrentPrincipal() principal: Principal): Promise<{ items: CaseMeeting[] }> {
    const c = await this.find.byId(id, principal);
    return { items: await this.meetings.of(c.id) };
  }

  @Get('settlements')
  @RequirePermission('case.read')
  @ApiOkResponse({
    description:
      'The case’s applications for money from the funds, oldest first: fund, year, kind, status (in_approval, approved, rejected, paid), the amount asked or approved, the total paid, and each tranche with its reversal if any. Amounts in fen.',
  })
  @ApiNotFoundResponse({ description: 'No such case, or not within the caller’s units or body.' })
  async settlementsOf(@Param('id', UuidParamPipe) id: string, @CurrentPrincipal() principal: Principal): Promise<{ items: Settlement[] }> {
    const c = await this.find.byId(id, principal);
    return { items: await this.settlements.of(c.id) };
  }
}
