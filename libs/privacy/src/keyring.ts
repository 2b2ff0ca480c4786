import { createSecretKey, KeyObject, randomBytes, timingSafeEqual } from 'node:crypto';

/** Every key (encryption and index) is 32 bytes: AES-256 and HMAC-SHA256 both want 256 bits. */
export const KEY_BYTES = 32;

/** Allowed key ids. They are stored next to every ciphertext, so keep them short and plain. */
export const KEY_ID_PATTERN = /^[a-z0-9-]{1,32}$/;

/** Environment variables that {@link keyringFromEnv} reads. */
export const PII_ENV = {
  keys: 'PII_KEYS',
  activeKeyId: 'PII_ACTIVE_KEY_ID',
  indexKey: 'PII_INDEX_KEY',
} as const;

/** The keyring as it arrives from configuration: three strings. */
export interface KeyringConfig {
  /** Comma-separated `<key id>:<base64 of 32 bytes>` entries, e.g. `k2026a:...,k2025b:...`. */
  keys: string;
  /** Id of the key that encrypts new values; must be one of `keys`. */
  activeKeyId: string;
  /** Base64 of 32 bytes; the HMAC key for blind indexes. Must differ from every encryption key. */
  indexKey: string;
}

/**
 * Thrown when keyring configuration is missing or malformed. The message names the bad part
 * (and the key id when that id is well-formed) but never contains key material.
 */
export class KeyringError extends Error {
  readonly code = 'PRIVACY.KEYRING_INVALID';

  constructor(message: string) {
    super(message);
    this.name = 'KeyringError';
  }
}

/** Names used in error messages; the defaults are the {@link KeyringConfig} property names. */
type Labels = Record<keyof KeyringConfig, string>;

const CONFIG_LABELS: Labels = { keys: 'keys', activeKeyId: 'activeKeyId', indexKey: 'indexKey' };

// Buffer.from(_, 'base64') silently skips invalid characters, so a typo could still yield
// 32 bytes of the wrong key; insist on canonical, padded base64 instead.
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

function decodeKey(encoded: string, what: string): Buffer {
  if (!encoded) throw new KeyringError(`${what} is empty`);
  if (!BASE64.test(encoded)) throw new KeyringError(`${what} is not valid base64`);
  const bytes = Buffer.from(encoded, 'base64');
  if (bytes.length !== KEY_BYTES) {
    throw new KeyringError(`${what} must decode to ${KEY_BYTES} bytes (got ${bytes.length})`);
  }
  return bytes;
}

/** A key id is safe to print only when it is well-formed; anything else may be pasted key material. */
function describeId(id: string): string {
  return KEY_ID_PATTERN.test(id) ? `"${id}"` : '(malformed id)';
}

/**
 * Encryption keys by id, the active key id and the blind-index key, validated.
 *
 * Keys are held as `KeyObject`s in private fields, so logging or serialising a keyring
 * never prints key material. Build one with {@link parseKeyring} or {@link keyringFromEnv}.
 */
export class Keyring {
  readonly #keys: ReadonlyMap<string, KeyObject>;
  readonly #indexKey: KeyObject;

  /** Id of the key that encrypts new values. */
  readonly activeKeyId: string;

  /**
   * Prefer {@link parseKeyring} or {@link keyringFromEnv}; this constructor is for callers that
   * already hold `KeyObject`s (e.g. from a KMS) and re-checks what applies to them.
   *
   * @throws KeyringError on a malformed id, a key that is not 32 bytes, an unknown active id or
   *   an index key equal to an encryption key.
   */
  constructor(keys: ReadonlyMap<string, KeyObject>, activeKeyId: string, indexKey: KeyObject) {
    if (indexKey.type !== 'secret' || indexKey.symmetricKeySize !== KEY_BYTES) {
      throw new KeyringError(`the index key must be a ${KEY_BYTES}-byte secret key`);
    }
    for (const [id, key] of keys) {
      if (!KEY_ID_PATTERN.test(id)) throw new KeyringError(`key id ${describeId(id)} is malformed`);
      if (key.type !== 'secret' || key.symmetricKeySize !== KEY_BYTES) {
        throw new KeyringError(`key "${id}" must be a ${KEY_BYTES}-byte secret key`);
      }
      // Key separation: whoever holds the index key (e.g. a lookup job) must not be able to decrypt.
      if (key.equals(indexKey)) {
        throw new KeyringError(`the index key must differ from every encryption key (equals key "${id}")`);
      }
    }
    if (!keys.has(activeKeyId)) {
      throw new KeyringError(`active key id ${describeId(activeKeyId)} is not in the keyring`);
    }
    this.#keys = new Map(keys);
    this.activeKeyId = activeKeyId;
    this.#indexKey = indexKey;
  }

