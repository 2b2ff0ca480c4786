import type { InfrastructureSource } from './choose-infrastructure';

/** Reachable MongoDB-wire and NATS (JetStream) servers for one test run. */
export interface StartedInfrastructure {
  /** `mongodb://host:port/` without a database name. */
  mongoUrl: string;
  /** `nats://host:port`. */
  natsUrl: string;
  source: InfrastructureSource;
  /** Stops what was started (nothing for `env`) and removes its data. Idempotent. */
  stop(): Promise<void>;
}
