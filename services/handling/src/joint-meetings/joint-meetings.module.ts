import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { CaseMeetingsQuery } from './application/case-meetings.query';
import { RecordMeetingOutcomeHandler } from './application/record-meeting-outcome.handler';
import { CaseMeetingDocument, CaseMeetingSchema } from './infrastructure/case-meeting.schema';
import { MeetingConcludedEventHandler } from './interface/meeting-concluded.event-handler';

/** Joint meetings' outcomes for the cases they were held for, shown on the case view. */
@Module({
  imports: [MongooseModule.forFeature([{ name: CaseMeetingDocument.name, schema: CaseMeetingSchema }])],
  controllers: [MeetingConcludedEventHandler],
  providers: [RecordMeetingOutcomeHandler, CaseMeetingsQuery],
  exports: [CaseMeetingsQuery],
})
export class JointMeetingsModule {}
