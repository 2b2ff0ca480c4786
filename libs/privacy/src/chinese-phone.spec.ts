import { validateSync } from 'class-validator';
import { IsChinesePhone, isChinesePhone, isValidMobile, phoneLast4 } from './chinese-phone';

describe('isValidMobile', () => {
  it.each([
    '13800138000',
    '19912345678',
    '138 0013 8000',
    '138-0013-8000',
    '+8613800138000',
    '+86 138 0013 8000',
    '008613800138000',
  ])('accepts %j', (value) => {
    expect(isValidMobile(value)).toBe(true);
  });

  it.each([
    '12800138000',
    '1380013800',
    '138001380001',
    '+8713800138000',
    '0431-87654321',
    '138.0013.8000',
    '',
    'phone',
  ])('rejects %j', (value) => {
    expect(isValidMobile(value)).toBe(false);
  });
});

describe('isChinesePhone', () => {
  it.each([
    '13800138000',
    '+86 138 0013 8000',
    '0431-87654321',
    '0431-8765432',
    '043187654321',
    '010-12345678',
    '01012345678',
    '0431 8765 4321',
    '0431-8765-4321',
    '010 12345678',
  ])('accepts %j', (value) => {
    expect(isChinesePhone(value)).toBe(true);
  });

  it.each([
    '431-87654321',
    '0431-876543',
    '0431-876543210',
    '0031-87654321',
    '(0431)87654321',
    '87654321',
    '12800138000',
    '',
  ])('rejects %j', (value) => {
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

  it.each(['13800138000', '0431-87654321'])('passes %j', (phone) => {
    expect(validateSync(contact(phone))).toEqual([]);
  });

  it.each([['0431-876543'], [13800138000], [null]])('fails %j with constraint isChinesePhone', (phone) => {
    const [error] = validateSync(contact(phone));

    expect(error.constraints).toEqual({
      isChinesePhone: 'phone must be a mainland mobile number or a landline with area code',
    });
  });
});

describe('phoneLast4', () => {
  it.each([
    ['13800138000', '8000'],
    ['+86 138-0013-8000', '8000'],
    ['0431-87654321', '4321'],
    ['1234', '1234'],
  ])('takes the last four digits of %j', (value, last4) => {
    expect(phoneLast4(value)).toBe(last4);
  });

  it('refuses a value with fewer than four digits', () => {
    expect(() => phoneLast4('12-3')).toThrow(RangeError);
    expect(() => phoneLast4('')).toThrow(RangeError);
  });
});
