import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { FollowedCalendarModule, gazetteerProvider } from '@pdmc/platform';
import { BodyTasksHandler } from './application/body-tasks.handler';
import { CaseStepsHandler } from './application/case-steps.handler';
import { CaseTimersJob } from './application/case-timers.job';
import { CaseWorkflow } from './application/case-workflow';
import { DecideCaseHandler } from './application/decide-case.handler';
import { DecisionDocumentHandler } from './application/decision-document.handler';
import { ExtensionsHandler } from './application/extensions.handler';
import { FindCasesHandler } from './application/find-cases.handler';
import { MergeCaseHandler } from './application/merge-case.handler';
import { OpenCaseHandler } from './application/open-case.handler';
import { ReviewsHandler } from './application/reviews.handler';
import { workingCalendarProvider } from './infrastructure/calendar.provider';
import { CaseDocument, CaseSchema } from './infrastructure/case.schema';
import { CaseSectionsHttpController } from './interface/case-sections.http.controller';
import { CalendarChangedEventHandler } from './interface/calendar-changed.event-handler';
import { CaseStepsHttpController } from './interface/case-steps.http.controller';
import { JointMeetingsModule } from '../joint-meetings/joint-meetings.module';
import { SettlementsModule } from '../settlements/settlements.module';
import { CaseWorkHttpController } from './interface/case-work.http.controller';
import { CasesHttpController } from './interface/cases.http.controller';
import { DecisionsHttpController } from './interface/decisions.http.controller';
import { PetitionRoutedEventHandler } from './interface/petition-routed.event-handler';

@Module({
  imports: [MongooseModule.forFeature([{ name: CaseDocument.name, schema: CaseSchema }]), JointMeetingsModule, SettlementsModule, FollowedCalendarModule],
  controllers: [CasesHttpController, DecisionsHttpController, CaseStepsHttpController, CaseWorkHttpController, PetitionRoutedEventHandler, CaseSectionsHttpController, CalendarChangedEventHandler],
  providers: [
    CaseWorkflow,
    OpenCaseHandler,
    MergeCaseHandler,
    FindCasesHandler,
    CaseStepsHandler,
    DecideCaseHandler,
    BodyTasksHandler,
    ExtensionsHandler,
    ReviewsHandler,
    CaseTimersJob,
    DecisionDocumentHandler,
    gazetteerProvider,
    workingCalendarProvider,
  ],
})
export class CasesModule {}
