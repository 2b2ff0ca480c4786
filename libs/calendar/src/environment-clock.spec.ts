import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { systemClock } from './clock';
import { clockFromEnvironment } from './environment-clock';

describe('clockFromEnvironment', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pdmc-clock-'));
  const file = join(dir, 'clock.json');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is the system clock outside tests, whatever the variable says', () => {
    writeFileSync(file, JSON.stringify({ offsetMs: 30 * 86_400_000 }));
    expect(clockFromEnvironment({ NODE_ENV: 'production', PDMC_TEST_CLOCK_FILE: file })).toBe(systemClock);
    expect(clockFromEnvironment({ PDMC_TEST_CLOCK_FILE: file })).toBe(systemClock);
    expect(clockFromEnvironment({ NODE_ENV: 'test' })).toBe(systemClock);
  });

  it('in a test, runs at the offset the file holds at each call', () => {
    rmSync(file, { force: true });
    const clock = clockFromEnvironment({ NODE_ENV: 'test', PDMC_TEST_CLOCK_FILE: file });
    expect(Math.abs(clock.now().getTime() - Date.now())).toBeLessThan(1000);
    writeFileSync(file, JSON.stringify({ offsetMs: 6 * 86_400_000 }));
    expect(clock.now().getTime() - Date.now()).toBeGreaterThan(6 * 86_400_000 - 1000);
    writeFileSync(file, JSON.stringify({ offsetMs: -86_400_000 }));
    expect(clock.now().getTime()).toBeLessThan(Date.now() - 86_400_000 + 1000);
  });

  it('refuses a file without a numeric offset', () => {
    writeFileSync(file, JSON.stringify({ offsetMs: 'soon' }));
    expect(() => clockFromEnvironment({ NODE_ENV: 'test', PDMC_TEST_CLOCK_FILE: file }).now()).toThrow(/offsetMs must be a number/);
  });
});
