import { ROLES } from '@pdmc/auth';
import { WORK_UNITS } from '@pdmc/contracts';
import { generateKey } from '@pdmc/privacy';
import { createTestAuth, createTestNamespace, startServiceProcess, type ServiceName, type ServiceProcess, type TestAuth, type TestNamespace } from '@pdmc/testing';

export const ALL_SERVICES: readonly ServiceName[] = ['intake', 'routing', 'handling', 'emergency', 'funds'];

/** The services under fuzzing, each its own process on real servers, and a token that may call every operation. */
export interface FuzzedSystem {
  running: Partial<Record<ServiceName, ServiceProcess>>;
  /** The base URL of a started service. */
  baseUrl(service: ServiceName): string;
  /** Every role and every work unit: whatever permission an operation declares, this token has it. */
  token: string;
  stop(): Promise<void>;
}

/**
 * Starts the services from their build output as the deployment would. Rate limits are raised
 * so that generated requests reach the handlers instead of stopping at 429 (the limits have
 * tests of their own); the look-up lock keeps its real settings.
 */
export async function startFuzzedSystem(label: string, services: readonly ServiceName[]): Promise<FuzzedSystem> {
  const ns: TestNamespace = createTestNamespace(label);
  const auth: TestAuth = await createTestAuth();
  const pii = { PII_KEYS: `fz1:${generateKey()}`, PII_ACTIVE_KEY_ID: 'fz1', PII_INDEX_KEY: generateKey() };
  const running: Partial<Record<ServiceName, ServiceProcess>> = {};
  try {
    await Promise.all(
      services.map(async (service) => {
        running[service] = await startServiceProcess({
          service,
          // Five processes starting at once on a small shared machine.
          readyTimeoutMs: 90_000,
          env: {
            MONGO_URL: ns.mongoUrl,
            MONGO_DB: ns.dbName(service),
            NATS_URL: ns.natsUrl,
            BUS_PREFIX: ns.busPrefix,
            LOG_LEVEL: 'warn',
            ...auth.env,
            // Intake and funds keep personal data (petitioners, beneficiaries) encrypted.
            ...(service === 'intake' || service === 'funds' ? pii : {}),
            ...(service === 'intake' ? { ONLINE_SUBMISSIONS_PER_HOUR: '100000', PUBLIC_RATE_LIMIT_PER_MINUTE: '10000' } : {}),
          },
        });
      }),
    );
  } catch (error) {
    await Promise.all(Object.values(running).map((p) => p.stop()));
    await ns.cleanup();
    auth.cleanup();
    throw error;
  }
  const token = await auth.token({ sub: 'fuzzer', roles: [...ROLES], units: [...WORK_UNITS], bodies: [], responderUnit: 'fuzz-responders' });
  return {
    running,
    baseUrl: (service) => {
      const process = running[service];
      if (!process) throw new Error(`${service} was not started`);
      return process.baseUrl;
    },
    token,
    stop: async () => {
      await Promise.all(Object.values(running).map((p) => p.stop()));
      await ns.cleanup();
      auth.cleanup();
    },
  };
}
