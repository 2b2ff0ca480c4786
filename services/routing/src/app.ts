import { startService, type RunningService } from '@pdmc/platform';
import { AppModule, type RoutingOptions } from './app.module';
import type { RoutingConfig } from './config/routing.config';

export function startRouting(
  config: RoutingConfig,
  logDestination?: import('pino').DestinationStream,
  options: RoutingOptions = {},
): Promise<RunningService> {
  return startService({
    service: 'routing',
    title: 'Routing service',
    description:
      'The centre’s dispatch desk: routes each accepted petition by versioned rules (分级负责、归口办理), keeps the dispatcher’s desk, the working-day calendar, joint meetings and leaders’ instruments.',
    module: AppModule.register(config, options),
    config,
    logDestination,
  });
}
