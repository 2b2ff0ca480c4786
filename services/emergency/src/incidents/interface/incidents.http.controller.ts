import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentPrincipal, RequirePermission, type Principal } from '@pdmc/auth';
import { RESPONDER_UNITS, type ResponderUnit } from '@pdmc/contracts';
import { NotFoundError, UuidParamPipe, ValidationFailedError } from '@pdmc/platform';
import { IncidentNotFoundError } from '../application/errors';
import { CloseIncidentHandler } from '../application/close-incident.handler';
import { DispatchUnitHandler } from '../application/dispatch-unit.handler';
import { INCIDENT_LIST_LIMIT, IncidentQueriesHandler } from '../application/incident-queries.handler';
import { ReportDispatchStatusHandler } from '../application/report-dispatch-status.handler';
import { ReportIncidentHandler } from '../application/report-incident.handler';
import { StandDownUnitHandler } from '../application/stand-down-unit.handler';
import { CloseIncidentDto, DispatchStatusDto, DispatchUnitDto, ListIncidentsQuery, ReportIncidentDto, StandDownDto } from './incident.dtos';
import { mayActFor, toIncidentView } from '../application/incident.view';

/**
 * A responder unit named in a path: a value that cannot be a unit code is 400 (naming the
 * parameter), a well-formed code of no unit is 404, like an unknown id.
 */
export function parseUnit(value: string): ResponderUnit {
  if ((RESPONDER_UNITS as readonly string[]).includes(value)) return value as ResponderUnit;
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(value)) {
    throw new ValidationFailedError([{ field: 'unit', rule: 'isUnitCode', message: `unit must be one of ${RESPONDER_UNITS.join(', ')}` }]);
  }
  throw new NotFoundError('EMERGENCY.UNIT_NOT_FOUND', `No responder unit ${value}; the units are ${RESPONDER_UNITS.join(', ')}`);
}

@ApiTags('incidents')
@ApiBearerAuth()
@Controller('incidents')
export class IncidentsHttpController {
  constructor(
    private readonly queries: IncidentQueriesHandler,
    private readonly report: ReportIncidentHandler,
    private readonly dispatchUnit: DispatchUnitHandler,
    private readonly standDown: StandDownUnitHandler,
    private readonly reportStatus: ReportDispatchStatusHandler,
    private readonly close: CloseIncidentHandler,
  ) {}

  @Post()
  @RequirePermission('incident.report')
  @ApiCreatedResponse({ description: 'The incident, with the units its plan dispatched at once (each on its feed).' })
  async create(@Body() dto: ReportIncidentDto, @CurrentPrincipal() principal: Principal) {
    return toIncidentView(await this.report.execute(dto, principal.subject));
  }

  @Get()
  @RequirePermission('incident.read')
  @ApiOkResponse({
    description: `The ${INCIDENT_LIST_LIMIT} incidents reported last, newest first; a responder unit sees only those it was dispatched to.`,
  })
  list(@Query() query: ListIncidentsQuery, @CurrentPrincipal() principal: Principal) {
    return this.queries.latest(query.status, principal);
  }

  @Get(':id')
  @RequirePermission('incident.read')
  @ApiOkResponse({ description: 'One incident: its dispatches and their stages, escalation and closing report.' })
  @ApiNotFoundResponse({ description: 'No such incident, or (for a responder unit) not dispatched to it.' })
  async get(@Param('id', UuidParamPipe) id: string, @CurrentPrincipal() principal: Principal) {
    return toIncidentView(await this.queries.visible(id, principal));
  }

  @Get(':id/timeline')
  @RequirePermission('incident.read')
  @ApiOkResponse({ description: 'The incident’s append-only timeline, oldest first: who did what, when.' })
  @ApiNotFoundResponse({ description: 'No such incident, or (for a responder unit) not dispatched to it.' })
  async timeline(@Param('id', UuidParamPipe) id: string, @CurrentPrincipal() principal: Principal) {
    const incident = await this.queries.visible(id, principal);
    return { incidentId: incident.id, entries: incident.timeline };
  }

  @Post(':id/dispatches')
  @HttpCode(200)
  @RequirePermission('incident.dispatch')
  @ApiOkResponse({ description: 'The incident with the unit added (dispatched now, on its feed).' })
  @ApiConflictResponse({ description: 'The unit is already dispatched and not finished, or the incident is closed.' })
  async addUnit(@Param('id', UuidParamPipe) id: string, @Body() dto: DispatchUnitDto, @CurrentPrincipal() principal: Principal) {
    return toIncidentView(await this.dispatchUnit.execute(id, dto.unit, dto.acknowledgeWithinMinutes, principal.subject));
  }

  @Post(':id/dispatches/:unit/stand-down')
  @HttpCode(200)
  @RequirePermission('incident.dispatch')
  @ApiParam({ name: 'unit', enum: RESPONDER_UNITS })
  @ApiOkResponse({ description: 'The incident with the unit stood down (on its feed).' })
  @ApiNotFoundResponse({ description: 'The unit is not dispatched to this incident.' })
  @ApiConflictResponse({ description: 'The unit has already cleared or been stood down, or the incident is closed.' })
  async standDownUnit(
    @Param('id', UuidParamPipe) id: string,
    @Param('unit') unit: string,
    @Body() dto: StandDownDto,
    @CurrentPrincipal() principal: Principal,
  ) {
    return toIncidentView(await this.standDown.execute(id, parseUnit(unit), dto.reason, principal.subject));
  }

  @Post(':id/dispatches/:unit/status')
  @HttpCode(200)
  @RequirePermission('dispatch.report_status')
  @ApiParam({ name: 'unit', enum: RESPONDER_UNITS })
  @ApiOkResponse({ description: 'The incident with the unit’s next stage recorded (on its feed).' })
  @ApiNotFoundResponse({ description: 'No such incident, the unit is not dispatched to it, or the caller is another unit.' })
  @ApiConflictResponse({ description: 'Not the next stage: the error names the current status and the step allowed.' })
  async status(
    @Param('id', UuidParamPipe) id: string,
    @Param('unit') unit: string,
    @Body() dto: DispatchStatusDto,
    @CurrentPrincipal() principal: Principal,
  ) {
    const code = parseUnit(unit);
    if (!mayActFor(principal, code)) throw new IncidentNotFoundError();
    return toIncidentView(await this.reportStatus.execute(id, code, dto.status, principal.subject, dto.note));
  }

  @Post(':id/close')
  @HttpCode(200)
  @RequirePermission('incident.close')
  @ApiOkResponse({ description: 'The closed incident with its closing report; its statistics go to supervision.' })
  @ApiConflictResponse({ description: 'A unit has not cleared (and was not stood down), or the incident is closed.' })
  async closeIncident(@Param('id', UuidParamPipe) id: string, @Body() dto: CloseIncidentDto, @CurrentPrincipal() principal: Principal) {
    return toIncidentView(await this.close.execute(id, dto.outcome, dto.report, principal.subject));
  }
}
