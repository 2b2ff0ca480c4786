import { IsOptional, IsString } from 'class-validator';
import type { PersonalDataKeySettings } from '../personal-data.providers';
import { ServiceConfig } from './service-config';

/**
 * The configuration of a service that stores personal data: the common settings plus the keys
 * that encrypt it (read by `personalDataProviders`; see docs/security.md).
 */
export class PersonalDataServiceConfig extends ServiceConfig implements PersonalDataKeySettings {
  /** Encryption keys for personal data, `<id>:<base64 32 bytes>,...` (see docs/security.md). */
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

  /**
   * Key of the blind indexes that find people by ID number or phone (base64, 32 bytes); the
   * keyring needs one even in a service that looks nobody up.
   */
  @IsString()
  PII_INDEX_KEY = '';
}
