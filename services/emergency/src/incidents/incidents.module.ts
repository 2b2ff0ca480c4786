import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { SERVICE_CONFIG } from '@pdmc/platform';
import type { EmergencyConfig } from '../config/emergency.config';
import { WatchItemDocument, WatchItemSchema } from '../watch/infrastructure/watch-item.schema';
import { ChangeIncident } from './application/change-incident';
import { CloseIncidentHandler } from './application/close-incident.handler';
import { DispatchUnitHandler } from './application/dispatch-unit.handler';
import { EscalationPass } from './application/escalation-pass.handler';
import { IncidentQueriesHandler } from './application/incident-queries.handler';
import { RaiseAutomaticIncidentsHandler } from './application/raise-automatic-incidents.handler';
import { ReportDispatchStatusHandler } from './application/report-dispatch-status.handler';
import { ReportIncidentHandler } from './application/report-incident.handler';
import { StandDownUnitHandler } from './application/stand-down-unit.handler';
import { DispatchFeedReader } from './infrastructure/dispatch-feed.reader';
import { EMERGENCY_PLAN, loadEmergencyPlan } from './infrastructure/emergency-plan';
import { IncidentDocument, IncidentSchema } from './infrastructure/incident.schema';
import { IncidentsRepository } from './infrastructure/incidents.repository';
import { WatchItemsLookup } from './infrastructure/watch-items.lookup';
import { DispatchFeedHttpController } from './interface/dispatch-feed.http.controller';
import { DispatchPlansHttpController } from './interface/dispatch-plans.http.controller';
import { IncidentsHttpController } from './interface/incidents.http.controller';
import { ResponderReportsNatsListener } from './interface/responder-reports.nats-listener';

@Module({
  imports: [
    MongooseModule.forFeature([
      { name: IncidentDocument.name, schema: IncidentSchema },
      { name: WatchItemDocument.name, schema: WatchItemSchema },
    ]),
  ],
  controllers: [IncidentsHttpController, DispatchFeedHttpController, DispatchPlansHttpController],
  providers: [
    { provide: EMERGENCY_PLAN, inject: [SERVICE_CONFIG], useFactory: (c: EmergencyConfig) => loadEmergencyPlan(c.EMERGENCY_PLAN_FILE) },
    IncidentsRepository,
    WatchItemsLookup,
    DispatchFeedReader,
    ChangeIncident,
    ReportIncidentHandler,
    RaiseAutomaticIncidentsHandler,
    DispatchUnitHandler,
    StandDownUnitHandler,
    ReportDispatchStatusHandler,
    CloseIncidentHandler,
    IncidentQueriesHandler,
    EscalationPass,
    ResponderReportsNatsListener,
  ],
  exports: [RaiseAutomaticIncidentsHandler, EscalationPass],
})
export class IncidentsModule {}
