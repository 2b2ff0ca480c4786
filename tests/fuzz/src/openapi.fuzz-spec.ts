import type { ServiceName } from '@pdmc/testing';
import { formatCounts, fuzzService, type FuzzBudget, type FuzzRun } from './schemathesis';
import { ALL_SERVICES, startFuzzedSystem, type FuzzedSystem } from './system';

/*
 * Requests generated from each service's OpenAPI document, valid and invalid, against the
 * services running on real servers (issue 10). Fails on a 5xx, an answer the document does not
 * describe (status, content type or body), a 2xx for input the schema forbids, and an answer
 * slower than 2 s. `npm test` runs the bounded form; `npm run fuzz` (PDMC_FUZZ_MODE=long) the
 * long one, at least PDMC_FUZZ_REQUESTS (10,000) requests per service.
 */

const LONG = process.env['PDMC_FUZZ_MODE'] === 'long';
const SERVICES = (process.env['PDMC_FUZZ_SERVICES']?.split(',') as ServiceName[] | undefined) ?? ALL_SERVICES;
const TARGET_REQUESTS = Number(process.env['PDMC_FUZZ_REQUESTS'] ?? 10_000);

const BOUNDED: FuzzBudget = { maxExamples: 6, phases: ['examples', 'fuzzing'], workers: 1, seed: 20261128 };
const LONG_RUN: FuzzBudget = { maxExamples: 200, phases: ['examples', 'coverage', 'fuzzing'], workers: 2 };

function merge(into: FuzzRun | undefined, run: FuzzRun): FuzzRun {
  if (!into) return run;
  const add = (a: Record<string, number>, b: Record<string, number>) => {
    for (const [k, n] of Object.entries(b)) a[k] = (a[k] ?? 0) + n;
  };
  add(into.byStatus, run.byStatus);
  for (const [op, row] of Object.entries(run.byOperation)) add((into.byOperation[op] ??= {}), row);
  return { ...into, requests: into.requests + run.requests, exitCode: into.exitCode || run.exitCode, output: `${into.output}\n${run.output}` };
}

describe(`the five APIs under generated requests (${LONG ? 'long' : 'bounded'} run, real servers)`, () => {
  let system: FuzzedSystem;
  /** The bounded runs start together (each service is its own process); each test awaits its own. */
  const runs = new Map<ServiceName, Promise<FuzzRun>>();

  async function fuzzLong(service: ServiceName, baseUrl: string): Promise<FuzzRun> {
    let total: FuzzRun | undefined;
    let seed = 1;
    do {
      const run = await fuzzService(service, baseUrl, system.token, { ...LONG_RUN, seed: seed++ });
      total = merge(total, run);
      // Keeps going after a failure, so the counts cover the whole budget; the test fails at the end.
      if (run.requests === 0) break;
    } while (total.requests < TARGET_REQUESTS);
    return total;
  }

  beforeAll(async () => {
    system = await startFuzzedSystem(LONG ? 'fuzzlong' : 'fuzz', SERVICES);
    if (!LONG) {
      for (const service of SERVICES) {
        const run = fuzzService(service, system.baseUrl(service), system.token, BOUNDED);
        run.catch(() => undefined);
        runs.set(service, run);
      }
    }
  });

  function boundedRun(service: ServiceName): Promise<FuzzRun> {
    const run = runs.get(service);
    if (!run) throw new Error(`no bounded run was started for ${service}`);
    return run;
  }

  afterAll(async () => {
    await Promise.allSettled(runs.values());
    await system?.stop();
  });

  it.each(SERVICES.map((s) => [s]))('%s answers every generated request as its document says', async (service) => {
    const total = LONG ? await fuzzLong(service, system.baseUrl(service)) : await boundedRun(service);
    process.stdout.write(`\n${formatCounts(total)}\n`);
    if (total.exitCode !== 0) process.stdout.write(`${total.output.slice(-20_000)}\n`);
    const failures = total.exitCode === 0 ? [] : (total.output.match(/^_+ .+ _+$|^- ST\d+ .*$/gm) ?? ['(see the output above)']);
    expect({ service, exitCode: total.exitCode, failures }).toEqual({ service, exitCode: 0, failures: [] });
    expect(total.byStatus['500'] ?? 0).toBe(0);
    expect(total.requests).toBeGreaterThanOrEqual(LONG ? TARGET_REQUESTS : 1);
  });
});
