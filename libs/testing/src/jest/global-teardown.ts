import { TEST_MONGO_URL_ENV, TEST_NATS_URL_ENV } from '../test-env';
import { globalInfrastructureState } from './global-setup';

/** Jest global teardown: stops the servers started by the global setup, after its last user. */
export default async function globalTeardown(): Promise<void> {
  const state = globalInfrastructureState();
  state.users = Math.max(0, state.users - 1);
  if (state.users > 0 || !state.infrastructure) {
    return;
  }
  const { infrastructure } = state;
  state.infrastructure = undefined;
  delete process.env[TEST_MONGO_URL_ENV];
  delete process.env[TEST_NATS_URL_ENV];
  await infrastructure.stop();
}
