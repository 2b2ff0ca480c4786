import { IsInt, Max, Min } from 'class-validator';
import { PersonalDataServiceConfig } from '@pdmc/platform';

export class FundsConfig extends PersonalDataServiceConfig {
  override HTTP_PORT = 3005;
  override MONGO_DB = 'pdmc_funds';

  /** How often the repair pass finishes money movements a crash interrupted. */
  @IsInt()
  @Min(100)
  @Max(3_600_000)
  REPAIR_INTERVAL_MS = 60_000;

  /** A movement unfinished for this long is taken over by the repair pass (the request that began it has died). */
  @IsInt()
  @Min(0)
  @Max(3_600_000)
  REPAIR_GRACE_MS = 30_000;
}
