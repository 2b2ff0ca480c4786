import { PeriodicPass } from './periodic-pass';

/** A pass whose end the test decides. */
function controlledPass() {
  const started: Array<(value: number) => void> = [];
  const failures: unknown[] = [];
  const periodic = new PeriodicPass<number>(
    () => new Promise<number>((resolve) => started.push(resolve)),
    (error) => failures.push(error),
  );
  return { periodic, started, failures };
}

describe('PeriodicPass', () => {
  afterEach(() => jest.useRealTimers());

  it('joins a pass under way instead of starting a second', async () => {
    const { periodic, started } = controlledPass();
    const first = periodic.run();
    const second = periodic.run();
    expect(started).toHaveLength(1);
    started[0]?.(3);
    expect(await first).toBe(3);
    expect(await second).toBe(3);
    const third = periodic.run();
    expect(started).toHaveLength(2);
    started[1]?.(4);
    expect(await third).toBe(4);
  });

  it('runs on every tick that finds no pass under way, and at once when asked', async () => {
    jest.useFakeTimers();
    const { periodic, started } = controlledPass();
    periodic.start(1000, { now: true });
    expect(started).toHaveLength(1);
    jest.advanceTimersByTime(1000);
    expect(started).toHaveLength(1); // the first is still under way
    started[0]?.(0);
    await Promise.resolve();
    await Promise.resolve();
    jest.advanceTimersByTime(1000);
    expect(started).toHaveLength(2);
    started[1]?.(0);
    await periodic.stop();
    jest.advanceTimersByTime(5000);
    expect(started).toHaveLength(2);
  });

  it('reports a failed timer pass and tries again at the next tick; a direct run sees the error', async () => {
    jest.useFakeTimers();
    let calls = 0;
    const failures: unknown[] = [];
    const periodic = new PeriodicPass<number>(
      async () => {
        calls += 1;
        if (calls === 1) throw new Error('store unreachable');
        return calls;
      },
      (error) => failures.push(error),
    );
    periodic.start(1000);
    jest.advanceTimersByTime(1000);
    await jest.runOnlyPendingTimersAsync();
    expect(failures).toEqual([new Error('store unreachable')]);
    expect(calls).toBeGreaterThanOrEqual(2);
    await periodic.stop();
    const direct = new PeriodicPass<number>(() => Promise.reject(new Error('refused')), () => undefined);
    await expect(direct.run()).rejects.toThrow('refused');
  });

  it('waits on stop for the pass in hand, whatever its outcome', async () => {
    const { periodic, started } = controlledPass();
    void periodic.run();
    let stopped = false;
    const stopping = periodic.stop().then(() => (stopped = true));
    await Promise.resolve();
    expect(stopped).toBe(false);
    started[0]?.(1);
    await stopping;
    expect(stopped).toBe(true);
  });
});