  /** Ids of all encryption keys, active one included (order of configuration). */
  get keyIds(): string[] {
    return [...this.#keys.keys()];
  }

  /** Whether values encrypted under `kid` can be decrypted. */
  hasKey(kid: string): boolean {
    return this.#keys.has(kid);
  }

  /** The encryption key for `kid`, or `undefined` when this keyring does not hold it. */
  encryptionKey(kid: string): KeyObject | undefined {
    return this.#keys.get(kid);
  }

  /** The key that encrypts new values. */
  activeKey(): KeyObject {
    // The constructor guarantees the active id is present.
    return this.#keys.get(this.activeKeyId) as KeyObject;
  }

  /** The HMAC key for blind indexes. */
  indexKey(): KeyObject {
    return this.#indexKey;
  }

  /** Keeps key material out of JSON (e.g. a config object dumped into a log). */
  toJSON(): { activeKeyId: string; keyIds: string[] } {
    return { activeKeyId: this.activeKeyId, keyIds: this.keyIds };
  }
}

function parse(config: KeyringConfig, labels: Labels): Keyring {
  const entries = (config.keys ?? '').split(',').map((entry) => entry.trim());
  if (entries.length === 1 && entries[0] === '') throw new KeyringError(`${labels.keys} is empty`);

  const raw = new Map<string, Buffer>();
  entries.forEach((entry, index) => {
    const where = `${labels.keys} entry #${index + 1}`;
    if (!entry) throw new KeyringError(`${where} is empty (stray comma?)`);
    const colon = entry.indexOf(':');
    // Do not echo the entry: without a colon it may be a bare key.
    if (colon < 0) throw new KeyringError(`${where} is not of the form <key id>:<base64 key>`);
    const id = entry.slice(0, colon).trim();
    if (!KEY_ID_PATTERN.test(id)) {
      throw new KeyringError(`${where} has a malformed key id (must match ${KEY_ID_PATTERN.source})`);
    }
    if (raw.has(id)) throw new KeyringError(`${labels.keys} lists key id "${id}" twice`);
    raw.set(id, decodeKey(entry.slice(colon + 1).trim(), `${labels.keys}: key "${id}"`));
  });

  const activeKeyId = (config.activeKeyId ?? '').trim();
  if (!activeKeyId) throw new KeyringError(`${labels.activeKeyId} is empty`);
  if (!raw.has(activeKeyId)) {
    throw new KeyringError(
      `${labels.activeKeyId} ${describeId(activeKeyId)} is not one of the ids in ${labels.keys}`,
    );
  }

  const index = decodeKey((config.indexKey ?? '').trim(), labels.indexKey);
  for (const [id, key] of raw) {
    // Checked here too (the constructor checks again) so the message names the setting.
    if (timingSafeEqual(key, index)) {
      throw new KeyringError(`${labels.indexKey} must differ from every encryption key (equals key "${id}")`);
    }
  }

  const keys = new Map<string, KeyObject>();
  for (const [id, key] of raw) keys.set(id, createSecretKey(key));
  return new Keyring(keys, activeKeyId, createSecretKey(index));
}

/**
 * Validates keyring configuration and builds a {@link Keyring}.
 *
 * @throws KeyringError naming the bad part: malformed entry or key id, duplicate id, key not
 *   32 bytes of canonical base64, unknown active id, bad index key, or an index key equal to an
 *   encryption key.
 */
export function parseKeyring(config: KeyringConfig): Keyring {
  return parse(config, CONFIG_LABELS);
}

/**
 * {@link parseKeyring} from `PII_KEYS`, `PII_ACTIVE_KEY_ID` and `PII_INDEX_KEY`; error messages
 * name the variable, so start-up failures point at the right setting.
 */
export function keyringFromEnv(env: Record<string, string | undefined> = process.env): Keyring {
  return parse(
    {
      keys: env[PII_ENV.keys] ?? '',
      activeKeyId: env[PII_ENV.activeKeyId] ?? '',
      indexKey: env[PII_ENV.indexKey] ?? '',
    },
    PII_ENV,
  );
}

/** A new random key in the keyring's format (base64 of 32 bytes), for docs and tooling. */
export function generateKey(): string {
  return randomBytes(KEY_BYTES).toString('base64');
}
