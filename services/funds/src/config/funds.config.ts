import { IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import { ServiceConfig } from '@pdmc/platform';

export class FundsConfig extends ServiceConfig {
  override HTTP_PORT = 3005;
  override MONGO_DB = 'pdmc_funds';

  /** Encryption keys for beneficiaries' personal data, `<id>:<base64 32 bytes>,...` (see docs/security.md). */
  @IsString()
  PII_KEYS = '';

  /** Files holding the three key settings (container secrets); read at start-up. */
  @IsOptional()
  @IsString()
  PII_KEYS_FILE?: string = undefined;

  @IsOptional()
  @IsString()
  PII_ACTIVE_KEY_ID_FILE?: string = undefined;

  @IsOptional()
  @IsString()
  PII_INDEX_KEY_FILE?: string = undefined;

  /** The key id in PII_KEYS that encrypts new values. */
  @IsString()
  PII_ACTIVE_KEY_ID = '';

  /** Blind-index key (base64, 32 bytes); the keyring needs one even though funds looks nobody up. */
  @IsString()
  PII_INDEX_KEY = '';

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
