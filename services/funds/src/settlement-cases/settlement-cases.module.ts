import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { RecordCaseHandler } from './application/record-case.handler';
import { SettlementCaseDocument, SettlementCaseSchema } from './infrastructure/settlement-case.schema';
import { CaseOpenedEventHandler } from './interface/case-opened.event-handler';
import { CaseTerminatedEventHandler } from './interface/case-terminated.event-handler';
import { CaseRegistry } from './application/case-registry';
import { SettlementCaseQueriesHandler } from './application/settlement-case-queries.handler';
import { SettlementCasesHttpController } from './interface/settlement-cases.http.controller';

@Module({
  imports: [MongooseModule.forFeature([{ name: SettlementCaseDocument.name, schema: SettlementCaseSchema }])],
  controllers: [SettlementCasesHttpController, CaseOpenedEventHandler, CaseTerminatedEventHandler],
  providers: [RecordCaseHandler, CaseRegistry, SettlementCaseQueriesHandler],
  exports: [CaseRegistry],
})
export class SettlementCasesModule {}
