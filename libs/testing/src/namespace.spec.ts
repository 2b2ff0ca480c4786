import { busPrefixFor, MAX_DB_NAME_LENGTH, streamPrefixFor, testDatabaseName } from './namespace';

describe('test namespace names', () => {
  it('builds the bus prefix from the id: a letter first, then the 8 hex characters', () => {
    expect(busPrefixFor('0a1b2c3d')).toBe('t0a1b2c3d');
    expect(busPrefixFor('0a1b2c3d')).toMatch(/^[a-z][a-z0-9]*$/);
  });

  it('rejects ids that are not 8 lower-case hex characters', () => {
    expect(() => busPrefixFor('0A1B2C3D')).toThrow(RangeError);
    expect(() => busPrefixFor('abc')).toThrow(RangeError);
    expect(() => busPrefixFor('0a1b2c3d.')).toThrow(RangeError);
  });

  it('derives the stream prefix by upper-casing the bus prefix', () => {
    expect(streamPrefixFor('t0a1b2c3d')).toBe('T0A1B2C3D_');
  });

  it('names a database after the bus prefix and the service', () => {
    expect(testDatabaseName('t0a1b2c3d', 'intake')).toBe('t0a1b2c3d_intake');
  });

  it('reduces service names to lower-case [a-z0-9_]', () => {
    expect(testDatabaseName('t0a1b2c3d', 'Funds-Ledger.v2')).toBe('t0a1b2c3d_funds_ledger_v2');
    expect(testDatabaseName('t0a1b2c3d', '  routing  ')).toBe('t0a1b2c3d_routing');
  });

  it('keeps long names within the length limit and apart from each other', () => {
    const long = 'emergency-dispatch-read-model-projection';
    const first = testDatabaseName('t0a1b2c3d', `${long}-one`);
    const second = testDatabaseName('t0a1b2c3d', `${long}-two`);

    expect(first.length).toBeLessThanOrEqual(MAX_DB_NAME_LENGTH);
    expect(second.length).toBeLessThanOrEqual(MAX_DB_NAME_LENGTH);
    expect(first).toMatch(/^[a-z0-9_]+$/);
    expect(first).not.toBe(second);
    expect(first.startsWith('t0a1b2c3d_emergency_dispatch')).toBe(true);
  });

  it('gives the same name for the same service', () => {
    expect(testDatabaseName('t0a1b2c3d', 'handling')).toBe(testDatabaseName('t0a1b2c3d', 'handling'));
  });

  it('refuses a service name with nothing usable in it', () => {
    expect(() => testDatabaseName('t0a1b2c3d', '---')).toThrow(/Cannot derive a database name/);
  });
});
