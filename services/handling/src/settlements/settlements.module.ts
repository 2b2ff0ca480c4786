import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { CaseSettlementsQuery } from './application/case-settlements.query';
import { RecordSettlementHandler } from './application/record-settlement.handler';
import { CaseSettlementDocument, CaseSettlementSchema } from './infrastructure/case-settlement.schema';
import { FundEventsEventHandler } from './interface/fund-events.event-handler';

/** The settlements funds announces for each case, shown on the case view. */
@Module({
  imports: [MongooseModule.forFeature([{ name: CaseSettlementDocument.name, schema: CaseSettlementSchema }])],
  controllers: [FundEventsEventHandler],
  providers: [RecordSettlementHandler, CaseSettlementsQuery],
  exports: [CaseSettlementsQuery],
})
export class SettlementsModule {}
