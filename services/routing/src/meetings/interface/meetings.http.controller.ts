import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentPrincipal, RequirePermission, type Principal } from '@pdmc/auth';
import { Audit, UuidParamPipe } from '@pdmc/platform';
import { CompleteTaskHandler } from '../application/complete-task.handler';
import { ConcludeMeetingHandler } from '../application/conclude-meeting.handler';
import { ConveneMeetingHandler } from '../application/convene-meeting.handler';
import { MeetingQueriesHandler } from '../application/meeting-queries.handler';
import type { MeetingView } from '../application/meeting-views';
import { CompleteTaskDto, ConcludeMeetingDto, ConveneMeetingDto, MeetingsQuery } from './meeting.dto';

@ApiTags('joint meetings')
@ApiBearerAuth()
@Controller('meetings')
export class MeetingsHttpController {
  constructor(
    private readonly queries: MeetingQueriesHandler,
    private readonly convene: ConveneMeetingHandler,
    private readonly conclude: ConcludeMeetingHandler,
    private readonly complete: CompleteTaskHandler,
  ) {}

  @Get()
  @RequirePermission('meeting.read')
  @ApiOkResponse({ description: 'Joint meetings, newest first: proposed by the desk, convened, concluded, closed.' })
  list(@Query() query: MeetingsQuery): ReturnType<MeetingQueriesHandler['list']> {
    return this.queries.list(query);
  }

  @Get(':meetingId')
  @RequirePermission('meeting.read')
  @ApiOkResponse({ description: 'The meeting: cases, participants, agenda, time, place, outcome, tasks and what may be done next.' })
  @ApiNotFoundResponse({ description: 'No such meeting.' })
  get(@Param('meetingId', UuidParamPipe) meetingId: string): Promise<MeetingView> {
    return this.queries.get(meetingId);
  }

  @Post()
  @RequirePermission('meeting.manage')
  @Audit({ action: 'meeting.convene', objectType: 'meeting' })
  @ApiCreatedResponse({ description: 'Convened a new joint meeting for the cases.' })
  @ApiBadRequestResponse({ description: 'Unknown petitions, units or bodies.' })
  create(@Body() dto: ConveneMeetingDto, @CurrentPrincipal() principal: Principal): Promise<MeetingView> {
    return this.convene.execute(undefined, dto, principal.subject);
  }

  @Post(':meetingId/convene')
  @HttpCode(200)
  @RequirePermission('meeting.manage')
  @Audit({ action: 'meeting.convene', objectType: 'meeting', objectId: 'param:meetingId' })
  @ApiOkResponse({ description: 'Convened a proposed meeting, or changed a convened one’s participants, agenda, time or place.' })
  @ApiConflictResponse({ description: 'The meeting is concluded or closed (ROUTING.MEETING_CLOSED).' })
  @ApiNotFoundResponse({ description: 'No such meeting.' })
  reconvene(@Param('meetingId', UuidParamPipe) meetingId: string, @Body() dto: ConveneMeetingDto, @CurrentPrincipal() principal: Principal): Promise<MeetingView> {
    return this.convene.execute(meetingId, dto, principal.subject);
  }

  @Post(':meetingId/conclusion')
  @HttpCode(200)
  @RequirePermission('meeting.manage')
  @Audit({ action: 'meeting.conclude', objectType: 'meeting', objectId: 'param:meetingId' })
  @ApiOkResponse({ description: 'Recorded the lead unit, tasks and minutes; routing.meeting.concluded.v1 announces them.' })
  @ApiBadRequestResponse({ description: 'An unknown assignee, or a task due before the meeting.' })
  @ApiConflictResponse({ description: 'Not convened yet, or already concluded or closed.' })
  @ApiNotFoundResponse({ description: 'No such meeting.' })
  concludeMeeting(@Param('meetingId', UuidParamPipe) meetingId: string, @Body() dto: ConcludeMeetingDto, @CurrentPrincipal() principal: Principal): Promise<MeetingView> {
    return this.conclude.execute(meetingId, dto, principal.subject);
  }

  @Post(':meetingId/tasks/:taskId/completion')
  @HttpCode(200)
  @RequirePermission('meeting.manage')
  @Audit({ action: 'meeting.complete_task', objectType: 'meeting', objectId: 'param:meetingId' })
  @ApiOkResponse({ description: 'The task is done; the meeting closes with its last task.' })
  @ApiConflictResponse({ description: 'The meeting is not concluded, is closed, or the task is done already.' })
  @ApiNotFoundResponse({ description: 'No such meeting or task.' })
  completeTask(
    @Param('meetingId', UuidParamPipe) meetingId: string,
    @Param('taskId', UuidParamPipe) taskId: string,
    @Body() dto: CompleteTaskDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<MeetingView> {
    return this.complete.execute(meetingId, taskId, dto.note, principal.subject);
  }

  @Get(':meetingId/minutes')
  @RequirePermission('meeting.read')
  @ApiProduces('text/html')
  @ApiOkResponse({ description: 'The minutes (信访工作联席会议纪要) as HTML, ready to print.' })
  @ApiConflictResponse({ description: 'The meeting has no outcome yet.' })
  @ApiNotFoundResponse({ description: 'No such meeting.' })
  async minutes(@Param('meetingId', UuidParamPipe) meetingId: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    const html = await this.queries.minutes(meetingId);
    reply.header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-store');
    return html;
  }
}
