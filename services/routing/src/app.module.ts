import { type DynamicModule, Module } from '@nestjs/common';
import { ServiceCoreModule } from '@pdmc/platform';
import type { RoutingConfig } from './config/routing.config';
import { DecisionsModule } from './decisions/decisions.module';

@Module({})
export class AppModule {
  static register(config: RoutingConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [ServiceCoreModule.forRoot({ service: 'routing', config }), DecisionsModule],
    };
  }
}
