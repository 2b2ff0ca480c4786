import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { ProgressProjector } from './application/progress.projector';
import { ProgressReader } from './application/progress.reader';
import { PetitionProgressDocument, PetitionProgressSchema } from './infrastructure/petition-progress.schema';
import { ReviewStageProjector } from './application/review-stage.projector';
import { ExtensionGrantedEventHandler } from './interface/extension-granted.event-handler';
import { ReviewStageEventHandlers } from './interface/review-stage.event-handlers';
import { ProgressEventHandlers } from './interface/progress.event-handlers';

/** The petition's progress after intake, kept from routing's and handling's events. */
@Module({
  imports: [MongooseModule.forFeature([{ name: PetitionProgressDocument.name, schema: PetitionProgressSchema }])],
  controllers: [ProgressEventHandlers, ExtensionGrantedEventHandler, ReviewStageEventHandlers],
  providers: [ProgressProjector, ProgressReader, ReviewStageProjector],
  exports: [ProgressReader, ReviewStageProjector],
})
export class ProgressModule {}
