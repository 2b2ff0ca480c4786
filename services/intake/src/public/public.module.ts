import { Module } from '@nestjs/common';
import { PetitionsModule } from '../petitions/petitions.module';
import { LookUpStatusHandler } from './look-up-status.handler';
import { PetitionStatusHttpController } from './petition-status.http.controller';

/** The petitioner's door: progress look-up by query code and second factor. */
@Module({
  imports: [PetitionsModule],
  controllers: [PetitionStatusHttpController],
  providers: [LookUpStatusHandler],
})
export class PublicModule {}
