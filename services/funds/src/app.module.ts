import { type DynamicModule, Module } from '@nestjs/common';
import { ServiceCoreModule } from '@pdmc/platform';
import type { FundsConfig } from './config/funds.config';
import { SettlementCasesModule } from './settlement-cases/settlement-cases.module';

@Module({})
export class AppModule {
  static register(config: FundsConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [ServiceCoreModule.forRoot({ service: 'funds', config }), SettlementCasesModule],
    };
  }
}
