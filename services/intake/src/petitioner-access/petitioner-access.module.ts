import { Module } from '@nestjs/common';
import { PetitionsModule } from '../petitions/petitions.module';
import { PetitionerVerification } from './application/petitioner-verification';

/** The query-code + phone-digits check with its lock, shared by every public endpoint. */
@Module({
  imports: [PetitionsModule],
  providers: [PetitionerVerification],
  exports: [PetitionerVerification],
})
export class PetitionerAccessModule {}
