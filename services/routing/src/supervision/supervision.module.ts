import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { CalendarModule } from '../calendar/calendar.module';
import { LeaderCaseDocument, LeaderCaseSchema } from '../leaders/infrastructure/leader.schemas';
import { MeetingDocument, MeetingSchema } from '../meetings/infrastructure/meeting.schema';
import { PetitionRoutingDocument, PetitionRoutingSchema } from '../decisions/infrastructure/petition-routing.schema';
import { DeadlineScanJob } from './application/deadline-scan.job';
import { Obligations } from './application/obligations';
import { SupervisionOrdersHandler } from './application/supervision-orders.handler';
import { SupervisionQueriesHandler } from './application/supervision-queries.handler';
import { SupervisionStatistics } from './application/supervision-statistics';
import { WatchDeadlinesHandler } from './application/watch-deadlines.handler';
import { SupervisionOrderDocument, SupervisionOrderSchema } from './infrastructure/supervision-order.schema';
import { ObligationDocument, ObligationSchema } from './infrastructure/obligation.schema';
import { CounterDocument, CounterSchema, PetitionFactsDocument, PetitionFactsSchema } from './infrastructure/statistics.schemas';
import { SupervisionEventHandlers } from './interface/supervision.event-handlers';
import { SupervisionOrdersHttpController } from './interface/supervision-orders.http.controller';
import { SupervisionHttpController } from './interface/supervision.http.controller';

/** Supervision and assessment (督查督办, 考核; issue 14): watched deadlines, warnings, orders and the centre's numbers. */
@Module({
  imports: [
    MongooseModule.forFeature([
      { name: ObligationDocument.name, schema: ObligationSchema },
      { name: PetitionFactsDocument.name, schema: PetitionFactsSchema },
      { name: CounterDocument.name, schema: CounterSchema },
      // Read only: who owns a case (the leader dimension), whether a meeting's task is done.
      { name: LeaderCaseDocument.name, schema: LeaderCaseSchema },
      { name: MeetingDocument.name, schema: MeetingSchema },
      { name: SupervisionOrderDocument.name, schema: SupervisionOrderSchema },
      { name: PetitionRoutingDocument.name, schema: PetitionRoutingSchema },
    ]),
    CalendarModule,
  ],
  controllers: [SupervisionHttpController, SupervisionOrdersHttpController, SupervisionEventHandlers],
  providers: [Obligations, WatchDeadlinesHandler, SupervisionStatistics, DeadlineScanJob, SupervisionQueriesHandler, SupervisionOrdersHandler],
})
export class SupervisionModule {}
