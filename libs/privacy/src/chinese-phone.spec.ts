import { validateSync } from 'class-validator';
import { IsChinesePhone, isChinesePhone, isValidMobile, normalizePhone, phoneLast4 } from './chinese-phone';

/** Each way clerks and petitioners write a phone, with the one canonical form it stands for. */
const WRITTEN: Array<[written: string, canonical: string]> = [
  // mobiles
  ['13800138000', '13800138000'],
  ['19912345678', '19912345678'],
  ['138 0013 8000', '13800138000'],
  ['138-0013-8000', '13800138000'],
  ['+86 138 0013 8000', '13800138000'],
  ['+8613800138000', '13800138000'],
  ['+86-138-0013-8000', '13800138000'],
  ['(+86) 138-0013-8000', '13800138000'],
  ['0086-13800138000', '13800138000'],
  ['008613800138000', '13800138000'],
  ['8613800138000', '13800138000'],
  [' 13800138000 ', '13800138000'],
  ['１３８００１３８０００', '13800138000'],
  ['１３８　００１３　８０００', '13800138000'], // ideographic spaces
  ['１３８－００１３－８０００', '13800138000'], // full-width hyphen-minus
  ['＋８６　１３８　００１３　８０００', '13800138000'],
  ['138—0013—8000', '13800138000'], // em dash from an input method
  // landlines with area code
  ['0431-87654321', '0431-87654321'],
  ['0431-8765432', '0431-8765432'],
  ['043187654321', '0431-87654321'],
  ['(0431)87654321', '0431-87654321'],
  ['(0431) 8765-4321', '0431-87654321'],
  ['（０４３１）８７６５４３２１', '0431-87654321'],
  ['０４３１－８７６５４３２１', '0431-87654321'],
  ['0431 8765 4321', '0431-87654321'],
  ['0431-8765-4321', '0431-87654321'],
  ['010-12345678', '010-12345678'],
  ['01012345678', '010-12345678'],
  ['010 12345678', '010-12345678'],
  ['021-62345678', '021-62345678'],
  ['+86 431 8765 4321', '0431-87654321'],
  ['+86 10 6234 5678', '010-62345678'],
  ['0086-431-87654321', '0431-87654321'],
  ['+86 0431 87654321', '0431-87654321'],
  ['+86 (0)431 87654321', '0431-87654321'],
  // local numbers, in the default area code
  ['87654321', '0431-87654321'],
  ['8765 4321', '0431-87654321'],
  ['8765-4321', '0431-87654321'],
  ['8765432', '0431-8765432'],
  ['８７６５４３２１', '0431-87654321'],
  // extensions
  ['0431-87654321-123', '0431-87654321-123'],
  ['0431-87654321转123', '0431-87654321-123'],
  ['0431-87654321 转 123', '0431-87654321-123'],
  ['0431-87654321分机123', '0431-87654321-123'],
  ['0431-87654321 ext. 123', '0431-87654321-123'],
  ['0431-87654321 EXT 123', '0431-87654321-123'],
  ['0431-87654321ext.123', '0431-87654321-123'],
  ['0431-87654321#123', '0431-87654321-123'],
  ['0431-87654321 #123', '0431-87654321-123'],
  ['(0431)87654321#1', '0431-87654321-1'],
  ['0431 8765 4321 123456', '0431-87654321-123456'],
  ['０４３１－８７６５４３２１＃１２３', '0431-87654321-123'],
  ['87654321转8', '0431-87654321-8'],
  ['010-12345678-9', '010-12345678-9'],
];

/** Not phone numbers, with why. */
const JUNK: Array<[value: string, why: string]> = [
  ['', 'empty'],
  ['   ', 'blank'],
  ['phone', 'letters'],
  ['138abc00138', 'letters among digits'],
  ['1380013800a', 'a trailing letter'],
  ['138.0013.8000', 'dots as separators'],
  ['1380013800', 'a mobile one digit short'],
  ['138001380001', 'a mobile one digit long'],
  ['12800138000', 'an 11-digit number starting 12'],
  ['10012345678', 'an 11-digit number starting 10'],
  ['11012345678', 'an 11-digit number starting 11'],
  ['+8712800138000', 'another country code'],
  ['+8713800138000', 'another country code before a mobile'],
  ['+86 128 0013 8000', 'a mobile not starting 13-19 after +86'],
  ['13800138000-123', 'a mobile with an extension'],
  ['13800138000转1', 'a mobile with a marked extension'],
  ['0431-876543', 'a 6-digit number after the area code'],
  ['0431-876543210', 'a 9-digit number after the area code'],
  ['043187654', 'too short run together'],
  ['0431876543210', 'too long run together'],
  ['0031-87654321', 'the international prefix as area code'],
  ['0111-87654321', 'an unassigned area code'],
  ['043-18765432', 'an area code split inside'],
  ['431-87654321', 'an area code without trunk 0'],
  ['0431-07654321', 'a number starting with 0'],
  ['0431-(87654321)', 'brackets around the number'],
  ['(0431 87654321', 'an unclosed bracket'],
  ['0431)87654321', 'a stray bracket'],
  ['1234567', 'a local number starting with 1'],
  ['07654321', 'a local number starting with 0'],
  ['876543', 'a 6-digit local number'],
  ['876543210', 'a 9-digit local number'],
  ['#123', 'a bare extension'],
  ['转123', 'a bare marked extension'],
  ['ext. 123', 'a bare ext.'],
  ['0431-87654321转', 'a marker without extension'],
  ['0431-87654321转1234567', 'a 7-digit extension'],
  ['0431-87654321-1234567', 'a 7-digit extension after a dash'],
  ['0431-87654321转12a', 'letters in the extension'],
  ['0431-87654321-12-34', 'two extensions'],
  ['0431-87654321转12#34', 'two marked extensions'],
  ['0431-87654321-12转34', 'a dashed and a marked extension'],
  ['+', 'a plus sign'],
  ['+-', 'separators only'],
  ['1'.repeat(80), 'far too long'],
];

