import { keyringConfig, testKey } from '../test/keyring-config.builder';
import { DecryptionError, EncryptedField, FieldCipher, isEncryptedField } from './field-cipher';
import { parseKeyring } from './keyring';

const CONTEXT = 'petitioner.idNumber';
const ID_NUMBER = '11010519491231002X';

function cipher(overrides: Parameters<typeof keyringConfig>[0] = {}): FieldCipher {
  return new FieldCipher(parseKeyring(keyringConfig(overrides)));
}

/** Flips the lowest bit of the first byte of a base64 part. */
function flipFirstBit(part: string): string {
  const bytes = Buffer.from(part, 'base64');
  bytes[0] ^= 1;
  return bytes.toString('base64');
}

function decryptionError(decrypt: () => unknown): DecryptionError {
  try {
    decrypt();
  } catch (error) {
    expect(error).toBeInstanceOf(DecryptionError);
    return error as DecryptionError;
  }
  throw new Error('expected a DecryptionError');
}

describe('FieldCipher', () => {
  it.each([ID_NUMBER, '王小明', '吉林省长春市绿园区合心镇幸福村3组', '', '😀 emoji'])('round-trips %j', (plaintext) => {
    const fields = cipher();

    expect(fields.decrypt(fields.encrypt(plaintext, CONTEXT), CONTEXT)).toBe(plaintext);
  });

  it('produces a plain object of base64 strings that survives a JSON round trip', () => {
    const fields = cipher();

    const field = fields.encrypt(ID_NUMBER, CONTEXT);
    const stored = JSON.parse(JSON.stringify(field)) as EncryptedField;

    expect(Object.keys(field).sort()).toEqual(['ct', 'iv', 'kid', 'tag']);
    expect(Object.getPrototypeOf(field)).toBe(Object.prototype);
    expect(field.kid).toBe('k1');
    expect(Buffer.from(field.iv, 'base64')).toHaveLength(12);
    expect(Buffer.from(field.tag, 'base64')).toHaveLength(16);
    expect(isEncryptedField(stored)).toBe(true);
    expect(fields.decrypt(stored, CONTEXT)).toBe(ID_NUMBER);
  });

  it('uses a fresh IV for every encryption of the same value', () => {
    const fields = cipher();

    const results = Array.from({ length: 20 }, () => fields.encrypt(ID_NUMBER, CONTEXT));

    expect(new Set(results.map((field) => field.iv)).size).toBe(20);
    expect(new Set(results.map((field) => field.ct)).size).toBe(20);
  });

  describe('refuses altered or misplaced values', () => {
    const fields = cipher();
    const field = fields.encrypt(ID_NUMBER, CONTEXT);

    it.each<[string, EncryptedField]>([
      ['ciphertext', { ...field, ct: flipFirstBit(field.ct) }],
      ['tag', { ...field, tag: flipFirstBit(field.tag) }],
      ['iv', { ...field, iv: flipFirstBit(field.iv) }],
      ['key id (another key of the keyring)', { ...field, kid: 'k2' }],
    ])('altered %s', (_part, altered) => {
      const error = decryptionError(() => fields.decrypt(altered, CONTEXT));

      expect(error.code).toBe('PRIVACY.AUTHENTICATION_FAILED');
      expect(error.message).toContain(CONTEXT);
      expect(error.message).not.toContain(ID_NUMBER);
    });

    it('read under another context', () => {
      const error = decryptionError(() => fields.decrypt(field, 'petitioner.phone'));

      expect(error.code).toBe('PRIVACY.AUTHENTICATION_FAILED');
    });

    it('an unknown key id', () => {
      const error = decryptionError(() => fields.decrypt({ ...field, kid: 'k9' }, CONTEXT));

      expect(error.code).toBe('PRIVACY.UNKNOWN_KEY');
      expect(error.message).toBe(`Cannot decrypt ${CONTEXT}: key "k9" is not in the keyring`);
    });

    it.each<[string, unknown]>([
      ['a truncated tag', { ...field, tag: field.tag.slice(0, 16) }],
      ['a short iv', { ...field, iv: Buffer.alloc(8).toString('base64') }],
      ['a ciphertext that is not base64', { ...field, ct: '%%%' }],
      ['a missing part', { kid: field.kid, iv: field.iv, ct: field.ct }],
      ['a plain string', ID_NUMBER],
      ['null', null],
    ])('%s', (_name, malformed) => {
      const error = decryptionError(() => fields.decrypt(malformed as EncryptedField, CONTEXT));

      expect(error.code).toBe('PRIVACY.MALFORMED_FIELD');
      expect(error.message).not.toContain(ID_NUMBER);
    });
  });

  it('requires a context', () => {
    const fields = cipher();

    expect(() => fields.encrypt(ID_NUMBER, '')).toThrow(TypeError);
    expect(() => fields.decrypt(fields.encrypt(ID_NUMBER, CONTEXT), '')).toThrow(TypeError);
  });

  describe('key rotation', () => {
    const before = cipher({ keys: `k1:${testKey(1)}`, activeKeyId: 'k1' });
    const after = cipher({ keys: `k1:${testKey(1)},k2:${testKey(2)}`, activeKeyId: 'k2' });
    const retired = cipher({ keys: `k2:${testKey(2)}`, activeKeyId: 'k2' });
    const old = before.encrypt(ID_NUMBER, CONTEXT);

    it('still decrypts values written under the previous key', () => {
      expect(after.decrypt(old, CONTEXT)).toBe(ID_NUMBER);
      expect(after.needsRotation(old)).toBe(true);
      expect(before.needsRotation(old)).toBe(false);
    });

    it('re-encrypts under the active key', () => {
      const fresh = after.reencrypt(old, CONTEXT);

      expect(fresh.kid).toBe('k2');
      expect(after.needsRotation(fresh)).toBe(false);
      expect(after.decrypt(fresh, CONTEXT)).toBe(ID_NUMBER);
      expect(retired.decrypt(fresh, CONTEXT)).toBe(ID_NUMBER);
    });

    it('cannot decrypt once the old key is removed', () => {
      expect(decryptionError(() => retired.decrypt(old, CONTEXT)).code).toBe('PRIVACY.UNKNOWN_KEY');
    });

    it('refuses to re-encrypt a value under another context', () => {
      const error = decryptionError(() => after.reencrypt(old, 'petitioner.phone'));

      expect(error.code).toBe('PRIVACY.AUTHENTICATION_FAILED');
    });

    it('gives a field already under the active key a fresh IV', () => {
      const current = after.encrypt(ID_NUMBER, CONTEXT);

      const again = after.reencrypt(current, CONTEXT);

      expect(again.kid).toBe('k2');
      expect(again.iv).not.toBe(current.iv);
      expect(after.decrypt(again, CONTEXT)).toBe(ID_NUMBER);
    });
  });
});
