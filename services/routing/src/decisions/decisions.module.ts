import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { CalendarModule } from '../calendar/calendar.module';
import { MeetingsModule } from '../meetings/meetings.module';
import { RulesModule } from '../rules/rules.module';
import { DecisionQueriesHandler } from './application/decision-queries.handler';
import { DispatchPetitionHandler } from './application/dispatch-petition.handler';
import { RecordObjectionHandler } from './application/record-objection.handler';
import { RoutePetitionHandler } from './application/route-petition.handler';
import { PetitionRoutingDocument, PetitionRoutingSchema } from './infrastructure/petition-routing.schema';
import { CaseReturnedEventHandler } from './interface/case-returned.event-handler';
import { DecisionsHttpController } from './interface/decisions.http.controller';
import { PetitionAcceptedEventHandler } from './interface/petition-accepted.event-handler';

@Module({
  imports: [MongooseModule.forFeature([{ name: PetitionRoutingDocument.name, schema: PetitionRoutingSchema }]), RulesModule, CalendarModule, MeetingsModule],
  controllers: [DecisionsHttpController, PetitionAcceptedEventHandler, CaseReturnedEventHandler],
  providers: [RoutePetitionHandler, RecordObjectionHandler, DispatchPetitionHandler, DecisionQueriesHandler],
  exports: [MongooseModule],
})
export class DecisionsModule {}
