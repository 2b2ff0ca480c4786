import { startService, type RunningService } from '@pdmc/platform';
import { AppModule } from './app.module';
import type { FundsConfig } from './config/funds.config';

export function startFunds(config: FundsConfig, logDestination?: import('pino').DestinationStream): Promise<RunningService> {
  return startService({
    service: 'funds',
    title: 'Funds service',
    description: 'Stability fund (信访稳定专项资金): knows the cases settlements may be paid for.',
    module: AppModule.register(config),
    config,
    logDestination,
  });
}
