import { MAX_ERROR_HEADER_BYTES, headersToRecord, recordToHeaders, toHeaderValue } from './headers';

describe('toHeaderValue', () => {
  it('folds line breaks, which NATS headers cannot carry', () => {
    expect(toHeaderValue('Error: boom\n    at handler (x.ts:1)\r\n')).toBe(
      'Error: boom     at handler (x.ts:1)',
    );
  });

  it('cuts to 1 KiB of UTF-8 without splitting a character', () => {
    const value = toHeaderValue('信'.repeat(1000));
    expect(Buffer.byteLength(value, 'utf8')).toBeLessThanOrEqual(MAX_ERROR_HEADER_BYTES);
    expect(value).toBe('信'.repeat(Math.floor(MAX_ERROR_HEADER_BYTES / 3)));
  });

  it('keeps short values as they are', () => {
    expect(toHeaderValue('payload.headcount: must not be less than 1')).toBe(
      'payload.headcount: must not be less than 1',
    );
  });
});

describe('recordToHeaders / headersToRecord', () => {
  it('round-trips and skips empty values', () => {
    const hdrs = recordToHeaders({ 'Pdmc-Correlation-Id': 'c-1', 'Pdmc-Causation-Id': undefined, Empty: '' });
    expect(headersToRecord(hdrs)).toEqual({ 'Pdmc-Correlation-Id': 'c-1' });
    expect(headersToRecord(undefined)).toEqual({});
  });
});
