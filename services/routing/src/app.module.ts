import { type DynamicModule, Module } from '@nestjs/common';
import type { Clock } from '@pdmc/calendar';
import { ServiceCoreModule } from '@pdmc/platform';
import { CalendarModule } from './calendar/calendar.module';
import type { RoutingConfig } from './config/routing.config';
import { DecisionsModule } from './decisions/decisions.module';
import { LeadersModule } from './leaders/leaders.module';
import { MeetingsModule } from './meetings/meetings.module';
import { RulesModule } from './rules/rules.module';
import { SupervisionModule } from './supervision/supervision.module';

export interface RoutingOptions {
  /** The time source of every deadline; tests pass a ManualClock. */
  clock?: Clock;
}

@Module({})
export class AppModule {
  static register(config: RoutingConfig, options: RoutingOptions = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ServiceCoreModule.forRoot({ service: 'routing', config, clock: options.clock }),
        RulesModule,
        CalendarModule,
        DecisionsModule,
        MeetingsModule,
        LeadersModule,
        SupervisionModule,
      ],
    };
  }
}
