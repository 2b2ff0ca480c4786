/** Where the test servers come from. */
export type InfrastructureSource = 'env' | 'testcontainers' | 'local';

/** What the machine offers, gathered by the probes in `probes.ts`. */
export interface InfrastructureFacts {
  /** The relevant environment variables. */
  env: {
    MONGO_URL?: string;
    NATS_URL?: string;
    /** Optional override: `local` skips the Docker probe, `testcontainers` requires Docker. */
    PDMC_TEST_INFRA?: string;
  };
  /** Whether a Docker engine answered (false when it was not probed). */
  dockerAvailable: boolean;
  /** Absolute path of `nats-server`, if found. */
  natsServerPath?: string;
  /** Absolute path of `python3`, if found; it installs the SecantusDB test server. */
  pythonPath?: string;
  /** The python of an already installed `tools/secantus/.venv`, usable without python3 on PATH. */
  storePythonPath?: string;
}

/** How the embedded SecantusDB store is obtained for the local stack (decision 0010). */
export type StoreSource = { kind: 'install'; pythonPath: string } | { kind: 'installed'; pythonPath: string };

/** The decision of {@link chooseInfrastructure}. */
export type InfrastructureChoice =
  | { source: 'env'; mongoUrl: string; natsUrl: string }
  | { source: 'testcontainers' }
  | { source: 'local'; natsServerPath: string; store: StoreSource }
  | { source: 'unavailable'; message: string };

/** The install hints, kept in one place so the error and its test agree. */
export const INSTALL_HINTS = {
  natsServer: 'the Debian package nats-server (apt-get install nats-server)',
  python: 'Python 3.10+ with venv (apt-get install python3 python3-venv; it installs the SecantusDB test server from PyPI into tools/secantus/.venv)',
  alternatives: 'or run a Docker engine, or set MONGO_URL and NATS_URL',
} as const;

/** True when the `PDMC_TEST_INFRA` override asks to skip the Docker probe. */
export function skipsDocker(env: InfrastructureFacts['env']): boolean {
  return env.PDMC_TEST_INFRA === 'local';
}

/**
 * Picks the test servers, in order: both `MONGO_URL` and `NATS_URL` set; a Docker
 * engine (testcontainers); local `nats-server` + SecantusDB. Pure, so every branch
 * is testable with made-up facts; when nothing fits, the result names what to install.
 */
export function chooseInfrastructure(facts: InfrastructureFacts): InfrastructureChoice {
  const { env } = facts;
  const mongoUrl = env.MONGO_URL?.trim();
  const natsUrl = env.NATS_URL?.trim();
  if (mongoUrl && natsUrl) {
    return { source: 'env', mongoUrl, natsUrl };
  }

  const override = env.PDMC_TEST_INFRA?.trim();
  if (override && override !== 'local' && override !== 'testcontainers') {
    return { source: 'unavailable', message: `PDMC_TEST_INFRA must be "local" or "testcontainers", got "${override}".` };
  }
  if (override === 'testcontainers' && !facts.dockerAvailable) {
    return {
      source: 'unavailable',
      message: 'PDMC_TEST_INFRA=testcontainers, but no Docker engine answered. Start Docker or unset PDMC_TEST_INFRA.',
    };
  }
  if (facts.dockerAvailable && override !== 'local') {
    return { source: 'testcontainers' };
  }

  const store: StoreSource | undefined = facts.pythonPath
    ? { kind: 'install', pythonPath: facts.pythonPath }
    : facts.storePythonPath
      ? { kind: 'installed', pythonPath: facts.storePythonPath }
      : undefined;
  if (facts.natsServerPath && store) {
    return { source: 'local', natsServerPath: facts.natsServerPath, store };
  }

  const missing = [
    ...(facts.natsServerPath ? [] : [INSTALL_HINTS.natsServer]),
    ...(store ? [] : [INSTALL_HINTS.python]),
  ];
  const halfSet =
    Boolean(mongoUrl) !== Boolean(natsUrl)
      ? ` Only ${mongoUrl ? 'MONGO_URL' : 'NATS_URL'} is set; external servers are used only when both are.`
      : '';
  return {
    source: 'unavailable',
    message:
      `No MongoDB-wire and NATS servers for the tests. Install ${missing.join(' and ')}, ` +
      `${INSTALL_HINTS.alternatives}.${halfSet}`,
  };
}
