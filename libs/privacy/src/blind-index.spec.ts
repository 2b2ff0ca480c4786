import { createHmac } from 'node:crypto';
import { keyringConfig, testKey } from '../test/keyring-config.builder';
import { BlindIndex, BlindIndexKind } from './blind-index';
import { parseKeyring } from './keyring';

function blindIndex(overrides: Parameters<typeof keyringConfig>[0] = {}): BlindIndex {
  return new BlindIndex(parseKeyring(keyringConfig(overrides)));
}

/** The distinct indexes of `values` as `kind`. */
function distinct(index: BlindIndex, kind: BlindIndexKind, values: string[]): Set<string> {
  return new Set(values.map((value) => index.compute(value, kind)));
}

describe('BlindIndex', () => {
  const index = blindIndex();

  it('is a deterministic 43-character base64url string', () => {
    const value = index.compute('11010519491231002X', 'idNumber');

    expect(value).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(index.compute('11010519491231002X', 'idNumber')).toBe(value);
  });

  it('ignores the formatting of ID numbers', () => {
    const variants = [
      '11010519491231002X',
      ' 11010519491231002x ',
      '110105 19491231 002X',
      '１１０１０５１９４９１２３１００２Ｘ',
    ];

    expect(distinct(index, 'idNumber', variants).size).toBe(1);
  });

  it('ignores the formatting and country code of mobile numbers', () => {
    const variants = [
      '13800138000',
      '138 0013 8000',
      '138-0013-8000',
      '+86 138 0013 8000',
      '+8613800138000',
      '008613800138000',
      '8613800138000',
      '(+86) 138-0013-8000',
      '１３８００１３８０００',
    ];

    expect(distinct(index, 'phone', variants).size).toBe(1);
  });

  it('matches a landline written nationally and internationally', () => {
    const variants = [
      '0431-87654321',
      '043187654321',
      '+86 431 8765 4321',
      '0086-431-87654321',
      '+86 0431 87654321',
    ];

    expect(distinct(index, 'phone', variants).size).toBe(1);
  });

  it('gives one index to a landline however it is written, and to a local number in the default area code', () => {
    const variants = [
      '0431-87654321',
      '(0431)87654321',
      '（０４３１）８７６５４３２１',
      '0431 8765 4321',
      '0431-8765-4321',
      '87654321',
      '8765 4321',
    ];

    expect(distinct(index, 'phone', variants).size).toBe(1);
  });

  it('gives one index to an extension however it is written, different from the number without it', () => {
    const variants = [
      '0431-87654321-123',
      '0431-87654321转123',
      '0431-87654321 ext. 123',
      '0431-87654321#123',
      '87654321分机123',
    ];

    expect(distinct(index, 'phone', variants).size).toBe(1);
    expect(index.compute('0431-87654321-123', 'phone')).not.toBe(index.compute('0431-87654321', 'phone'));
    // Digits alone would make 0431-8765432 extension 1 the number 0431-87654321.
    expect(index.compute('0431-8765432-1', 'phone')).not.toBe(index.compute('0431-87654321', 'phone'));
  });

  it('puts a local number in the area code it is given', () => {
    const jilin = new BlindIndex(parseKeyring(keyringConfig()), { defaultAreaCode: '0432' });

    expect(jilin.compute('87654321', 'phone')).toBe(index.compute('0432-87654321', 'phone'));
    expect(jilin.compute('87654321', 'phone')).not.toBe(index.compute('87654321', 'phone'));
    expect(() => new BlindIndex(parseKeyring(keyringConfig()), { defaultAreaCode: '432' })).toThrow(RangeError);
  });

  it('keeps the indexes made before numbers were normalised: mobiles and landlines hash their digits', () => {
    const hmac = (text: string) => createHmac('sha256', Buffer.from(testKey(9), 'base64')).update(text).digest('base64url');

    expect(index.compute('138-0013-8000', 'phone')).toBe(hmac('phone:13800138000'));
    expect(index.compute('0431-87654321', 'phone')).toBe(hmac('phone:043187654321'));
    expect(index.compute('(0431)8765-4321', 'phone')).toBe(hmac('phone:043187654321'));
    expect(index.compute('0431-87654321转123', 'phone')).toBe(hmac('phone:0431-87654321-123'));
  });

  it('keeps a short local number that starts with 86 as it is', () => {
    expect(index.compute('8612-3456', 'phone')).toBe(index.compute('86123456', 'phone'));
    expect(index.compute('86123456', 'phone')).not.toBe(index.compute('0123456', 'phone'));
  });

  it('ignores surrounding and inner whitespace in names', () => {
    expect(distinct(index, 'name', ['王小明', ' 王小明 ', '王 小明', '王\u3000小明', '王\t小 明']).size).toBe(1);
    expect(distinct(index, 'name', ['John Smith', 'JohnSmith']).size).toBe(1);
  });

  it('tells different values apart', () => {
    expect(distinct(index, 'phone', ['13800138000', '13800138001', '043187654321']).size).toBe(3);
    expect(distinct(index, 'name', ['王小明', '王小红']).size).toBe(2);
  });

  it('never gives the same index for the same text as different kinds', () => {
    const kinds: BlindIndexKind[] = ['idNumber', 'phone', 'name'];

    expect(new Set(kinds.map((kind) => index.compute('13800138000', kind))).size).toBe(3);
  });

  it('depends on the index key, and only on it', () => {
    const otherIndexKey = blindIndex({ indexKey: testKey(8) });
    const rotatedEncryptionKeys = blindIndex({ keys: `k3:${testKey(3)}`, activeKeyId: 'k3' });

    expect(otherIndexKey.compute('13800138000', 'phone')).not.toBe(index.compute('13800138000', 'phone'));
    expect(rotatedEncryptionKeys.compute('13800138000', 'phone')).toBe(index.compute('13800138000', 'phone'));
  });

  it.each<[string, BlindIndexKind]>([
    ['', 'idNumber'],
    ['   ', 'name'],
    ['+-', 'phone'],
  ])('refuses to index the empty value %j as %s', (value, kind) => {
    expect(() => index.compute(value, kind)).toThrow(RangeError);
  });
});
