import { readFileSync } from 'node:fs';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { flattenValidationErrors } from '@pdmc/contracts';

/** Thrown when the environment does not satisfy a service's configuration class. */
export class ConfigurationError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  ${problems.join('\n  ')}`);
    this.name = 'ConfigurationError';
  }
}

/** Environment values are strings; numbers and booleans follow the type of the default. */
function coerce(raw: string, fallback: unknown): unknown {
  if (typeof fallback === 'number') return /^-?\d+(\.\d+)?$/.test(raw.trim()) ? Number(raw) : raw;
  if (typeof fallback === 'boolean') return raw === 'true' ? true : raw === 'false' ? false : raw;
  return raw;
}

/**
 * Reads a configuration class from environment variables. Property names are the variable
 * names; defaults come from the class's initialisers. Unknown variables are ignored (the
 * environment holds much else), but every declared one is validated and a failure names it.
 */
export function loadConfig<T extends object>(
  cls: new () => T,
  env: Record<string, string | undefined> = process.env,
): T {
  const defaults = new cls() as Record<string, unknown>;
  const plain: Record<string, unknown> = {};
  for (const key of Object.keys(defaults)) {
    const raw = env[key];
    plain[key] = raw === undefined || raw === '' ? defaults[key] : coerce(raw, defaults[key]);
  }
  // Secrets read from files are validated like any other value.
  resolveSecretFiles(plain, defaults);
  const instance = plainToInstance(cls, plain);
  const errors = validateSync(instance, { skipMissingProperties: false });
  if (errors.length) {
    throw new ConfigurationError(
      flattenValidationErrors(errors).map((v) => `${v.field}: ${v.message.replace(`${v.field} `, '')} (rule ${v.rule})`),
    );
  }
  return instance;
}

/**
 * `<NAME>_FILE` variables point at files holding secrets (Docker and Kubernetes mount them
 * so); the file's content, trimmed, becomes `<NAME>` unless `<NAME>` is set directly.
 */
function resolveSecretFiles(config: Record<string, unknown>, defaults: Record<string, unknown>): void {
  for (const key of Object.keys(config)) {
    const target = key.endsWith('_FILE') ? key.slice(0, -'_FILE'.length) : undefined;
    const path = config[key];
    if (!target || !(target in config) || typeof path !== 'string' || config[target] !== defaults[target]) continue;
    try {
      config[target] = coerce(readFileSync(path, 'utf8').trim(), defaults[target]);
    } catch (error) {
      throw new ConfigurationError([`${key}: cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? 'error'})`]);
    }
  }
}
