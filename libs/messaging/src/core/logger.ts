/** The logging surface messaging needs; pino, the Nest `Logger` and `console` all fit it. */
export interface MessagingLogger {
  log(message: string | object): void;
  warn(message: string | object): void;
  error(message: string | object): void;
}

/** Used when no logger is given: failures in background loops must never vanish silently. */
export const consoleLogger: MessagingLogger = {
  log: (message) => console.log(message),
  warn: (message) => console.warn(message),
  error: (message) => console.error(message),
};

/** A readable one-line description of anything thrown, for logs and the `Pdmc-Error` header. */
export function describeError(err: unknown): string {
  if (err instanceof Error) return err.message ? `${err.name}: ${err.message}` : err.name;
  if (typeof err === 'string') return err;
  if (err && typeof err === 'object' && typeof (err as { message?: unknown }).message === 'string') {
    return (err as { message: string }).message;
  }
  try {
    return JSON.stringify(err) ?? String(err);
  } catch {
    return String(err);
  }
}
