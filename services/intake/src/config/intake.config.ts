import { IsInt, Max, Min } from 'class-validator';
import { ServiceConfig } from '@pdmc/platform';

export class IntakeConfig extends ServiceConfig {
  override HTTP_PORT = 3001;
  override MONGO_DB = 'pdmc_intake';

  /** Head-count from which a visit counts as a collective petition (集体访); local practice is 5. */
  @IsInt()
  @Min(2)
  @Max(1000)
  COLLECTIVE_THRESHOLD = 5;
}
