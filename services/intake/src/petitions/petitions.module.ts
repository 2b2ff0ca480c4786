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

@Module({
  imports: [MongooseModule.forFeature([{ name: PetitionDocument.name, schema: PetitionSchema }]), ClassificationModule],
  controllers: [AcceptanceHttpController, PetitionsHttpController, PersonalDataHttpController],
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
  ],
  // The petitioner's self-service (src/public) reads petitions and shows petitioners masked.
  exports: [MongooseModule, PetitionerProtection, PetitionMapper, ...referenceDataProviders],
})
export class PetitionsModule {}
