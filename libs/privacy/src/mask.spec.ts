import { phoneLast4 } from './chinese-phone';
import { maskAddress, maskIdNumber, maskName, maskPhone } from './mask';

/** How many characters a mask shows (everything that is not `*`). */
function shown(masked: string): number {
  return Array.from(masked).filter((char) => char !== '*').length;
}

describe('maskIdNumber', () => {
  it('shows the first 6 and the last 4 characters', () => {
    expect(maskIdNumber('110101199003074514')).toBe('110101********4514');
    expect(maskIdNumber(' 11010519491231002X ')).toBe('110105********002X');
  });

  it.each([
    ['', ''],
    ['1', '*'],
    ['1234', '1**4'],
    ['12345678', '12****78'],
    ['110101900307451', '1101********451'],
  ])('masks the short input %j as %j', (value, masked) => {
    expect(maskIdNumber(value)).toBe(masked);
  });
});

describe('maskPhone', () => {
  it('shows the first 3 and the last 2 digits of a mobile, never the last 4 (the look-up second factor)', () => {
    expect(maskPhone('13800138000')).toBe('138******00');
    expect(maskPhone('+86 138-0013-8000')).toBe('138******00');
    expect(maskPhone('０086 １３８ ００１３ ８０００')).toBe('138******00');
  });

  it('shows the area code and the last 2 digits of a landline’s subscriber number', () => {
    expect(maskPhone('0431-87654321')).toBe('0431-******21');
    expect(maskPhone('0431-8765432')).toBe('0431-*****32');
    expect(maskPhone('010-12345678')).toBe('010-******78');
  });

  it('hides an extension entirely', () => {
    expect(maskPhone('0431-87654321-123')).toBe('0431-******21-***');
    expect(maskPhone('0431-87654321-9')).toBe('0431-******21-*');
  });

  it.each([
    ['(0431)87654321', '0431-******21'],
    ['0431 8765 4321', '0431-******21'],
    ['043187654321', '0431-******21'],
    ['+86 431 8765 4321', '0431-******21'],
    ['０４３１－８７６５４３２１', '0431-******21'],
    ['0431-87654321转123', '0431-******21-***'],
    ['0431-87654321 ext. 123', '0431-******21-***'],
    ['0431-87654321#123', '0431-******21-***'],
    ['87654321', '******21'],
    ['8765-4321转12', '******21-**'],
  ])('masks %j like its canonical form: %j', (value, masked) => {
    expect(maskPhone(value)).toBe(masked);
  });

  it.each(['13800138000', '0431-87654321', '0431-87654321-4321', '87654321', '+86 138 0013 8000'])(
    'never shows the last 4 digits of the subscriber number of %j',
    (value) => {
      const masked = maskPhone(value);
      expect(masked.replace(/\D/g, '')).not.toContain(phoneLast4(value));
      expect(masked).toMatch(/\*\*\d\d(-\*+)?$/);
    },
  );

  it.each([
    ['', ''],
    ['12', '1*'],
    ['123', '1**'],
    ['1234567', '12****7'],
    ['0431-876543', '043*****43'],
  ])('masks the short or odd input %j as %j', (value, masked) => {
    expect(maskPhone(value)).toBe(masked);
  });
});

describe('maskName', () => {
  it.each([
    ['王小明', '王**'],
    ['欧阳娜娜', '欧***'],
    ['王明', '王*'],
    [' 王 小明 ', '王**'],
    ['王', '*'],
    ['John Smith', 'J***'],
    ['Li', 'L***'],
    ['J', '***'],
    ['', ''],
    ['   ', ''],
  ])('masks %j as %j', (value, masked) => {
    expect(maskName(value)).toBe(masked);
  });
});

describe('maskAddress', () => {
  it.each([
    ['吉林省长春市绿园区合心镇幸福村3组', '吉林省长春市****'],
    ['长春市绿园区', '长春市****'],
    ['长春', '长****'],
    ['村', '****'],
    ['', ''],
  ])('masks %j as %j', (value, masked) => {
    expect(maskAddress(value)).toBe(masked);
  });
});

describe('every mask', () => {
  const masks = { maskIdNumber, maskPhone, maskName, maskAddress };
  // Below the usual length of each kind of value, a mask must not show more than half.
  const usualLength = { maskIdNumber: 18, maskPhone: 11, maskName: 3, maskAddress: 100 };

  const names = Object.keys(masks) as Array<keyof typeof masks>;

  it.each(names)('%s never shows more than half of a short value', (name) => {
    for (let length = 0; length < usualLength[name]; length += 1) {
      const value = '1234567890'.repeat(10).slice(0, length);
      expect(shown(masks[name](value))).toBeLessThanOrEqual(Math.floor(length / 2));
    }
  });

  it.each(names)('%s returns an empty string for null and undefined', (name) => {
    expect(masks[name](null)).toBe('');
    expect(masks[name](undefined)).toBe('');
  });
});
