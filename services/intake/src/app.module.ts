import { type DynamicModule, Module } from '@nestjs/common';
import { ServiceCoreModule } from '@pdmc/platform';
import type { IntakeConfig } from './config/intake.config';
import { PetitionsModule } from './petitions/petitions.module';
import { PublicModule } from './public/public.module';

@Module({})
export class AppModule {
  static register(config: IntakeConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [ServiceCoreModule.forRoot({ service: 'intake', config }), PetitionsModule, PublicModule],
    };
  }
}
