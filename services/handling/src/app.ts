import { startService, type RunningService } from '@pdmc/platform';
import { AppModule, type HandlingOptions } from './app.module';
import type { HandlingConfig } from './config/handling.config';

export function startHandling(
  config: HandlingConfig,
  logDestination?: import('pino').DestinationStream,
  options: HandlingOptions = {},
): Promise<RunningService> {
  return startService({
    service: 'handling',
    title: 'Handling service',
    description: 'Work units own each case from assignment to closure, cessation, review, re-examination and termination, within the legal time limits.',
    module: AppModule.register(config, options),
    config,
    logDestination,
  });
}
