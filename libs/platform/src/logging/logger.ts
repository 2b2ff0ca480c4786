import type { LoggerService } from '@nestjs/common';
import pino, { type Logger } from 'pino';
import { currentCorrelation } from './correlation';
import type { LogLevel } from '../config/service-config';

/**
 * Field names that may hold personal data. Whatever path they appear under in a log object,
 * pino replaces the value before it is written: logs must never carry ID numbers, phones or
 * addresses, even when a developer logs a whole object by mistake.
 */
export const PERSONAL_DATA_KEYS = [
  'idNumber',
  'idCardNumber',
  'phone',
  'mobile',
  'address',
  'fullName',
  'petitionerName',
  'petitioners',
  'password',
  'authorization',
  'cookie',
];

function redactPaths(): string[] {
  const paths: string[] = [];
  for (const key of PERSONAL_DATA_KEYS) paths.push(key, `*.${key}`, `*.*.${key}`, `*.*.*.${key}`);
  return paths;
}

export function createLogger(service: string, level: LogLevel, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service },
      messageKey: 'msg',
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: redactPaths(), censor: '[redacted]' },
      mixin() {
        const scope = currentCorrelation();
        return scope ? { correlationId: scope.correlationId, causationId: scope.causationId } : {};
      },
    },
    destination,
  );
}

/** Adapts pino to Nest's LoggerService so framework messages are JSON lines too. */
export class JsonLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  get pino(): Logger {
    return this.logger;
  }

  log(message: unknown, context?: string): void {
    this.write('info', message, context);
  }
  error(message: unknown, trace?: string, context?: string): void {
    this.write('error', message, context, trace);
  }
  warn(message: unknown, context?: string): void {
    this.write('warn', message, context);
  }
  debug(message: unknown, context?: string): void {
    this.write('debug', message, context);
  }
  verbose(message: unknown, context?: string): void {
    this.write('trace', message, context);
  }
  fatal(message: unknown, context?: string): void {
    this.write('fatal', message, context);
  }

  private write(level: pino.Level, message: unknown, context?: string, trace?: string): void {
    const fields: Record<string, unknown> = {};
    if (context) fields['context'] = context;
    if (trace && typeof trace === 'string' && trace.includes('\n')) fields['stack'] = trace;
    else if (trace) fields['context'] = trace;
    if (message instanceof Error) {
      this.logger[level]({ ...fields, err: message }, message.message);
    } else if (typeof message === 'object' && message !== null) {
      this.logger[level]({ ...fields, ...(message as object) });
    } else {
      this.logger[level](fields, String(message));
    }
  }
}
