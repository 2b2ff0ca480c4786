import { caseIdFor, uuidV5 } from './case-id';

describe('case ids', () => {
  it('computes RFC 9562 version-5 UUIDs (the RFC’s DNS example)', () => {
    expect(uuidV5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
  });

  it('derives the same case id from the same petition, whatever its case, and different ids from different petitions', () => {
    const petition = '0b8f6a52-3c1e-4b7a-9d2e-6f5a4c3b2a10';
    expect(caseIdFor(petition)).toBe(caseIdFor(petition.toUpperCase()));
    expect(caseIdFor(petition)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(caseIdFor(petition)).not.toBe(caseIdFor('0b8f6a52-3c1e-4b7a-9d2e-6f5a4c3b2a11'));
  });
});
