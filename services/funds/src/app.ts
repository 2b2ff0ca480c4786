import { startService, type RunningService } from '@pdmc/platform';
import { AppModule, type FundsOptions } from './app.module';
import type { FundsConfig } from './config/funds.config';

export function startFunds(
  config: FundsConfig,
  logDestination?: import('pino').DestinationStream,
  options: FundsOptions = {},
): Promise<RunningService> {
  return startService({
    service: 'funds',
    title: 'Funds service',
    description:
      'Petition funds (信访稳定专项资金 and the others): budgets per fund and year, applications through a multi-level approval chain, reservations that can never overspend, disbursements and an append-only ledger.',
    module: AppModule.register(config, options),
    config,
    logDestination,
  });
}
