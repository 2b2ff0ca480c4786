import { deriveFlags, formatCaseNumber, generateQueryCode } from './petition';

describe('petition rules', () => {
  it('formats case numbers as district-year-sequence with six digits', () => {
    expect(formatCaseNumber('220106', 2026, 42)).toBe('220106-2026-000042');
  });

  it('marks a visit collective at the configured head-count, not below', () => {
    expect(deriveFlags({ headcount: 4 }, 5).collective).toBe(false);
    expect(deriveFlags({ headcount: 5 }, 5).collective).toBe(true);
    expect(deriveFlags({ headcount: 3 }, 3).collective).toBe(true);
  });

  it('carries staff-reported flags through', () => {
    const flags = deriveFlags({ headcount: 1, abnormal: true, threatOfExtremeAction: true }, 5);
    expect(flags).toEqual({ collective: false, repeat: false, escalated: false, abnormal: true, threatOfExtremeAction: true, backlog: false });
  });

  it('generates unambiguous ten-character query codes', () => {
    const codes = new Set(Array.from({ length: 200 }, generateQueryCode));
    expect(codes.size).toBe(200);
    for (const code of codes) expect(code).toMatch(/^[A-HJKMNP-Z2-9]{10}$/);
  });
});
