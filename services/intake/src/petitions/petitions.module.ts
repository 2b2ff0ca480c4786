import { Module } from '@nestjs/common';
import { ClassificationModule } from '../classification/classification.module';
import { MongooseModule } from '@nestjs/mongoose';
import { GetPetitionHandler } from './application/get-petition.handler';
import { RegisterPetitionHandler } from './application/register-petition.handler';
import { PetitionDocument, PetitionSchema } from './infrastructure/petition.schema';
import { PetitionsHttpController } from './interface/petitions.http.controller';
import { referenceDataProviders } from '../reference-data.providers';
import { AcceptanceOverdueMonitor } from './application/acceptance-overdue.monitor';
import { AcceptanceQueriesHandler } from './application/acceptance-queries.handler';
import { DecideAcceptanceHandler } from './application/decide-acceptance.handler';
import { PetitionMapper } from './application/petition.mapper';
import { AcceptanceHttpController } from './interface/acceptance.http.controller';
import { RepeatDetector } from './application/repeat-detector';
import { CaseNumbering } from './application/case-numbering';
import { ClassifyPetitionHandler } from './application/classify-petition.handler';
import { UpdateFlagsHandler } from './application/update-flags.handler';
import { MergePetitionHandler } from './application/merge-petition.handler';
import { PetitionChangesHttpController } from './interface/petition-changes.http.controller';
import { OnlineSubmissionHttpController } from './interface/online-submission.http.controller';
import { PetitionersModule } from './petitioners/petitioners.module';
import { CalendarChangedEventHandler } from './interface/calendar-changed.event-handler';
import { FollowedCalendarModule } from '@pdmc/platform';

@Module({
  imports: [
    MongooseModule.forFeature([{ name: PetitionDocument.name, schema: PetitionSchema }]),
    ClassificationModule,
    PetitionersModule,
    FollowedCalendarModule,
  ],
  controllers: [
    CalendarChangedEventHandler,
    AcceptanceHttpController,
    PetitionChangesHttpController,
    PetitionsHttpController,
    OnlineSubmissionHttpController,
  ],
  providers: [
    ...referenceDataProviders,
    PetitionMapper,
    RegisterPetitionHandler,
    GetPetitionHandler,
    DecideAcceptanceHandler,
    AcceptanceQueriesHandler,
    AcceptanceOverdueMonitor,
    RepeatDetector,
    CaseNumbering,
    ClassifyPetitionHandler,
    UpdateFlagsHandler,
    MergePetitionHandler,
  ],
  // The petitioner's self-service (src/public) reads petitions and shows petitioners masked.
  exports: [MongooseModule, PetitionersModule, PetitionMapper, GetPetitionHandler, ...referenceDataProviders],
})
export class PetitionsModule {}