describe('normalizePhone', () => {
  it.each(WRITTEN)('reads %j as %j', (written, canonical) => {
    expect(normalizePhone(written)).toBe(canonical);
  });

  it.each(WRITTEN)('keeps the canonical form of %j as it is', (written) => {
    const canonical = normalizePhone(written)!;
    expect(normalizePhone(canonical)).toBe(canonical);
  });

  it.each(JUNK)('refuses %j (%s)', (value) => {
    expect(normalizePhone(value)).toBeNull();
  });

  it('gives one form to one number however it is written', () => {
    const mobiles = WRITTEN.filter(([, c]) => c === '13800138000').map(([w]) => normalizePhone(w));
    const landlines = WRITTEN.filter(([, c]) => c === '0431-87654321').map(([w]) => normalizePhone(w));
    const extensions = WRITTEN.filter(([, c]) => c === '0431-87654321-123').map(([w]) => normalizePhone(w));
    expect(new Set(mobiles).size).toBe(1);
    expect(landlines.length).toBeGreaterThan(10);
    expect(new Set(landlines).size).toBe(1);
    expect(new Set(extensions).size).toBe(1);
  });

  it('puts a local number in the given area code, and leaves written area codes alone', () => {
    expect(normalizePhone('87654321', { defaultAreaCode: '0432' })).toBe('0432-87654321');
    expect(normalizePhone('8765-4321转12', { defaultAreaCode: '010' })).toBe('010-87654321-12');
    expect(normalizePhone('0431-87654321', { defaultAreaCode: '010' })).toBe('0431-87654321');
    expect(normalizePhone('13800138000', { defaultAreaCode: '010' })).toBe('13800138000');
  });

  it.each(['431', '0031', '01', '04311', 'abcd', ''])('refuses the default area code %j', (defaultAreaCode) => {
    expect(() => normalizePhone('87654321', { defaultAreaCode })).toThrow(RangeError);
  });

  it('takes the area code length from the numbering plan, not from the spacing', () => {
    // 010 and 02x have three digits, 03xx-09xx four; the rest is the subscriber number.
    expect(normalizePhone('0101-2345678')).toBe('010-12345678');
    expect(normalizePhone('02162345678')).toBe('021-62345678');
    expect(normalizePhone('04318765432')).toBe('0431-8765432');
  });

  it('reads a group after a full subscriber number as an extension', () => {
    // 7 digits make a subscriber number; what follows after a separator is the extension.
    expect(normalizePhone('0431-8765432-1')).toBe('0431-8765432-1');
    expect(normalizePhone('0431 8765 432 1')).toBe('0431-8765432-1');
  });

  it.each([null, undefined, 13800138000, {}])('refuses the non-string %j', (value) => {
    expect(normalizePhone(value as unknown as string)).toBeNull();
  });
});

describe('isValidMobile', () => {
  it.each(WRITTEN.filter(([, canonical]) => !canonical.includes('-')).map(([written]) => written))(
    'accepts %j',
    (value) => {
      expect(isValidMobile(value)).toBe(true);
    },
  );

  it.each(['12800138000', '1380013800', '138001380001', '+8713800138000', '0431-87654321', '87654321', '138.0013.8000', '', 'phone'])(
    'rejects %j',
    (value) => {
      expect(isValidMobile(value)).toBe(false);
    },
  );
});

describe('isChinesePhone', () => {
  it.each(WRITTEN.map(([written]) => written))('accepts %j', (value) => {
    expect(isChinesePhone(value)).toBe(true);
  });

  it.each(JUNK)('rejects %j (%s)', (value) => {
    expect(isChinesePhone(value)).toBe(false);
  });
});

describe('@IsChinesePhone', () => {
  class ContactDto {
    @IsChinesePhone()
    phone!: unknown;
  }

  function contact(phone: unknown): ContactDto {
    return Object.assign(new ContactDto(), { phone });
  }

  it.each(WRITTEN.map(([written]) => written))('passes %j', (phone) => {
    expect(validateSync(contact(phone))).toEqual([]);
  });

  it.each([['0431-876543'], ['#123'], ['138abc00138'], [13800138000], [null]])(
    'fails %j with constraint isChinesePhone',
    (phone) => {
      const [error] = validateSync(contact(phone));

      expect(error.constraints).toEqual({ isChinesePhone: 'phone must be a mainland mobile or landline number' });
    },
  );
});

describe('phoneLast4', () => {
  it.each(WRITTEN)('takes the subscriber number’s last four digits of %j, as of %j', (written, canonical) => {
    const last4 = phoneLast4(canonical);
    expect(last4).toBe(canonical.split('-')[canonical.includes('-') ? 1 : 0].slice(-4));
    expect(phoneLast4(written)).toBe(last4);
  });

  it('never takes the digits of an extension', () => {
    expect(phoneLast4('0431-87654321-123')).toBe('4321');
    expect(phoneLast4('0431-87654321转9876')).toBe('4321');
    expect(phoneLast4('010-12345678 ext. 1')).toBe('5678');
  });

  it('takes the last four digits of a value that is no phone number', () => {
    expect(phoneLast4('1234')).toBe('1234');
    expect(phoneLast4('0431-876543')).toBe('6543');
  });

  it('refuses a value with fewer than four digits', () => {
    expect(() => phoneLast4('12-3')).toThrow(RangeError);
    expect(() => phoneLast4('')).toThrow(RangeError);
  });
});
