import { validateSync } from 'class-validator';
import { IsResidentId, isValidResidentId, residentIdCheckCharacter } from './chinese-id';

const NOW = new Date('2026-03-15T04:00:00Z');

/** A resident ID number with the given area, birth date and sequence and a correct check character. */
function residentId(birth: string, area = '220106', sequence = '123'): string {
  const first17 = `${area}${birth}${sequence}`;
  return first17 + residentIdCheckCharacter(first17);
}

describe('residentIdCheckCharacter', () => {
  it('computes ISO 7064 MOD 11-2 check characters', () => {
    expect(residentIdCheckCharacter('11010519491231002')).toBe('X');
    expect(residentIdCheckCharacter('11010119900307451')).toBe('4');
    expect(residentIdCheckCharacter('44030420000229001')).toBe('4');
  });

  it('wants exactly 17 digits', () => {
    expect(() => residentIdCheckCharacter('1101051949123100')).toThrow(RangeError);
    expect(() => residentIdCheckCharacter('1101051949123100A')).toThrow(RangeError);
  });
});

describe('isValidResidentId', () => {
  it.each([
    ['the commonly cited sample', '11010519491231002X'],
    ['a lower-case x', '11010519491231002x'],
    ['a numeric check digit', '110101199003074514'],
    ['a leap day', '440304200002290014'],
    ['the first day of 1900', residentId('19000101')],
    ['a residence permit area code (Hong Kong)', residentId('19800101', '810000')],
    ['a birth date of today in China', residentId('20260315')],
  ])('accepts %s', (_name, value) => {
    expect(isValidResidentId(value, NOW)).toBe(true);
  });

  it.each([
    ['a wrong check digit', '110105194912310021'],
    ['a check X on a number whose check digit is numeric', '11010119900307451X'],
    ['30 February', residentId('19990230')],
    ['29 February of a non-leap year', residentId('19000229')],
    ['month 13', residentId('19991301')],
    ['day 00', residentId('19990100')],
    ['a birth date before 1900', residentId('18991231')],
    ['a birth date tomorrow in China', residentId('20260316')],
    ['a birth date years ahead', residentId('20300101')],
    ['an area code starting with 0', residentId('19800101', '010101')],
    ['area code 000000', residentId('19800101', '000000')],
    ['17 digits', '11010519491231002'],
    ['19 characters', '11010519491231002X1'],
    ['an X in the middle', '1101051949X231002X'],
    ['surrounding spaces', ' 11010519491231002X'],
    ['full-width digits', '１１０１０５１９４９１２３１００２Ｘ'],
    ['an empty string', ''],
  ])('rejects %s', (_name, value) => {
    expect(isValidResidentId(value, NOW)).toBe(false);
  });

  it('judges "today" by the date in China, not in UTC', () => {
    const lateEveningUtc = new Date('2026-03-15T16:30:00Z'); // 00:30 on 16 March in China

    expect(isValidResidentId(residentId('20260316'), lateEveningUtc)).toBe(true);
    expect(isValidResidentId(residentId('20260317'), lateEveningUtc)).toBe(false);
  });

  it('rejects values that are not strings', () => {
    expect(isValidResidentId(110105194912310020 as unknown as string)).toBe(false);
    expect(isValidResidentId(undefined as unknown as string)).toBe(false);
  });

  it('uses the clock by default', () => {
    expect(isValidResidentId('11010519491231002X')).toBe(true);
    expect(isValidResidentId(residentId('29991231'))).toBe(false);
  });
});

describe('@IsResidentId', () => {
  class PetitionerDto {
    @IsResidentId()
    idNumber!: unknown;
  }

  class RepresentativesDto {
    @IsResidentId({ each: true })
    idNumbers!: unknown[];
  }

  function dto<T extends object>(cls: new () => T, values: Partial<T>): T {
    return Object.assign(new cls(), values);
  }

  it('passes a valid number', () => {
    expect(validateSync(dto(PetitionerDto, { idNumber: '11010519491231002X' }))).toEqual([]);
  });

  it.each([['110105194912310021'], [12345], [undefined]])(
    'fails %j with its constraint name and message',
    (value) => {
      const [error] = validateSync(dto(PetitionerDto, { idNumber: value }));

      expect(error.property).toBe('idNumber');
      expect(error.constraints).toEqual({
        isResidentId: 'idNumber must be a valid 18-character resident ID number (check digit included)',
      });
    },
  );

  it('validates each element with { each: true }', () => {
    const [error] = validateSync(
      dto(RepresentativesDto, { idNumbers: ['11010519491231002X', '11010519491231002'] }),
    );

    expect(error.constraints?.isResidentId).toBe(
      'each value in idNumbers must be a valid 18-character resident ID number (check digit included)',
    );
  });
});
