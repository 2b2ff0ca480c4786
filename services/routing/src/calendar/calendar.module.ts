import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { CalendarQueriesHandler } from './application/calendar-queries.handler';
import { ReplaceHolidayYearHandler } from './application/replace-holiday-year.handler';
import { RoutingCalendar } from './application/routing-calendar';
import { HolidayYearDocument, HolidayYearSchema } from './infrastructure/holiday-year.schema';
import { CalendarHttpController } from './interface/calendar.http.controller';

@Module({
  imports: [MongooseModule.forFeature([{ name: HolidayYearDocument.name, schema: HolidayYearSchema }])],
  controllers: [CalendarHttpController],
  providers: [RoutingCalendar, CalendarQueriesHandler, ReplaceHolidayYearHandler],
  exports: [RoutingCalendar],
})
export class CalendarModule {}
