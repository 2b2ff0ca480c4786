import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { WatchPetitionHandler } from './application/watch-petition.handler';
import { WatchItemDocument, WatchItemSchema } from './infrastructure/watch-item.schema';
import { PetitionRegisteredEventHandler } from './interface/petition-registered.event-handler';
import { WatchItemsHttpController } from './interface/watch-items.http.controller';

@Module({
  imports: [MongooseModule.forFeature([{ name: WatchItemDocument.name, schema: WatchItemSchema }])],
  controllers: [WatchItemsHttpController, PetitionRegisteredEventHandler],
  providers: [WatchPetitionHandler],
})
export class WatchModule {}
