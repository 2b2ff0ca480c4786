/** Set by the Jest global setup; read by test files (workers inherit the environment). */
export const TEST_MONGO_URL_ENV = 'PDMC_TEST_MONGO_URL';
/** Set by the Jest global setup; read by test files (workers inherit the environment). */
export const TEST_NATS_URL_ENV = 'PDMC_TEST_NATS_URL';

/** The server URLs published by the global setup. Throws when it did not run. */
export function testInfrastructureUrls(env: NodeJS.ProcessEnv = process.env): { mongoUrl: string; natsUrl: string } {
  const mongoUrl = env[TEST_MONGO_URL_ENV];
  const natsUrl = env[TEST_NATS_URL_ENV];
  if (!mongoUrl || !natsUrl) {
    throw new Error(
      `${TEST_MONGO_URL_ENV} / ${TEST_NATS_URL_ENV} are not set: the Jest global setup did not run. ` +
        `Add globalSetup: '<repo>/libs/testing/src/jest/global-setup.ts' and globalTeardown: ` +
        `'<repo>/libs/testing/src/jest/global-teardown.ts' to this project's jest.config.js.`,
    );
  }
  return { mongoUrl, natsUrl };
}

/** Hides the password of a URL before it is printed. */
export function redactUrl(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@/]*@/, '//$1:***@');
}
