import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { IncidentsModule } from '../incidents/incidents.module';
import { FollowFlagChangeHandler } from './application/follow-flag-change.handler';
import { RecordFlagsHandler } from './application/record-flags.handler';
import { WatchItemQueriesHandler } from './application/watch-item-queries.handler';
import { WatchPetitionHandler } from './application/watch-petition.handler';
import { WatchItemDocument, WatchItemSchema } from './infrastructure/watch-item.schema';
import { WatchItemsRepository } from './infrastructure/watch-items.repository';
import { PetitionFlagsChangedEventHandler } from './interface/petition-flags-changed.event-handler';
import { PetitionRegisteredEventHandler } from './interface/petition-registered.event-handler';
import { WatchItemsHttpController } from './interface/watch-items.http.controller';

@Module({
  imports: [MongooseModule.forFeature([{ name: WatchItemDocument.name, schema: WatchItemSchema }]), IncidentsModule],
  controllers: [WatchItemsHttpController, PetitionRegisteredEventHandler, PetitionFlagsChangedEventHandler],
  providers: [WatchItemsRepository, RecordFlagsHandler, WatchPetitionHandler, FollowFlagChangeHandler, WatchItemQueriesHandler],
})
export class WatchModule {}
