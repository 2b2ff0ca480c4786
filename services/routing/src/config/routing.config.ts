import { IsInt, Max, Min } from 'class-validator';
import { ServiceConfig } from '@pdmc/platform';

export class RoutingConfig extends ServiceConfig {
  override HTTP_PORT = 3002;
  override MONGO_DB = 'pdmc_routing';

  /** Returns by units after which a petition is proposed for a joint meeting (联席会议). */
  @IsInt()
  @Min(1)
  @Max(20)
  MEETING_AFTER_RETURNS = 3;
}
