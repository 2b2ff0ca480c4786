import { Module } from '@nestjs/common';
import { EvaluationsModule } from '../evaluations/evaluations.module';
import { PetitionsModule } from '../petitions/petitions.module';
import { ProgressModule } from '../progress/progress.module';
import { LookUpStatusHandler } from './application/look-up-status.handler';
import { PetitionerAccessModule } from '../petitioner-access/petitioner-access.module';
import { PetitionStatusHttpController } from './interface/petition-status.http.controller';

/** The petitioner's door: progress look-up by query code and second factor. */
@Module({
  imports: [PetitionsModule, PetitionerAccessModule, ProgressModule, EvaluationsModule],
  controllers: [PetitionStatusHttpController],
  providers: [LookUpStatusHandler],
})
export class PublicModule {}
