import { durableName, isConcreteSubject, logicalSubject, physicalStreamName, physicalSubject } from './names';

describe('physicalSubject', () => {
  it('returns the logical subject when there is no prefix', () => {
    expect(physicalSubject(undefined, 'intake.petition.registered.v1')).toBe('intake.petition.registered.v1');
    expect(physicalSubject('', 'intake.>')).toBe('intake.>');
  });

  it('puts the prefix in front as its own token', () => {
    expect(physicalSubject('t1a2b', 'intake.petition.registered.v1')).toBe(
      't1a2b.intake.petition.registered.v1',
    );
    expect(physicalSubject('t1a2b', 'dlq.>')).toBe('t1a2b.dlq.>');
  });

  it('rejects prefixes that would split or widen the namespace', () => {
    expect(() => physicalSubject('a.b', 'x')).toThrow(/prefix/);
    expect(() => physicalSubject('*', 'x')).toThrow(/prefix/);
    expect(() => physicalSubject('a b', 'x')).toThrow(/prefix/);
  });
});

describe('logicalSubject', () => {
  it('is the inverse of physicalSubject', () => {
    const subject = 'routing.petition.routed.v1';
    expect(logicalSubject('t9', physicalSubject('t9', subject))).toBe(subject);
    expect(logicalSubject(undefined, subject)).toBe(subject);
  });

  it('refuses subjects outside the namespace', () => {
    expect(() => logicalSubject('t9', 'intake.petition.registered.v1')).toThrow(/outside/);
    expect(() => logicalSubject('t9', 't90.intake.x')).toThrow(/outside/);
    expect(() => logicalSubject('t9', 't9.')).toThrow(/outside/);
  });
});

describe('physicalStreamName', () => {
  it('keeps the name without a prefix', () => {
    expect(physicalStreamName(undefined, 'INTAKE')).toBe('INTAKE');
  });

  it('prefixes in upper case and keeps only [A-Z0-9_]', () => {
    expect(physicalStreamName('t1a2b', 'INTAKE')).toBe('T1A2B_INTAKE');
    expect(physicalStreamName('test-run_7', 'DEAD_LETTERS')).toBe('TEST_RUN_7_DEAD_LETTERS');
  });
});

describe('durableName', () => {
  it('joins service and subject with dots replaced', () => {
    expect(durableName('routing', 'intake.petition.registered.v1')).toBe(
      'routing__intake_petition_registered_v1',
    );
  });

  it('rejects names the server would refuse', () => {
    expect(() => durableName('rou ting', 'a.b')).toThrow(/not valid/);
    expect(() => durableName('routing', 'intake.*')).toThrow(/not valid/);
  });
});

describe('isConcreteSubject', () => {
  it('accepts plain subjects and rejects wildcards and empty tokens', () => {
    expect(isConcreteSubject('intake.petition.registered.v1')).toBe(true);
    expect(isConcreteSubject('intake.>')).toBe(false);
    expect(isConcreteSubject('intake.*.x')).toBe(false);
    expect(isConcreteSubject('intake..x')).toBe(false);
    expect(isConcreteSubject('')).toBe(false);
  });
});
