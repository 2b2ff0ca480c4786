import type { DestinationStream } from 'pino';
import { ConfigurationError, loadConfig } from './config/load-config';
import type { ServiceConfig } from './config/service-config';
import type { RunningService } from './bootstrap';

/**
 * Entry point of a service process: validate the environment (a bad or missing variable stops
 * the process, naming the variable), then start. Failures are written as one JSON line.
 */
export function runMain<C extends ServiceConfig>(
  configClass: new () => C,
  start: (config: C, logDestination?: DestinationStream) => Promise<RunningService>,
): void {
  const fail = (msg: string, detail?: unknown): never => {
    process.stderr.write(
      `${JSON.stringify({ level: 'fatal', time: new Date().toISOString(), msg, ...(detail ? { detail } : {}) })}\n`,
    );
    process.exit(1);
  };
  let config: C;
  try {
    config = loadConfig(configClass);
  } catch (error) {
    if (error instanceof ConfigurationError) fail(error.message, error.problems);
    throw error;
  }
  start(config).catch((error: unknown) => fail('start-up failed', error instanceof Error ? error.message : String(error)));
}
