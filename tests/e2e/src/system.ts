import { generateKey } from '@pdmc/privacy';
import {
  createTestAuth,
  createTestNamespace,
  startServiceProcess,
  type ServiceName,
  type ServiceProcess,
  type TestAuth,
  type TestNamespace,
} from '@pdmc/testing';

/** Services started as separate processes on one test namespace, with one token issuer. */
export interface RunningSystem {
  ns: TestNamespace;
  auth: TestAuth;
  running: Record<ServiceName, ServiceProcess>;
  /** Stops every service, then removes the namespace's data and the issuer's keys. */
  stop(): Promise<void>;
}

/**
 * Starts `services` as the deployment would: each its own process and database, talking only
 * over NATS, with short outbox and redelivery timings so crash tests finish quickly.
 */
export async function startSystem(
  label: string,
  services: readonly ServiceName[],
  /** Added to a service's environment, e.g. `{ handling: { PDMC_FAULTS: 'after-handler-write' } }`. */
  extraEnv: Partial<Record<ServiceName, Record<string, string>>> = {},
): Promise<RunningSystem> {
  const ns = createTestNamespace(label);
  const auth = await createTestAuth();
  const pii = { PII_KEYS: `${label.replace(/[^a-z0-9]/g, '')}1:${generateKey()}`, PII_INDEX_KEY: generateKey() };
  const running = {} as Record<ServiceName, ServiceProcess>;
  await Promise.all(
    services.map(async (service) => {
      running[service] = await startServiceProcess({
        service,
        env: {
          MONGO_URL: ns.mongoUrl,
          MONGO_DB: ns.dbName(service),
          NATS_URL: ns.natsUrl,
          BUS_PREFIX: ns.busPrefix,
          OUTBOX_POLL_MS: '250',
          // A killed consumer's unacknowledged messages come back after this long.
          ACK_WAIT_MS: '3000',
          LOG_LEVEL: 'info',
          ...auth.env,
          ...(service === 'intake' || service === 'funds' ? { ...pii, PII_ACTIVE_KEY_ID: pii.PII_KEYS.split(':')[0]! } : {}),
          ...extraEnv[service],
        },
      });
    }),
  );
  return {
    ns,
    auth,
    running,
    stop: async () => {
      await Promise.all(Object.values(running).map((p) => p.stop()));
      await ns.cleanup();
      auth.cleanup();
    },
  };
}
