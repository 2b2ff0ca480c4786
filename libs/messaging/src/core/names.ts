/**
 * Logical names (`intake.petition.registered.v1`, `INTAKE`) are what contracts and code speak;
 * physical names are what the NATS server sees. A prefix maps one onto the other so that test
 * files (or tenants) can share one server without ever seeing each other's messages.
 */

const PREFIX_PATTERN = /^[A-Za-z0-9_-]+$/;
const SUBJECT_TOKEN = /^[A-Za-z0-9_-]+$/;

function assertPrefix(prefix: string): void {
  if (!PREFIX_PATTERN.test(prefix)) {
    throw new Error(`Messaging prefix "${prefix}" must be one subject token of [A-Za-z0-9_-]`);
  }
}

/** The subject on the wire for a logical subject: `${prefix}.${subject}`, or the subject itself. */
export function physicalSubject(prefix: string | undefined, subject: string): string {
  if (!prefix) return subject;
  assertPrefix(prefix);
  return `${prefix}.${subject}`;
}

/**
 * The logical subject for a subject seen on the wire. Throws when the subject lies outside the
 * prefix's namespace, because that means a subscription leaked across namespaces.
 */
export function logicalSubject(prefix: string | undefined, physical: string): string {
  if (!prefix) return physical;
  assertPrefix(prefix);
  const head = `${prefix}.`;
  if (!physical.startsWith(head) || physical.length === head.length) {
    throw new Error(`Subject "${physical}" is outside the namespace "${prefix}"`);
  }
  return physical.slice(head.length);
}

/**
 * The stream name on the server: `${PREFIX}_${name}` restricted to `[A-Z0-9_]` (stream names may
 * not contain dots, wildcards or spaces), or the name itself when there is no prefix.
 */
export function physicalStreamName(prefix: string | undefined, name: string): string {
  if (!prefix) return name;
  assertPrefix(prefix);
  return `${prefix}_${name}`.toUpperCase().replace(/[^A-Z0-9_]/g, '_');
}

/**
 * The durable consumer name for one (service, event) pair: `${service}__${subject with dots → _}`.
 * Durable names may not contain dots, so the subject's tokens are joined with underscores.
 */
export function durableName(service: string, subject: string): string {
  const name = `${service}__${subject.replace(/\./g, '_')}`;
  if (!/^[A-Za-z0-9_-]+$/.test(name)) {
    throw new Error(`Durable name "${name}" (service "${service}", subject "${subject}") is not valid`);
  }
  return name;
}

/** True for a concrete subject (tokens of `[A-Za-z0-9_-]`, no wildcards) that may be published to. */
export function isConcreteSubject(subject: string): boolean {
  return subject.split('.').every((token) => SUBJECT_TOKEN.test(token));
}

/**
 * The inbox prefix of a service's connections: replies to its requests (JetStream API answers,
 * publish acknowledgements, pulled messages) arrive on `_INBOX_<service>.<random>`, so each
 * service may subscribe to its own inboxes only (see natsPermissionsFor).
 */
export function inboxPrefixFor(service: string): string {
  if (!/^[a-z][a-z0-9-]*$/.test(service)) throw new Error(`inboxPrefixFor: "${service}" is not a service name`);
  return `_INBOX_${service}`;
}
