import { type DynamicModule, Module } from '@nestjs/common';
import type { Clock } from '@pdmc/calendar';
import { ServiceCoreModule } from '@pdmc/platform';
import type { HandlingConfig } from './config/handling.config';
import { CasesModule } from './cases/cases.module';

export interface HandlingOptions {
  /** The time source of every deadline and timer; tests pass a ManualClock. */
  clock?: Clock;
}

@Module({})
export class AppModule {
  static register(config: HandlingConfig, options: HandlingOptions = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [ServiceCoreModule.forRoot({ service: 'handling', config, clock: options.clock }), CasesModule],
    };
  }
}
