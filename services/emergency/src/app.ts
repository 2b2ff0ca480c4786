import { startService, type RunningService } from '@pdmc/platform';
import { AppModule, type EmergencyOptions } from './app.module';
import type { EmergencyConfig } from './config/emergency.config';

export function startEmergency(
  config: EmergencyConfig,
  logDestination?: import('pino').DestinationStream,
  options: EmergencyOptions = {},
): Promise<RunningService> {
  return startService({
    service: 'emergency',
    title: 'Emergency service',
    description:
      'Emergency system: the duty officer’s watch list of risky petitions, and incidents at the centre dispatched to the responder units (政法委, 公安分局, 机关事务局, 卫生局), tracked to closure, with live dispatch feeds per unit.',
    module: AppModule.register(config, options),
    config,
    logDestination,
  });
}
