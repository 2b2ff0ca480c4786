import { Module } from '@nestjs/common';
import { ApplicationsModule } from '../applications/applications.module';
import { LedgerModule } from '../ledger/ledger.module';
import { SettlementCasesModule } from '../settlement-cases/settlement-cases.module';
import { ReportsHandler } from './application/reports.handler';
import { ReportsHttpController } from './interface/reports.http.controller';

@Module({
  imports: [LedgerModule, ApplicationsModule, SettlementCasesModule],
  controllers: [ReportsHttpController],
  providers: [ReportsHandler],
})
export class ReportsModule {}
