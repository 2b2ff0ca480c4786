import { findPersonalData } from './log-scan';

describe('findPersonalData', () => {
  const lines = [
    '{"level":30,"msg":"petition accepted","petitionId":"p-1"}',
    '{"level":30,"msg":"applicant 110101199003074514 called"}',
    '{"level":40,"msg":"sms to 13800138000 failed"}',
  ];

  it('returns the lines that contain any secret', () => {
    expect(findPersonalData(lines, ['110101199003074514', '13800138000'])).toEqual([lines[1], lines[2]]);
  });

  it('returns nothing when no secret appears', () => {
    expect(findPersonalData(lines, ['13900000000'])).toEqual([]);
  });

  it('rejects an empty secret list or an empty secret, which would make the check meaningless', () => {
    expect(() => findPersonalData(lines, [])).toThrow(RangeError);
    expect(() => findPersonalData(lines, [''])).toThrow(RangeError);
  });
});
