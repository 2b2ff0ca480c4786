import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { PetitionsModule } from '../petitions/petitions.module';
import { ProgressModule } from '../progress/progress.module';
import { RefuseTerminatedMatterHandler } from './refuse-terminated-matter.handler';
import {
  TerminatedCaseDocument,
  TerminatedCaseSchema,
  TerminationRefusalDocument,
  TerminationRefusalSchema,
} from './terminated-case.schema';
import { TerminationEventHandlers } from './termination.event-handlers';

/** Termination (终结, art. 36-37): intake learns terminated cases and refuses their matter again. */
@Module({
  imports: [
    PetitionsModule,
    ProgressModule,
    MongooseModule.forFeature([
      { name: TerminatedCaseDocument.name, schema: TerminatedCaseSchema },
      { name: TerminationRefusalDocument.name, schema: TerminationRefusalSchema },
    ]),
  ],
  controllers: [TerminationEventHandlers],
  providers: [RefuseTerminatedMatterHandler],
})
export class TerminationModule {}
