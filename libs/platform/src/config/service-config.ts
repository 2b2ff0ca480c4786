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

  // Delivery (issue 9, decision 0017).

  /**
   * How long an operation waits for a reachable database before it fails. Short, so an event
   * handler sees an outage within seconds and retries in place instead of hanging.
   */
  @IsInt()
  @Min(500)
  @Max(60000)
  MONGO_SERVER_SELECTION_TIMEOUT_MS = 5000;

  /** The outbox sweep doubles its interval while it finds nothing, up to this. */
  @IsInt()
  @Min(50)
  @Max(600000)
  OUTBOX_SWEEP_MAX_MS = 60000;

  /** Failed publishes (not counting outages) after which an outbox entry is parked. */
  @IsInt()
  @Min(1)
  @Max(1000)
  OUTBOX_MAX_ATTEMPTS = 10;

  /** Event handlers running at once per consumer. */
  @IsInt()
  @Min(1)
  @Max(64)
  CONSUMER_CONCURRENCY = 1;

  /** Messages pulled at once per consumer (at most its free handler slots). */
  @IsInt()
  @Min(1)
  @Max(256)
  CONSUMER_PREFETCH = 1;

  /** The server's bound on unacknowledged messages per consumer, over all instances. */
  @IsInt()
  @Min(1)
  @Max(100000)
  CONSUMER_MAX_ACK_PENDING = 100;

  /** How long a stop waits for the events in hand before it closes anyway. */
  @IsInt()
  @Min(0)
  @Max(600000)
  SHUTDOWN_TIMEOUT_MS = 20000;

  /** Replicas of the streams this service declares: 1 on a single node, 3 on a cluster. */
  @IsIn([1, 3, 5])
  STREAM_REPLICAS: 1 | 3 | 5 = 1;

  /** Storage of the streams this service declares. */
  @IsIn(['file', 'memory'])
  STREAM_STORAGE: 'file' | 'memory' = 'file';
}
