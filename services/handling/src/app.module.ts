import { type DynamicModule, Module } from '@nestjs/common';
import { ServiceCoreModule } from '@pdmc/platform';
import type { HandlingConfig } from './config/handling.config';
import { CasesModule } from './cases/cases.module';

@Module({})
export class AppModule {
  static register(config: HandlingConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [ServiceCoreModule.forRoot({ service: 'handling', config }), CasesModule],
    };
  }
}
