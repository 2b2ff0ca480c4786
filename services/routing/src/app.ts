import { startService, type RunningService } from '@pdmc/platform';
import { AppModule } from './app.module';
import type { RoutingConfig } from './config/routing.config';

export function startRouting(config: RoutingConfig, logDestination?: import('pino').DestinationStream): Promise<RunningService> {
  return startService({
    service: 'routing',
    title: 'Routing service',
    description: 'Sends each accepted petition to the competent work unit and responsible body (分级负责、归口办理).',
    module: AppModule.register(config),
    config,
    logDestination,
  });
}
