import { IsInt, Matches, Max, Min } from 'class-validator';
import { ServiceConfig } from '@pdmc/platform';

export class RoutingConfig extends ServiceConfig {
  override HTTP_PORT = 3002;
  override MONGO_DB = 'pdmc_routing';

  /** Returns by units after which a petition is proposed for a joint meeting (联席会议). */
  @IsInt()
  @Min(1)
  @Max(20)
  MEETING_AFTER_RETURNS = 3;

  /** Supervision: warning points as shares of each watched period, e.g. `0.7,0.9` (70% and 90%). */
  @Matches(/^0\.\d+(,0\.\d+)*$/, { message: 'SUPERVISION_WARNING_SHARES must be shares between 0 and 1, comma-separated (e.g. 0.7,0.9)' })
  SUPERVISION_WARNING_SHARES = '0.7,0.9';

  /** Supervision: how often the deadline scan runs, in ms; 0 runs it only when called (tests). */
  @IsInt()
  @Min(0)
  @Max(3_600_000)
  SUPERVISION_SCAN_MS = 60_000;

  /** Supervision: days a unit has to reply to a supervision order (督办单). */
  @IsInt()
  @Min(1)
  @Max(60)
  SUPERVISION_ORDER_REPLY_DAYS = 5;
}
