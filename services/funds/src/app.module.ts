import { type DynamicModule, Module } from '@nestjs/common';
import type { Clock } from '@pdmc/calendar';
import { ServiceCoreModule } from '@pdmc/platform';
import { ApplicationsModule } from './applications/applications.module';
import type { FundsConfig } from './config/funds.config';
import { LedgerModule } from './ledger/ledger.module';
import { ReportsModule } from './reports/reports.module';
import { SettlementCasesModule } from './settlement-cases/settlement-cases.module';

export interface FundsOptions {
  /** The time source of every rule and record; tests pass a ManualClock. */
  clock?: Clock;
}

@Module({})
export class AppModule {
  static register(config: FundsConfig, options: FundsOptions = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ServiceCoreModule.forRoot({ service: 'funds', config, clock: options.clock }),
        SettlementCasesModule,
        LedgerModule,
        ApplicationsModule,
        ReportsModule,
      ],
    };
  }
}
