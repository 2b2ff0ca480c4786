import { startService, type RunningService } from '@pdmc/platform';
import { AppModule } from './app.module';
import type { IntakeConfig } from './config/intake.config';

export function startIntake(config: IntakeConfig, logDestination?: import('pino').DestinationStream): Promise<RunningService> {
  return startService({
    service: 'intake',
    title: 'Intake service',
    description: 'Front desk of the centre: registers petitions from every channel and emits them for routing.',
    module: AppModule.register(config),
    config,
    logDestination,
  });
}
