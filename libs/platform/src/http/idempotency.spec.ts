import { canonicalJson, scopeIdempotencyKey } from './idempotency';

describe('idempotency keys bound to caller and body', () => {
  const body = { subject: '噪音', petitioners: [{ name: '王', phone: '1' }], headcount: 1 };

  it('fingerprints a body whatever its key order', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { f: 1, e: 0 }], c: null } })).toBe('{"a":{"c":null,"d":[2,{"e":0,"f":1}]},"b":1}');
    expect(scopeIdempotencyKey('k-00000001', { subject: 'clerk-1' }, body)).toEqual(
      scopeIdempotencyKey('k-00000001', { subject: 'clerk-1' }, { headcount: 1, petitioners: [{ phone: '1', name: '王' }], subject: '噪音' }),
    );
  });

  it('gives another staff caller another key, and the same caller the same key whatever the body', () => {
    const mine = scopeIdempotencyKey('k-00000001', { subject: 'clerk-1' }, body);
    expect(scopeIdempotencyKey('k-00000001', { subject: 'clerk-2' }, body).key).not.toBe(mine.key);
    const changed = scopeIdempotencyKey('k-00000001', { subject: 'clerk-1' }, { ...body, headcount: 2 });
    expect(changed.key).toBe(mine.key);
    expect(changed.fingerprint).not.toBe(mine.fingerprint);
  });

  it('binds an anonymous caller’s key to the body itself', () => {
    const first = scopeIdempotencyKey('k-00000001', 'anonymous', body);
    expect(scopeIdempotencyKey('k-00000001', 'anonymous', body).key).toBe(first.key);
    expect(scopeIdempotencyKey('k-00000001', 'anonymous', { ...body, subject: '别的' }).key).not.toBe(first.key);
    expect(first.key).not.toContain('k-00000001');
  });
});
