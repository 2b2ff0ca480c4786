import { Body, Controller, Get, Param, Put, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, RequirePermission, type Principal } from '@pdmc/auth';
import { Audit } from '@pdmc/platform';
import { CalendarQueriesHandler, type CalendarDayView, type HolidayYearView } from '../application/calendar-queries.handler';
import { ReplaceHolidayYearHandler } from '../application/replace-holiday-year.handler';
import { YearParamPipe } from '../../shared/int-param.pipe';
import { CalendarDaysQuery, ReplaceHolidayYearDto } from './calendar.dto';

@ApiTags('calendar')
@ApiBearerAuth()
@Controller('calendar')
export class CalendarHttpController {
  constructor(
    private readonly queries: CalendarQueriesHandler,
    private readonly replace: ReplaceHolidayYearHandler,
  ) {}

  @Get('years')
  @RequirePermission('calendar.read')
  @ApiOkResponse({ description: 'Every year the working-day calendar has data for, with its source and whether it is provisional.' })
  list(): Promise<{ items: HolidayYearView[] }> {
    return this.queries.list();
  }

  @Get('years/:year')
  @RequirePermission('calendar.read')
  @ApiOkResponse({ description: 'One year: official holidays, make-up working days (调休), source, revision.' })
  @ApiNotFoundResponse({ description: 'No data for that year.' })
  year(@Param('year', YearParamPipe) year: string): Promise<HolidayYearView> {
    return this.queries.year(Number(year));
  }

  @Put('years/:year')
  @RequirePermission('calendar.write')
  @Audit({ action: 'calendar.replace_year', objectType: 'holiday-year', objectId: 'param:year' })
  @ApiOkResponse({ description: 'Replaced; routing.calendar.changed.v1 announces the whole year to the other services.' })
  @ApiBadRequestResponse({ description: 'Invalid data (a date outside the year, a weekday as make-up working day, a date twice), naming the field and rule.' })
  @ApiConflictResponse({ description: 'Someone saved the year meanwhile (basedOnRevision is stale).' })
  put(
    @Param('year', YearParamPipe) year: string,
    @Body() dto: ReplaceHolidayYearDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<HolidayYearView> {
    return this.replace.execute(Number(year), dto, principal.subject);
  }

  @Get('days')
  @RequirePermission('calendar.read')
  @ApiOkResponse({ description: 'Each day of a range (at most 366 days) as legal periods count it: working or not, and why.' })
  @ApiBadRequestResponse({ description: 'A date that is not YYYY-MM-DD, or `to` before `from`.' })
  days(@Query() query: CalendarDaysQuery): Promise<{ items: CalendarDayView[] }> {
    return this.queries.days(query.from, query.to);
  }
}
