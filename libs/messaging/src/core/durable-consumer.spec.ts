import { retryDelayMs } from './durable-consumer';

describe('retryDelayMs', () => {
  const backoff = [1000, 5000, 15000];

  it('uses the entry for the failed delivery, then repeats the last', () => {
    expect(retryDelayMs(backoff, 1)).toBe(1000);
    expect(retryDelayMs(backoff, 2)).toBe(5000);
    expect(retryDelayMs(backoff, 3)).toBe(15000);
    expect(retryDelayMs(backoff, 9)).toBe(15000);
  });

  it('redelivers at once without a back-off', () => {
    expect(retryDelayMs([], 3)).toBe(0);
  });
});
