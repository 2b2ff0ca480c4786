import { type DynamicModule, Module } from '@nestjs/common';
import { ServiceCoreModule } from '@pdmc/platform';
import type { EmergencyConfig } from './config/emergency.config';
import { WatchModule } from './watch/watch.module';

@Module({})
export class AppModule {
  static register(config: EmergencyConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [ServiceCoreModule.forRoot({ service: 'emergency', config }), WatchModule],
    };
  }
}
