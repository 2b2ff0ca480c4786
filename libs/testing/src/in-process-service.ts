import type { DestinationStream } from 'pino';
import { createTestAuth, type TestAuth, type TestUser } from './auth';
import { captureLogs } from './bus';
import { http, type HttpClient } from './http';
import { createTestNamespace, type TestNamespace } from './namespace';

/** What a service's start function returns (the platform's RunningService satisfies it). */
export interface StartedService {
  url: string;
  close(): Promise<void>;
}

export interface InProcessService {
  ns: TestNamespace;
  auth: TestAuth;
  service: StartedService;
  /** Every log line the service wrote, for assertions and personal-data scans. */
  logs: string[];
  /** A client without credentials. */
  anonymous: HttpClient;
  /** A client that sends a fresh token for the user with every request. */
  as(user: TestUser): Promise<HttpClient>;
  close(): Promise<void>;
}

/**
 * Starts a service in this process on the test servers, in its own namespace, with a local
 * token issuer and captured logs: the set-up every service integration test needs. It takes a
 * start function rather than importing the platform, so libraries' tests can use this library
 * without a dependency cycle.
 */
export async function startInProcess(options: {
  label: string;
  /** Starts the service from environment-style settings, e.g. `(env, logs) => startIntake(loadConfig(IntakeConfig, env), logs)`. */
  start: (env: Record<string, string>, logDestination: DestinationStream) => Promise<StartedService>;
  env?: Record<string, string>;
}): Promise<InProcessService> {
  const ns = createTestNamespace(options.label);
  const auth = await createTestAuth();
  const logs = captureLogs();
  const env: Record<string, string> = {
    HTTP_PORT: '0',
    MONGO_URL: ns.mongoUrl,
    MONGO_DB: ns.dbName(options.label),
    NATS_URL: ns.natsUrl,
    BUS_PREFIX: ns.busPrefix,
    OUTBOX_POLL_MS: '200',
    MAX_DELIVER: '2',
    ...auth.env,
    ...options.env,
  };
  const service = await options.start(env, logs.destination);
  return {
    ns,
    auth,
    service,
    logs: logs.lines,
    anonymous: http(service.url),
    as: async (user) => http(service.url, await auth.headers(user)),
    close: async () => {
      await service.close();
      await ns.cleanup();
      auth.cleanup();
    },
  };
}
