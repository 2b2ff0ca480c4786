import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { PetitionRoutingDocument, PetitionRoutingSchema } from '../decisions/infrastructure/petition-routing.schema';
import { RulesModule } from '../rules/rules.module';
import { CompleteTaskHandler } from './application/complete-task.handler';
import { ConcludeMeetingHandler } from './application/conclude-meeting.handler';
import { ConveneMeetingHandler } from './application/convene-meeting.handler';
import { MeetingQueriesHandler } from './application/meeting-queries.handler';
import { ProposeMeetingHandler } from './application/propose-meeting.handler';
import { MeetingDocument, MeetingSchema } from './infrastructure/meeting.schema';
import { MeetingsHttpController } from './interface/meetings.http.controller';

@Module({
  imports: [
    MongooseModule.forFeature([
      { name: MeetingDocument.name, schema: MeetingSchema },
      // Read to check the cases a meeting is convened for; written only to link a proposal.
      { name: PetitionRoutingDocument.name, schema: PetitionRoutingSchema },
    ]),
    RulesModule,
  ],
  controllers: [MeetingsHttpController],
  providers: [ProposeMeetingHandler, ConveneMeetingHandler, ConcludeMeetingHandler, CompleteTaskHandler, MeetingQueriesHandler],
  exports: [ProposeMeetingHandler],
})
export class MeetingsModule {}
