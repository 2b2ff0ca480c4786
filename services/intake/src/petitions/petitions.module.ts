import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { GetPetitionHandler } from './application/get-petition.handler';
import { RegisterPetitionHandler } from './application/register-petition.handler';
import { PetitionDocument, PetitionSchema } from './infrastructure/petition.schema';
import { PetitionsHttpController } from './interface/petitions.http.controller';
import { referenceDataProviders } from '../reference-data.providers';

@Module({
  imports: [MongooseModule.forFeature([{ name: PetitionDocument.name, schema: PetitionSchema }])],
  controllers: [PetitionsHttpController],
  providers: [...referenceDataProviders, RegisterPetitionHandler, GetPetitionHandler],
})
export class PetitionsModule {}
