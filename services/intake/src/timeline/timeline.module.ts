import { Module } from '@nestjs/common';
import { EvaluationsModule } from '../evaluations/evaluations.module';
import { PetitionsModule } from '../petitions/petitions.module';
import { ProgressModule } from '../progress/progress.module';
import { TimelineHandler } from './timeline.handler';
import { TimelineHttpController } from './timeline.http.controller';

/** A petition's timeline across intake, routing, handling and the petitioner. */
@Module({
  imports: [PetitionsModule, ProgressModule, EvaluationsModule],
  controllers: [TimelineHttpController],
  providers: [TimelineHandler],
})
export class TimelineModule {}
