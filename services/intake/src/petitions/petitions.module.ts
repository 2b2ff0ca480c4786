import { Module } from '@nestjs/common';
import { ClassificationModule } from '../classification/classification.module';
import { MongooseModule } from '@nestjs/mongoose';
import { GetPetitionHandler } from './application/get-petition.handler';
import { RegisterPetitionHandler } from './application/register-petition.handler';
import { PetitionDocument, PetitionSchema } from './infrastructure/petition.schema';
import { PetitionsHttpController } from './interface/petitions.http.controller';
import { referenceDataProviders } from '../reference-data.providers';
import { personalDataProviders } from '../personal-data/personal-data.providers';
import { PersonalDataHttpController } from '../personal-data/personal-data.http.controller';
import { RotateKeysHandler } from '../personal-data/rotate-keys.handler';
import { AcceptanceOverdueMonitor } from './application/acceptance-overdue.monitor';
import { AcceptanceQueriesHandler } from './application/acceptance-queries.handler';
import { DecideAcceptanceHandler } from './application/decide-acceptance.handler';
import { PetitionMapper } from './application/petition.mapper';
import { AcceptanceHttpController } from './interface/acceptance.http.controller';
import { PetitionerProtection } from './application/petitioner-protection';
import { RepeatDetector } from './application/repeat-detector';
import { CaseNumbering } from './application/case-numbering';
import { ClassifyPetitionHandler } from './application/classify-petition.handler';
import { UpdateFlagsHandler } from './application/update-flags.handler';
import { MergePetitionHandler } from './application/merge-petition.handler';
import { PetitionChangesHttpController } from './interface/petition-changes.http.controller';
import { OnlineSubmissionHttpController } from './interface/online-submission.http.controller';
import { PersonDocument, PersonSchema } from '../persons/person.schema';
import { PersonRegistry } from '../persons/person-registry.service';
import { PersonsQueryHandler } from '../persons/persons-query.handler';
import { PersonsHttpController } from '../persons/persons.http.controller';

@Module({
  imports: [
    MongooseModule.forFeature([
      { name: PetitionDocument.name, schema: PetitionSchema },
      { name: PersonDocument.name, schema: PersonSchema },
    ]),
    ClassificationModule,
  ],
  controllers: [
    AcceptanceHttpController,
    PetitionChangesHttpController,
    PetitionsHttpController,
    PersonalDataHttpController,
    PersonsHttpController,
    OnlineSubmissionHttpController,
  ],
  providers: [
    ...referenceDataProviders,
    ...personalDataProviders,
    PetitionerProtection,
    PetitionMapper,
    RegisterPetitionHandler,
    GetPetitionHandler,
    RotateKeysHandler,
    DecideAcceptanceHandler,
    AcceptanceQueriesHandler,
    AcceptanceOverdueMonitor,
    RepeatDetector,
    CaseNumbering,
    PersonRegistry,
    PersonsQueryHandler,
    ClassifyPetitionHandler,
    UpdateFlagsHandler,
    MergePetitionHandler,
  ],
  // The petitioner's self-service (src/public) reads petitions and shows petitioners masked.
  exports: [MongooseModule, PetitionerProtection, PetitionMapper, GetPetitionHandler, ...referenceDataProviders],
})
export class PetitionsModule {}
