import { IsInt, Max, Min } from 'class-validator';
import { PersonalDataServiceConfig } from '@pdmc/platform';

export class IntakeConfig extends PersonalDataServiceConfig {
  override HTTP_PORT = 3001;
  override MONGO_DB = 'pdmc_intake';

  /** Head-count from which a visit counts as a collective petition (集体访); local practice is 5. */
  @IsInt()
  @Min(2)
  @Max(1000)
  COLLECTIVE_THRESHOLD = 5;

  /** How often undecided petitions are checked against their 15-day acceptance deadline. */
  @IsInt()
  @Min(100)
  @Max(3_600_000)
  ACCEPTANCE_SCAN_MS = 60_000;

  /** Failed progress look-ups after which a query code is locked. */
  @IsInt()
  @Min(1)
  @Max(100)
  LOOKUP_MAX_FAILURES = 5;

  /** How long a locked query code stays locked. */
  @IsInt()
  @Min(1)
  @Max(1440)
  LOOKUP_LOCK_MINUTES = 15;

  /** Online submissions allowed per client address per hour (网上信访 is public). */
  @IsInt()
  @Min(1)
  @Max(100000)
  ONLINE_SUBMISSIONS_PER_HOUR = 10;

  /** Public look-ups allowed per client address per minute. */
  @IsInt()
  @Min(1)
  @Max(10000)
  PUBLIC_RATE_LIMIT_PER_MINUTE = 20;

  /** Days after a decision during which the petitioner may evaluate it (满意度评价). */
  @IsInt()
  @Min(1)
  @Max(365)
  EVALUATION_WINDOW_DAYS = 30;

  // ── Category suggestions that learn (docs/classification.md) ──
  /** Quiet time after the last new training example before a model is retrained. */
  @IsInt()
  @Min(10)
  @Max(86_400_000)
  CLASSIFY_RETRAIN_DELAY_MS = 60_000;

  /** How often an instance looks for a model version another instance trained. */
  @IsInt()
  @Min(100)
  @Max(86_400_000)
  CLASSIFY_MODEL_REFRESH_MS = 60_000;

  /** The most recent examples a model learns from; older ones stay stored but are not read. */
  @IsInt()
  @Min(100)
  @Max(200_000)
  CLASSIFY_MAX_EXAMPLES = 20_000;
}
