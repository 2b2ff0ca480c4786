import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/**
 * Settings every service needs. A service extends it with its own fields and sets its own
 * default port and database name; there is deliberately no default for the MongoDB and NATS
 * addresses, so a service never silently talks to a server nobody configured.
 */
export class ServiceConfig {
  @IsInt()
  @Min(0)
  @Max(65535)
  HTTP_PORT = 3000;

  @IsString()
  @Matches(/^[0-9a-fA-F.:]+$|^localhost$/, { message: 'HTTP_HOST must be an IP address or localhost' })
  HTTP_HOST = '127.0.0.1';

  @Matches(/^mongodb(\+srv)?:\/\/\S+$/, { message: 'MONGO_URL must be a mongodb:// URL' })
  MONGO_URL = '';

  @Matches(/^[a-z][a-z0-9_]{0,62}$/, { message: 'MONGO_DB must be a lower-case database name' })
  MONGO_DB = '';

  @Matches(/^(nats|tls):\/\/[^\s,]+(,(nats|tls):\/\/[^\s,]+)*$/, {
    message: 'NATS_URL must be one or more comma-separated nats:// URLs',
  })
  NATS_URL = '';

  @IsOptional()
  @IsString()
  NATS_USER?: string = undefined;

  @IsOptional()
  @IsString()
  NATS_PASSWORD?: string = undefined;

  /** File holding the NATS password (Docker/Kubernetes secrets); read at start-up. */
  @IsOptional()
  @IsString()
  NATS_PASSWORD_FILE?: string = undefined;

  /** Namespaces streams and subjects; used by tests to run in parallel on one server. */
  @IsOptional()
  @Matches(/^[a-z][a-z0-9]{0,30}$/, { message: 'BUS_PREFIX must be lower-case letters and digits' })
  BUS_PREFIX?: string = undefined;

  /** Issuer (`iss`) of staff tokens: the centre's OpenID Connect provider. */
  @Matches(/^https?:\/\/\S+$/, { message: 'AUTH_ISSUER must be an http(s) URL' })
  AUTH_ISSUER = '';

  /** Audience (`aud`) staff tokens must be issued for. */
  @Matches(/^\S{1,200}$/, { message: 'AUTH_AUDIENCE must be a non-empty string without spaces' })
  AUTH_AUDIENCE = '';

  /** Where the provider's signing keys are: `https://.../jwks.json`, or `file:///...` locally. */
  @Matches(/^(https?|file):\/\/\S+$/, { message: 'AUTH_JWKS_URL must be an https://, http:// or file:// URL' })
  AUTH_JWKS_URL = '';

  /** Trust X-Forwarded-For from a reverse proxy, so audit entries record the client address. */
  @IsIn(['true', 'false'])
  TRUST_PROXY: 'true' | 'false' = 'false';

  /** Browser origins allowed to call the API (comma-separated); empty means CORS stays closed. */
  @IsOptional()
  @Matches(/^https?:\/\/[^\s,]+(,https?:\/\/[^\s,]+)*$/, { message: 'CORS_ORIGINS must be comma-separated http(s) origins' })
  CORS_ORIGINS?: string = undefined;

  @IsIn(LOG_LEVELS)
  LOG_LEVEL: LogLevel = 'info';

  @IsInt()
  @Min(50)
  @Max(60000)
  // Writes kick the relay at once; the timer is only the safety net after a crash or a NATS
  // outage, and each pass scans the outbox collections (a full scan on FerretDB).
  OUTBOX_POLL_MS = 5000;

  @IsInt()
  @Min(1)
  @Max(100)
  MAX_DELIVER = 5;

  /** How long JetStream waits for an ack before redelivering (e.g. after a crash). */
  @IsInt()
  @Min(1000)
  @Max(600000)
  ACK_WAIT_MS = 30000;

  @IsInt()
  @Min(1024)
  @Max(10 * 1024 * 1024)
  BODY_LIMIT_BYTES = 256 * 1024;
}
