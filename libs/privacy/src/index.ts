/**
 * @pdmc/privacy: protection of petitioners' personal data (resident ID numbers, phones,
 * addresses, names): field encryption with key rotation, blind indexes for exact-match lookup,
 * display masks and validators.
 */
export {
  generateKey,
  KEY_BYTES,
  KEY_ID_PATTERN,
  Keyring,
  KeyringError,
  keyringFromEnv,
  parseKeyring,
  PII_ENV,
} from './keyring';
export type { KeyringConfig } from './keyring';
export { DecryptionError, FieldCipher, isEncryptedField } from './field-cipher';
export type { DecryptionErrorCode, EncryptedField } from './field-cipher';
export { BlindIndex } from './blind-index';
export type { BlindIndexKind, BlindIndexOptions } from './blind-index';
export { maskAddress, maskIdNumber, maskName, maskPhone } from './mask';
export { IS_RESIDENT_ID, IsResidentId, isValidResidentId, residentIdCheckCharacter } from './chinese-id';
export {
  DEFAULT_AREA_CODE,
  IS_CHINESE_PHONE,
  IsChinesePhone,
  isChinesePhone,
  isValidMobile,
  normalizePhone,
  phoneLast4,
} from './chinese-phone';
export type { NormalizePhoneOptions } from './chinese-phone';
