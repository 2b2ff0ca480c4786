import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { CalendarModule } from '../calendar/calendar.module';
import { PetitionRoutingDocument, PetitionRoutingSchema } from '../decisions/infrastructure/petition-routing.schema';
import { LeaderQueriesHandler } from './application/leader-queries.handler';
import { OwnCaseHandler } from './application/own-case.handler';
import { ReceptionDaysHandler } from './application/reception-days.handler';
import { LeaderCaseDocument, LeaderCaseSchema, ReceptionDayDocument, ReceptionDaySchema } from './infrastructure/leader.schemas';
import { LeadersHttpController } from './interface/leaders.http.controller';

@Module({
  imports: [
    MongooseModule.forFeature([
      { name: LeaderCaseDocument.name, schema: LeaderCaseSchema },
      { name: ReceptionDayDocument.name, schema: ReceptionDaySchema },
      // Read for the state and deadlines of owned cases and the petitions of a reception day.
      { name: PetitionRoutingDocument.name, schema: PetitionRoutingSchema },
    ]),
    CalendarModule,
  ],
  controllers: [LeadersHttpController],
  providers: [LeaderQueriesHandler, OwnCaseHandler, ReceptionDaysHandler],
})
export class LeadersModule {}
