import { type DynamicModule, Module } from '@nestjs/common';
import { ServiceCoreModule } from '@pdmc/platform';
import type { IntakeConfig } from './config/intake.config';
import { EvaluationsModule } from './evaluations/evaluations.module';
import { PetitionsModule } from './petitions/petitions.module';
import { ProgressModule } from './progress/progress.module';
import { PublicModule } from './public/public.module';
import { TimelineModule } from './timeline/timeline.module';
import { TerminationModule } from './termination/termination.module';

@Module({})
export class AppModule {
  static register(config: IntakeConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ServiceCoreModule.forRoot({ service: 'intake', config }),
        PetitionsModule,
        ProgressModule,
        EvaluationsModule,
        PublicModule,
        TimelineModule,
        TerminationModule,
      ],
    };
  }
}
