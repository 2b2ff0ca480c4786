import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { RoutePetitionHandler } from './application/route-petition.handler';
import { RoutingDecisionDocument, RoutingDecisionSchema } from './infrastructure/routing-decision.schema';
import { PetitionAcceptedEventHandler } from './interface/petition-accepted.event-handler';
import { RoutingHttpController } from './interface/routing.http.controller';

@Module({
  imports: [MongooseModule.forFeature([{ name: RoutingDecisionDocument.name, schema: RoutingDecisionSchema }])],
  controllers: [RoutingHttpController, PetitionAcceptedEventHandler],
  providers: [RoutePetitionHandler],
})
export class DecisionsModule {}
