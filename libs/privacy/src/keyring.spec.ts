import { createSecretKey } from 'node:crypto';
import { inspect } from 'node:util';
import { keyringConfig, testKey } from '../test/keyring-config.builder';
import { generateKey, Keyring, KeyringConfig, KeyringError, keyringFromEnv, parseKeyring } from './keyring';

/** Runs `parse` and returns its KeyringError, failing the test if there is none. */
function keyringError(parse: () => unknown): KeyringError {
  try {
    parse();
  } catch (error) {
    expect(error).toBeInstanceOf(KeyringError);
    return error as KeyringError;
  }
  throw new Error('expected a KeyringError');
}

/** Asserts that no key material (nor a recognisable part of it) appears in `text`. */
function expectNoKeyMaterial(text: string, config: KeyringConfig): void {
  const keys = config.keys.split(',').map((entry) => entry.slice(entry.indexOf(':') + 1));
  const secrets = [config.indexKey, ...keys];
  for (const secret of secrets.map((s) => s.trim()).filter((s) => s.length >= 8)) {
    expect(text).not.toContain(secret.slice(0, 8));
  }
}

describe('parseKeyring', () => {
  it('builds a keyring from valid configuration', () => {
    const keyring = parseKeyring(keyringConfig({ keys: ` k1:${testKey(1)} , k2:${testKey(2)} ` }));

    expect(keyring.activeKeyId).toBe('k1');
    expect(keyring.keyIds).toEqual(['k1', 'k2']);
    expect(keyring.hasKey('k2')).toBe(true);
    expect(keyring.hasKey('k3')).toBe(false);
    expect(keyring.activeKey().symmetricKeySize).toBe(32);
    expect(keyring.indexKey().symmetricKeySize).toBe(32);
  });

  const short = Buffer.alloc(16, 3).toString('base64');
  const unpadded = testKey(3).replace(/=+$/, '');
  const cases: Array<[string, Partial<KeyringConfig>, RegExp]> = [
    ['no keys', { keys: '' }, /^keys is empty$/],
    ['a stray comma', { keys: `k1:${testKey(1)},` }, /keys entry #2 is empty/],
    [
      'an entry without an id',
      { keys: `k1:${testKey(1)},${testKey(3)}` },
      /keys entry #2 is not of the form <key id>:<base64 key>/,
    ],
    ['an upper-case key id', { keys: `K1:${testKey(1)}`, activeKeyId: 'K1' }, /#1 has a malformed key id/],
    ['a key id longer than 32', { keys: `${'a'.repeat(33)}:${testKey(1)}` }, /malformed key id/],
    ['a duplicate key id', { keys: `k1:${testKey(1)},k1:${testKey(3)}` }, /lists key id "k1" twice/],
    ['a 16-byte key', { keys: `k1:${short}` }, /key "k1" must decode to 32 bytes \(got 16\)/],
    ['a key that is not base64', { keys: `k1:${testKey(1).replace('A', '!')}` }, /"k1" is not valid base64/],
    ['a key without base64 padding', { keys: `k1:${unpadded}` }, /key "k1" is not valid base64/],
    ['an empty key', { keys: 'k1:' }, /key "k1" is empty/],
    ['no active key id', { activeKeyId: ' ' }, /^activeKeyId is empty$/],
    ['an unknown active key id', { activeKeyId: 'k3' }, /activeKeyId "k3" is not one of the ids in keys/],
    ['key material as active key id', { activeKeyId: testKey(1) }, /activeKeyId \(malformed id\) is not/],
    ['no index key', { indexKey: '' }, /^indexKey is empty$/],
    ['a short index key', { indexKey: short }, /indexKey must decode to 32 bytes \(got 16\)/],
    [
      'an index key equal to an encryption key',
      { indexKey: testKey(2) },
      /indexKey must differ from every encryption key \(equals key "k2"\)/,
    ],
  ];

  it.each(cases)('rejects %s, naming the part and not the key material', (_name, overrides, message) => {
    const config = keyringConfig(overrides);

    const error = keyringError(() => parseKeyring(config));

    expect(error.message).toMatch(message);
    expect(error.code).toBe('PRIVACY.KEYRING_INVALID');
    expectNoKeyMaterial(error.message, config);
  });

  it('keeps key material out of logs and JSON', () => {
    const config = keyringConfig();
    const keyring = parseKeyring(config);

    expectNoKeyMaterial(inspect(keyring, { depth: 5, showHidden: true }), config);
    expect(JSON.parse(JSON.stringify(keyring))).toEqual({ activeKeyId: 'k1', keyIds: ['k1', 'k2'] });
  });
});

describe('Keyring constructor', () => {
  const k1 = createSecretKey(Buffer.alloc(32, 1));
  const index = createSecretKey(Buffer.alloc(32, 9));
  const short = createSecretKey(Buffer.alloc(16, 2));

  it('accepts valid KeyObjects', () => {
    expect(new Keyring(new Map([['k1', k1]]), 'k1', index).keyIds).toEqual(['k1']);
  });

  it.each([
    ['an index key equal to an encryption key', new Map([['k1', k1]]), 'k1', k1, /index key must differ/],
    ['a short encryption key', new Map([['k1', short]]), 'k1', index, /"k1" must be a 32-byte secret key/],
    ['a short index key', new Map([['k1', k1]]), 'k1', short, /index key must be a 32-byte secret key/],
    ['an unknown active id', new Map([['k1', k1]]), 'k2', index, /active key id "k2" is not in/],
    ['a malformed id', new Map([['K1', k1]]), 'K1', index, /key id \(malformed id\) is malformed/],
  ])('re-checks %s', (_name, keys, activeKeyId, indexKey, message) => {
    expect(() => new Keyring(keys, activeKeyId, indexKey)).toThrow(message);
  });
});

describe('keyringFromEnv', () => {
  it('reads PII_KEYS, PII_ACTIVE_KEY_ID and PII_INDEX_KEY', () => {
    const config = keyringConfig();

    const env = { PII_KEYS: config.keys, PII_ACTIVE_KEY_ID: 'k2', PII_INDEX_KEY: config.indexKey };

    const keyring = keyringFromEnv(env);

    expect(keyring.activeKeyId).toBe('k2');
  });

  it('names the environment variable in errors', () => {
    const config = keyringConfig();

    const keysOnly = { PII_KEYS: config.keys };
    const noIndexKey = { ...keysOnly, PII_ACTIVE_KEY_ID: 'k1' };

    expect(keyringError(() => keyringFromEnv({})).message).toBe('PII_KEYS is empty');
    expect(keyringError(() => keyringFromEnv(keysOnly)).message).toBe('PII_ACTIVE_KEY_ID is empty');
    expect(keyringError(() => keyringFromEnv(noIndexKey)).message).toBe('PII_INDEX_KEY is empty');
    expect(keyringError(() => keyringFromEnv({ ...noIndexKey, PII_INDEX_KEY: testKey(1) })).message).toMatch(
      /^PII_INDEX_KEY must differ/,
    );
  });
});

describe('generateKey', () => {
  it('returns base64 of 32 random bytes that a keyring accepts', () => {
    const a = generateKey();
    const b = generateKey();

    expect(Buffer.from(a, 'base64')).toHaveLength(32);
    expect(a).not.toBe(b);
    expect(parseKeyring({ keys: `k1:${a}`, activeKeyId: 'k1', indexKey: b }).keyIds).toEqual(['k1']);
  });
});
