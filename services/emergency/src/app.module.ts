import { type DynamicModule, Module } from '@nestjs/common';
import type { Clock } from '@pdmc/calendar';
import { ServiceCoreModule } from '@pdmc/platform';
import type { EmergencyConfig } from './config/emergency.config';
import { IncidentsModule } from './incidents/incidents.module';
import { WatchModule } from './watch/watch.module';

export interface EmergencyOptions {
  /** The time source of acknowledgement deadlines and escalation; tests pass a ManualClock. */
  clock?: Clock;
}

@Module({})
export class AppModule {
  static register(config: EmergencyConfig, options: EmergencyOptions = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [ServiceCoreModule.forRoot({ service: 'emergency', config, clock: options.clock }), WatchModule, IncidentsModule],
    };
  }
}
