import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { PetitionDocument, PetitionSchema } from '../infrastructure/petition.schema';
import { PersonRegistry } from './application/person-registry.service';
import { PersonsQueryHandler } from './application/persons-query.handler';
import { PetitionerProtection } from './application/petitioner-protection';
import { RotateKeysHandler } from './application/rotate-keys.handler';
import { PersonDocument, PersonSchema } from './infrastructure/person.schema';
import { personalDataProviders } from './infrastructure/personal-data.providers';
import { PersonalDataHttpController } from './interface/personal-data.http.controller';
import { PersonsHttpController } from './interface/persons.http.controller';

/**
 * The petitioners of petitions: their personal data (encrypted, masked, rotated to a new key)
 * and the person registry that links a person's petitions. It reads the petitions collection
 * (a person's petitions, key rotation) but imports no petitions module: petitions import it.
 */
@Module({
  imports: [
    MongooseModule.forFeature([
      { name: PetitionDocument.name, schema: PetitionSchema },
      { name: PersonDocument.name, schema: PersonSchema },
    ]),
  ],
  controllers: [PersonalDataHttpController, PersonsHttpController],
  providers: [...personalDataProviders, PetitionerProtection, PersonRegistry, PersonsQueryHandler, RotateKeysHandler],
  exports: [PetitionerProtection, PersonRegistry],
})
export class PetitionersModule {}
