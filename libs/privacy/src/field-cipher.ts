import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { KEY_ID_PATTERN, Keyring } from './keyring';

const ALGORITHM = 'aes-256-gcm';
/** 96-bit IVs are GCM's native size; random ones are safe for far more values than we store per key. */
const IV_BYTES = 12;
/** Full-length tags only: accepting short tags would make forgery much cheaper. */
const TAG_BYTES = 16;

/**
 * One encrypted value as stored: a plain object of base64 strings, so MongoDB keeps it as a
 * sub-document and it survives JSON round trips.
 */
export interface EncryptedField {
  /** Id of the keyring key that encrypted it; decryption picks the key by this id. */
  kid: string;
  /** 12-byte random IV. */
  iv: string;
  /** Ciphertext (same length as the UTF-8 plaintext). */
  ct: string;
  /** 16-byte GCM authentication tag. */
  tag: string;
}

/** Why a value could not be decrypted; stable codes for logs and metrics. */
export type DecryptionErrorCode =
  | 'PRIVACY.MALFORMED_FIELD'
  | 'PRIVACY.UNKNOWN_KEY'
  | 'PRIVACY.AUTHENTICATION_FAILED';

/**
 * Thrown when a stored value cannot be decrypted: malformed, encrypted under a key this keyring
 * does not hold, or altered (ciphertext, tag, key id or context). The message names the context
 * and key id, never plaintext or key material.
 */
export class DecryptionError extends Error {
  constructor(
    readonly code: DecryptionErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'DecryptionError';
  }
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Whether `value` has the shape of an {@link EncryptedField} (it says nothing about authenticity). */
export function isEncryptedField(value: unknown): value is EncryptedField {
  if (!value || typeof value !== 'object') return false;
  const { kid, iv, ct, tag } = value as Record<string, unknown>;
  return [kid, iv, ct, tag].every((part) => typeof part === 'string');
}

function requireContext(context: string): void {
  // An empty context would bind nothing and let values move between fields unnoticed.
  if (typeof context !== 'string' || context.length === 0) {
    throw new TypeError('FieldCipher: context must be a non-empty string such as "petitioner.idNumber"');
  }
}

/**
 * The key id goes into the AAD as well as the context: moving a value to another field, or
 * relabelling it with another key id, both fail authentication. Key ids cannot contain a line
 * feed, so the encoding is unambiguous.
 */
function additionalData(kid: string, context: string): Buffer {
  return Buffer.from(`${kid}\n${context}`, 'utf8');
}

function decodeBase64(value: string, context: string, part: string): Buffer {
  if (!BASE64.test(value)) {
    throw new DecryptionError('PRIVACY.MALFORMED_FIELD', `Cannot decrypt ${context}: ${part} is not base64`);
  }
  return Buffer.from(value, 'base64');
}

/**
 * Encrypts single string fields (ID numbers, phones, addresses, names) with AES-256-GCM under
 * the keyring's active key, binding each value to its field through the `context`.
 *
 * Decryption uses the key named by the stored `kid`, so values written before a rotation keep
 * working while {@link FieldCipher.reencrypt} moves them to the active key.
 */
export class FieldCipher {
  constructor(private readonly keyring: Keyring) {}

  /**
   * Encrypts `plaintext` for the field named by `context` (e.g. `'petitioner.idNumber'`).
   * Every call draws a fresh random IV, so equal plaintexts give different results; use a
   * {@link BlindIndex} to look values up.
   */
  encrypt(plaintext: string, context: string): EncryptedField {
    requireContext(context);
    const kid = this.keyring.activeKeyId;
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv(ALGORITHM, this.keyring.activeKey(), iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(additionalData(kid, context));
    const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return {
      kid,
      iv: iv.toString('base64'),
      ct: ct.toString('base64'),
      tag: cipher.getAuthTag().toString('base64'),
    };
  }

  /**
   * Decrypts a value written by {@link FieldCipher.encrypt} under the same `context`.
   *
   * @throws DecryptionError when the field is malformed, its key is not in the keyring, or it
   *   fails authentication (tampered, or read under another context).
   */
  decrypt(field: EncryptedField, context: string): string {
    requireContext(context);
    if (!isEncryptedField(field)) {
      throw new DecryptionError(
        'PRIVACY.MALFORMED_FIELD',
        `Cannot decrypt ${context}: not an encrypted field`,
      );
    }
    const key = this.keyring.encryptionKey(field.kid);
    if (!key) {
      const kid = KEY_ID_PATTERN.test(field.kid) ? `"${field.kid}"` : '(malformed id)';
      throw new DecryptionError(
        'PRIVACY.UNKNOWN_KEY',
        `Cannot decrypt ${context}: key ${kid} is not in the keyring`,
      );
    }
    const iv = decodeBase64(field.iv, context, 'iv');
    const tag = decodeBase64(field.tag, context, 'tag');
    const ct = decodeBase64(field.ct, context, 'ct');
    if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) {
      throw new DecryptionError(
        'PRIVACY.MALFORMED_FIELD',
        `Cannot decrypt ${context}: iv or tag has the wrong length`,
      );
    }
    const decipher = createDecipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(additionalData(field.kid, context));
    decipher.setAuthTag(tag);
    try {
      return Buffer.concat([decipher.update(ct), decipher.final()]).toString('utf8');
    } catch {
      // GCM does not say which part was wrong, and the caller must not learn partial plaintext.
      throw new DecryptionError(
        'PRIVACY.AUTHENTICATION_FAILED',
        `Cannot decrypt ${context}: authentication failed (altered value, or stored under another field)`,
      );
    }
  }

  /** Whether `field` was encrypted under a key other than the active one. */
  needsRotation(field: EncryptedField): boolean {
    return field.kid !== this.keyring.activeKeyId;
  }

  /**
   * Decrypts `field` with its own key and encrypts the plaintext again under the active key
   * (with a fresh IV). Background re-encryption calls it for fields where
   * {@link FieldCipher.needsRotation} is true.
   *
   * @throws DecryptionError as {@link FieldCipher.decrypt}.
   */
  reencrypt(field: EncryptedField, context: string): EncryptedField {
    return this.encrypt(this.decrypt(field, context), context);
  }
}
