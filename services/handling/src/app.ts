import { startService, type RunningService } from '@pdmc/platform';
import { AppModule } from './app.module';
import type { HandlingConfig } from './config/handling.config';

export function startHandling(config: HandlingConfig, logDestination?: import('pino').DestinationStream): Promise<RunningService> {
  return startService({
    service: 'handling',
    title: 'Handling service',
    description: 'Work units own each case from opening to closure within the legal time limits.',
    module: AppModule.register(config),
    config,
    logDestination,
  });
}
