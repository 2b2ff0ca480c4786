import { startService, type RunningService } from '@pdmc/platform';
import { AppModule } from './app.module';
import type { EmergencyConfig } from './config/emergency.config';

export function startEmergency(config: EmergencyConfig, logDestination?: import('pino').DestinationStream): Promise<RunningService> {
  return startService({
    service: 'emergency',
    title: 'Emergency service',
    description: 'Emergency system: keeps the duty officer’s watch list of petitions that may turn into incidents at the centre.',
    module: AppModule.register(config),
    config,
    logDestination,
  });
}
