import { findRepoRoot } from '../repo-root';
import { chooseInfrastructure } from './choose-infrastructure';
import { startLocalStack } from './local-stack';
import { gatherFacts, ProbeOptions } from './probes';
import type { StartedInfrastructure } from './started-infrastructure';
import { startTestcontainersStack } from './testcontainers-stack';

/** Overrides for {@link startInfrastructure}; the defaults probe the real machine. */
export type StartInfrastructureOptions = Partial<ProbeOptions>;

/**
 * Provides a MongoDB-wire server and a NATS server with JetStream for a test run,
 * from the first source that works:
 *
 * 1. `MONGO_URL` and `NATS_URL` both set: those servers; `stop()` does nothing.
 * 2. A Docker engine answers: `mongo:7` and `nats:2.10 -js` via testcontainers.
 * 3. `nats-server` (PATH or /usr/sbin) and the SecantusDB server from `tools/secantus`
 *    (installed from PyPI into a venv when missing or stale): local processes on free ports.
 *
 * `PDMC_TEST_INFRA=local` skips the Docker probe (to match CI on a Docker machine).
 * When nothing works it throws an error that says what to install; it never skips.
 */
export async function startInfrastructure(options: StartInfrastructureOptions = {}): Promise<StartedInfrastructure> {
  const env = options.env ?? process.env;
  const repoRoot = options.repoRoot ?? findRepoRoot();
  const choice = chooseInfrastructure(await gatherFacts({ ...options, env, repoRoot }));
  switch (choice.source) {
    case 'env':
      return { source: 'env', mongoUrl: choice.mongoUrl, natsUrl: choice.natsUrl, stop: async () => undefined };
    case 'testcontainers':
      return startTestcontainersStack();
    case 'local':
      return startLocalStack({ repoRoot, env, natsServerPath: choice.natsServerPath, store: choice.store });
    case 'unavailable':
      throw new Error(choice.message);
  }
}
