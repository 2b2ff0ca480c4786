import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { CurrentPrincipal, RequirePermission, type Principal } from '@pdmc/auth';
import { Audit, UuidParamPipe } from '@pdmc/platform';
import { LeaderQueriesHandler, type LeaderCaseView } from '../application/leader-queries.handler';
import { OwnCaseHandler } from '../application/own-case.handler';
import { ReceptionDaysHandler, type ReceptionDayView } from '../application/reception-days.handler';
import { FollowUpDto, LeaderCasesQuery, LinkPetitionDto, OwnCaseDto, ReceptionDaysQuery, ScheduleReceptionDayDto } from './leaders.dto';

@ApiTags('leaders')
@ApiBearerAuth()
@Controller()
export class LeadersHttpController {
  constructor(
    private readonly queries: LeaderQueriesHandler,
    private readonly own: OwnCaseHandler,
    private readonly receptions: ReceptionDaysHandler,
  ) {}

  @Get('leader-cases')
  @RequirePermission('leader.read')
  @ApiOkResponse({ description: 'Cases owned by leaders (领导包案), one leader’s or all, with state and the 60-day limit.' })
  ownedCases(@Query() query: LeaderCasesQuery): Promise<{ items: LeaderCaseView[]; total: number }> {
    return this.queries.ownedCases(query.leaderId);
  }

  @Get('leader-cases/:petitionId')
  @RequirePermission('leader.read')
  @ApiOkResponse({ description: 'Who owns the case, its state and deadline.' })
  @ApiNotFoundResponse({ description: 'No leader owns this case.' })
  ownedCase(@Param('petitionId', UuidParamPipe) petitionId: string): Promise<LeaderCaseView> {
    return this.queries.ownedCase(petitionId);
  }

  @Post('leader-cases')
  @RequirePermission('leader.manage')
  @Audit({ action: 'leader.own_case', objectType: 'petition' })
  @ApiCreatedResponse({ description: 'The leader owns the case.' })
  @ApiNotFoundResponse({ description: 'Routing knows no accepted petition with this id.' })
  @ApiConflictResponse({ description: 'Another leader owns it already.' })
  ownCase(@Body() dto: OwnCaseDto, @CurrentPrincipal() principal: Principal): Promise<LeaderCaseView> {
    return this.own.execute(dto, principal.subject);
  }

  @Get('reception-days')
  @RequirePermission('leader.read')
  @ApiOkResponse({ description: 'Leaders’ reception days (领导接访) in a date range, by date.' })
  @ApiBadRequestResponse({ description: 'A date that is not YYYY-MM-DD, or `to` before `from`.' })
  receptionDays(@Query() query: ReceptionDaysQuery): Promise<{ items: ReceptionDayView[] }> {
    return this.queries.receptionDays(query.from, query.to);
  }

  @Get('reception-days/:receptionDayId')
  @RequirePermission('leader.read')
  @ApiOkResponse({ description: 'The reception day with its petitions and follow-ups.' })
  @ApiNotFoundResponse({ description: 'No such reception day.' })
  receptionDay(@Param('receptionDayId', UuidParamPipe) id: string): Promise<ReceptionDayView> {
    return this.queries.receptionDay(id);
  }

  @Post('reception-days')
  @RequirePermission('leader.manage')
  @Audit({ action: 'leader.schedule_reception', objectType: 'reception-day' })
  @ApiCreatedResponse({ description: 'Scheduled.' })
  schedule(@Body() dto: ScheduleReceptionDayDto): Promise<ReceptionDayView> {
    return this.receptions.schedule(dto);
  }

  @Post('reception-days/:receptionDayId/petitions')
  @HttpCode(200)
  @RequirePermission('leader.manage')
  @Audit({ action: 'leader.link_reception_petition', objectType: 'reception-day', objectId: 'param:receptionDayId' })
  @ApiOkResponse({ description: 'The petition, received that day, is linked to the reception day.' })
  @ApiUnprocessableEntityResponse({ description: 'ROUTING.NOT_RECEIVED_THAT_DAY.' })
  @ApiNotFoundResponse({ description: 'No such reception day or petition.' })
  link(@Param('receptionDayId', UuidParamPipe) id: string, @Body() dto: LinkPetitionDto): Promise<ReceptionDayView> {
    return this.receptions.link(id, dto.petitionId);
  }

  @Post('reception-days/:receptionDayId/follow-ups')
  @HttpCode(200)
  @RequirePermission('leader.manage')
  @Audit({ action: 'leader.follow_up', objectType: 'reception-day', objectId: 'param:receptionDayId' })
  @ApiOkResponse({ description: 'The follow-up is recorded.' })
  @ApiNotFoundResponse({ description: 'No such reception day.' })
  followUp(@Param('receptionDayId', UuidParamPipe) id: string, @Body() dto: FollowUpDto, @CurrentPrincipal() principal: Principal): Promise<ReceptionDayView> {
    return this.receptions.followUp(id, dto.note, principal.subject);
  }
}
