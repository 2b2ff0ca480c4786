import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { ApprovalChainsModule } from '../approval-chains/approval-chains.module';
import { BalanceBook } from './application/balance-book';
import { CarryOverHandler } from './application/carry-over.handler';
import { FundQueriesHandler } from './application/fund-queries.handler';
import { LedgerRepair } from './application/ledger-repair';
import { ReconcileHandler } from './application/reconcile.handler';
import { RecordContributionHandler } from './application/record-contribution.handler';
import { SetBudgetHandler } from './application/set-budget.handler';
import { FundYearDocument, FundYearSchema } from './infrastructure/fund-year.schema';
import { LedgerEntryDocument, LedgerEntrySchema } from './infrastructure/ledger-entry.schema';
import { FundsHttpController } from './interface/funds.http.controller';

@Module({
  imports: [
    MongooseModule.forFeature([
      { name: FundYearDocument.name, schema: FundYearSchema },
      { name: LedgerEntryDocument.name, schema: LedgerEntrySchema },
    ]),
    ApprovalChainsModule,
  ],
  controllers: [FundsHttpController],
  providers: [BalanceBook, SetBudgetHandler, RecordContributionHandler, CarryOverHandler, FundQueriesHandler, ReconcileHandler, LedgerRepair],
  exports: [BalanceBook, LedgerRepair, MongooseModule],
})
export class LedgerModule {}
