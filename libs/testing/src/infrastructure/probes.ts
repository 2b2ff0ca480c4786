import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { InfrastructureFacts, skipsDocker } from './choose-infrastructure';

/** Where Debian puts nats-server, when it is not on PATH. */
export const DEFAULT_EXTRA_DIRS: readonly string[] = ['/usr/sbin', '/usr/local/sbin', '/usr/local/go/bin'];

/** The python of the SecantusDB venv made by `tools/secantus/setup.sh`, relative to the repository root. */
export const STORE_PYTHON = 'tools/secantus/.venv/bin/python';

/** Returns the first executable file called `name` on `PATH`, then in `extraDirs`. */
export function findExecutable(
  name: string,
  path: string | undefined,
  extraDirs: readonly string[] = DEFAULT_EXTRA_DIRS,
): string | undefined {
  const dirs = [...(path ?? '').split(delimiter).filter(Boolean), ...extraDirs];
  return dirs.map((dir) => join(dir, name)).find(isExecutableFile);
}

/** True when `file` exists, is a regular file and may be executed. */
export function isExecutableFile(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

/**
 * Asks testcontainers whether a container runtime answers. Without Docker its
 * strategies fail within milliseconds; the timeout bounds a DOCKER_HOST that
 * points to an unreachable machine.
 */
export async function isDockerAvailable(timeoutMs = 5_000): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
    timer.unref();
  });
  const probe = (async () => {
    try {
      // Loaded only here: testcontainers takes ~1 s to import and most runs never need it.
      const { getContainerRuntimeClient } = await import('testcontainers');
      await getContainerRuntimeClient();
      return true;
    } catch {
      return false;
    }
  })();
  try {
    return await Promise.race([probe, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Inputs of {@link gatherFacts}; tests replace them to simulate other machines. */
export interface ProbeOptions {
  env: NodeJS.ProcessEnv;
  repoRoot: string;
  extraDirs?: readonly string[];
  dockerAvailable?: () => Promise<boolean>;
}

/** Probes the machine. Docker is probed only when the environment does not decide already. */
export async function gatherFacts({
  env,
  repoRoot,
  extraDirs = DEFAULT_EXTRA_DIRS,
  dockerAvailable = isDockerAvailable,
}: ProbeOptions): Promise<InfrastructureFacts> {
  const relevantEnv = { MONGO_URL: env.MONGO_URL, NATS_URL: env.NATS_URL, PDMC_TEST_INFRA: env.PDMC_TEST_INFRA };
  const envDecides = Boolean(env.MONGO_URL?.trim() && env.NATS_URL?.trim());
  const installed = join(repoRoot, STORE_PYTHON);
  return {
    env: relevantEnv,
    dockerAvailable: envDecides || skipsDocker(relevantEnv) ? false : await dockerAvailable(),
    natsServerPath: findExecutable('nats-server', env.PATH, extraDirs),
    pythonPath: findExecutable('python3', env.PATH, extraDirs),
    storePythonPath: isExecutableFile(installed) ? installed : undefined,
  };
}
