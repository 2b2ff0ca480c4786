import { startInfrastructure } from '../infrastructure/start-infrastructure';
import type { StartedInfrastructure } from '../infrastructure/started-infrastructure';
import { redactUrl, TEST_MONGO_URL_ENV, TEST_NATS_URL_ENV } from '../test-env';

/** Shared with the global teardown, which Jest runs in the same process. */
export interface GlobalInfrastructureState {
  infrastructure?: StartedInfrastructure;
  /** Global setups that share it (one per Jest project in a multi-project run). */
  users: number;
}

const STATE_KEY = Symbol.for('pdmc.testing.infrastructure');

/** The state slot on `globalThis`. */
export function globalInfrastructureState(): GlobalInfrastructureState {
  const holder = globalThis as typeof globalThis & { [STATE_KEY]?: GlobalInfrastructureState };
  return (holder[STATE_KEY] ??= { users: 0 });
}

/**
 * Jest global setup: starts the test servers once per run and publishes their
 * URLs in `PDMC_TEST_MONGO_URL` / `PDMC_TEST_NATS_URL`, which the workers inherit.
 */
export default async function globalSetup(): Promise<void> {
  const state = globalInfrastructureState();
  state.users += 1;
  if (state.infrastructure) {
    return;
  }
  const infrastructure = await startInfrastructure();
  state.infrastructure = infrastructure;
  process.env[TEST_MONGO_URL_ENV] = infrastructure.mongoUrl;
  process.env[TEST_NATS_URL_ENV] = infrastructure.natsUrl;
  process.stderr.write(
    `\n[test-infra] source=${infrastructure.source} mongo=${redactUrl(infrastructure.mongoUrl)} ` +
      `nats=${redactUrl(infrastructure.natsUrl)}\n`,
  );
}
