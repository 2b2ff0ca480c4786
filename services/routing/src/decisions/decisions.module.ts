import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { RoutePetitionHandler } from './application/route-petition.handler';
import { RoutingDecisionDocument, RoutingDecisionSchema } from './infrastructure/routing-decision.schema';
import { PetitionRegisteredEventHandler } from './interface/petition-registered.event-handler';
import { RoutingHttpController } from './interface/routing.http.controller';

@Module({
  imports: [MongooseModule.forFeature([{ name: RoutingDecisionDocument.name, schema: RoutingDecisionSchema }])],
  controllers: [RoutingHttpController, PetitionRegisteredEventHandler],
  providers: [RoutePetitionHandler],
})
export class DecisionsModule {}
