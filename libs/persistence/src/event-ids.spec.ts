import { idFromEvent, uuidV5 } from './event-ids';

describe('uuidV5', () => {
  it('matches the RFC 4122 example (www.example.com in the DNS namespace)', () => {
    expect(uuidV5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
  });

  it('gives one id per event and purpose, and different ids otherwise', () => {
    const event = 'b7c5a0a4-6d61-4d8a-9b2e-0f0c4f2b9e11';
    expect(idFromEvent(event, 'handling.case')).toBe(idFromEvent(event, 'handling.case'));
    expect(idFromEvent(event, 'handling.case')).not.toBe(idFromEvent(event, 'funds.case'));
    expect(idFromEvent(event, 'handling.case')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
