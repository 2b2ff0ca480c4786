import {
  CASE_RETURNED_V1,
  CASE_TERMINATED_V1,
  PETITION_MERGED_V1,
  CASE_DECIDED_V1,
  CASE_OPENED_V1,
  DISPATCH_FEED_STREAM,
  dispatchFeedFilter,
  responderReportSubject,
  type ResponderUnit,
  PETITION_FLAGS_CHANGED_V1,
  DEAD_LETTER_STREAM,
  PETITION_ACCEPTED_V1,
  PETITION_REGISTERED_V1,
  PETITION_ROUTED_V1,
  STREAMS,
  findEventDefinition,
  type ProducerName,
  CALENDAR_CHANGED_V1,
  MEETING_CONCLUDED_V1,
  APPLICATION_SUBMITTED_V1,
  APPLICATION_APPROVED_V1,
  APPLICATION_REJECTED_V1,
  DISBURSEMENT_RECORDED_V1,
  DISBURSEMENT_REVERSED_V1,
  EXTENSION_GRANTED_V1,
  MEETING_TASK_COMPLETED_V1,
  CASE_SERVED_V1,
  // Supervision (issue 14)
  PETITION_DECLINED_V1,
  EVALUATION_SUBMITTED_V1,
  CASE_ACCEPTED_V1,
  CASE_CLOSED_V1,
  CASE_CEASED_V1,
  REVIEW_REQUESTED_V1,
  REVIEW_DECIDED_V1,
  REEXAMINATION_REQUESTED_V1,
  REEXAMINATION_DECIDED_V1,
  APPLICATION_WITHDRAWN_V1,
  APPLICATION_CANCELLED_V1,
  TASK_ISSUED_V1,
  TASK_REPORTED_V1,
  INCIDENT_REPORTED_V1,
} from '@pdmc/contracts';
import { deadLetterSubject } from './dead-letter';
import { replaySubject } from './dead-letters';
import { durableName, inboxPrefixFor, physicalStreamName, physicalSubject } from './names';

/** What routing's supervision module consumes besides the two subjects routing already did. */
const SUPERVISION_CONSUMES: readonly string[] = [
  PETITION_REGISTERED_V1,
  PETITION_DECLINED_V1,
  PETITION_MERGED_V1,
  PETITION_FLAGS_CHANGED_V1,
  EVALUATION_SUBMITTED_V1,
  CASE_OPENED_V1,
  CASE_ACCEPTED_V1,
  EXTENSION_GRANTED_V1,
  CASE_DECIDED_V1,
  CASE_SERVED_V1,
  CASE_CLOSED_V1,
  CASE_CEASED_V1,
  CASE_TERMINATED_V1,
  REVIEW_REQUESTED_V1,
  REVIEW_DECIDED_V1,
  REEXAMINATION_REQUESTED_V1,
  REEXAMINATION_DECIDED_V1,
  TASK_ISSUED_V1,
  TASK_REPORTED_V1,
  MEETING_CONCLUDED_V1,
  INCIDENT_REPORTED_V1,
  DISBURSEMENT_RECORDED_V1,
  DISBURSEMENT_REVERSED_V1,
].map((d) => d.subject);

/**
 * The event subjects each service consumes today, one durable consumer each. Keep it in step
 * with the services' `@EventPattern` handlers: a handler missing here is refused by the server
 * at start-up (permission violation on `$JS.API.CONSUMER.CREATE...`), never silently.
 */
export const CONSUMES: Readonly<Record<ProducerName, readonly string[]>> = {
  // Intake follows its petitions downstream so the petitioner can see unit, deadline and decision.
  intake: [
    PETITION_ROUTED_V1.subject,
    CASE_OPENED_V1.subject,
    CASE_DECIDED_V1.subject,
    // Terminated matters are refused when the same person brings them again (issue #12); intake
    // reads its own registrations to check repeats that arrived before the termination.
    CASE_TERMINATED_V1.subject,
    PETITION_REGISTERED_V1.subject,
    // The petitioner's look-up shows an approved extension: the new date and why (art. 34).
    EXTENSION_GRANTED_V1.subject,
    // ... and the steps after the decision: service, review, re-examination, cessation (issue #12).
    CASE_SERVED_V1.subject,
    REVIEW_REQUESTED_V1.subject,
    REVIEW_DECIDED_V1.subject,
    REEXAMINATION_REQUESTED_V1.subject,
    REEXAMINATION_DECIDED_V1.subject,
    CASE_CEASED_V1.subject,
    // The acceptance deadline is counted on the calendar an administrator keeps in routing.
    CALENDAR_CHANGED_V1.subject,
  ],
  // Routing acts only on accepted petitions (信访工作条例 art. 22-23); emergency on every
  // registered one, since risk is assessed at the front desk, and on flags staff raise later.
  routing: [
    PETITION_ACCEPTED_V1.subject,
    // A unit's objection returns the case to the dispatcher's desk (issue #13).
    CASE_RETURNED_V1.subject,
    // Supervision (issue 14) watches every deadline and counts the centre's numbers from all five services.
    ...SUPERVISION_CONSUMES,
  ],
  // Handling follows merges so a merged petition's case ends with it.
  handling: [
    PETITION_ROUTED_V1.subject,
    PETITION_MERGED_V1.subject,
    // The case view shows the joint meetings held for the case and its settlements (issues #13, #16).
    MEETING_CONCLUDED_V1.subject,
    MEETING_TASK_COMPLETED_V1.subject,
    APPLICATION_SUBMITTED_V1.subject,
    APPLICATION_APPROVED_V1.subject,
    APPLICATION_REJECTED_V1.subject,
    DISBURSEMENT_RECORDED_V1.subject,
    DISBURSEMENT_REVERSED_V1.subject,
    APPLICATION_WITHDRAWN_V1.subject,
    APPLICATION_CANCELLED_V1.subject,
    // Periods are counted on the calendar an administrator keeps in routing (issue #13 point 6).
    CALENDAR_CHANGED_V1.subject,
  ],
  emergency: [PETITION_REGISTERED_V1.subject, PETITION_FLAGS_CHANGED_V1.subject],
  // Funds pays only for cases it knows; a terminated case is refused where the fund's rule says so.
  funds: [CASE_OPENED_V1.subject, CASE_TERMINATED_V1.subject],
};

/** Every service that connects to NATS, in a stable order. */
export const MESSAGING_SERVICES: readonly ProducerName[] = Object.keys(STREAMS) as ProducerName[];

/** A nats-server `permissions` block: subjects a user may publish to and subscribe to. */
export interface NatsPermissions {
  publish: { allow: string[] };
  subscribe: { allow: string[] };
  /**
   * Lets the user answer requests it received (one reply each), without a publish permission
   * on `_INBOX.>`, which would let it forge replies to other services' requests, JetStream
   * publish acknowledgements included.
   */
  allowResponses: boolean;
}

const JS_API = '$JS.API';

/**
 * What `service` may do on NATS, mirroring what `JetStreamServer`, `consumeDurable`, `Bus` and
 * the dead-letter code do for it and nothing more:
 *
 * publish
 * - `<service>.>`: its own events (its stream captures them) and requests to its own namespace;
 * - `dlq.<service>.>`: dead letters of its own consumers;
 * - `$JS.API.INFO`: `jetstreamManager()` checks JetStream is enabled when connecting;
 * - `$JS.API.STREAM.{INFO,CREATE,UPDATE}.<stream>` for its own stream, the streams it consumes
 *   from and DEAD_LETTERS: `ensureStream` creates or updates them at start-up, so services start
 *   in any order;
 * - per consumed event, on the producer's stream and only for its own durable
 *   (`<service>__<subject>`):
 *   - `$JS.API.CONSUMER.CREATE.<stream>.<durable>.<filter>`: the create/update form nats.js 3
 *     uses with servers >= 2.9; the server checks the filter in the subject against the config,
 *     so the durable cannot be re-pointed at other subjects of the stream. The older
 *     `CONSUMER.DURABLE.CREATE.<stream>.<durable>` form is not granted: nats.js 3 never uses it
 *     here, and it carries no such check;
 *   - `$JS.API.CONSUMER.INFO.<stream>.<durable>`: `consumers.get` and `consumers.update`;
 *   - `$JS.API.CONSUMER.MSG.NEXT.<stream>.<durable>`: pull requests;
 *   - `$JS.ACK.<stream>.<durable>.>`: ack, nak (with delay) and term of delivered messages.
 *
 * subscribe
 * - `_INBOX_<service>.>`: replies to its own requests (JetStream API, publish acks, pulled
 *   messages); its connections use that inbox prefix (`inboxPrefixFor`), so no service can
 *   read another's replies or pulled messages;
 * - `<service>.>`: its own request subjects (`@MessagePattern`, queue group `<service>`).
 *
 * Answers to requests are allowed by `allowResponses`. Stream and subject names get the
 * `prefix` (`BUS_PREFIX`) exactly as `Bus` applies it.
 */
export function natsPermissionsFor(
  service: ProducerName,
  options: { prefix?: string } = {},
): NatsPermissions {
  const consumes = CONSUMES[service];
  if (!consumes) throw new Error(`No NATS permissions for unknown service "${service}"`);
  const subject = (logical: string): string => physicalSubject(options.prefix, logical);
  const stream = (logical: string): string => physicalStreamName(options.prefix, logical);

  const consumers = consumes.map((eventSubject) => {
    const definition = findEventDefinition(eventSubject);
    if (!definition) {
      throw new Error(
        `CONSUMES.${service} names "${eventSubject}", which is no known event (EVENT_REGISTRY)`,
      );
    }
    return {
      stream: stream(STREAMS[definition.producer].name),
      durable: durableName(service, eventSubject),
      filter: subject(eventSubject),
    };
  });
  const streams = unique([
    stream(STREAMS[service].name),
    ...consumers.map((c) => c.stream),
    stream(DEAD_LETTER_STREAM.name),
  ]);

  const publish = [
    subject(`${service}.>`),
    subject(deadLetterSubject(service, '>')),
    `${JS_API}.INFO`,
    ...streams.flatMap((name) => ['INFO', 'CREATE', 'UPDATE'].map((op) => `${JS_API}.STREAM.${op}.${name}`)),
    // Dead letters: read, replay (through its own replay consumer) and discard its own.
    ...deadLetterAdministration(service, stream(DEAD_LETTER_STREAM.name), subject),
    ...consumers.flatMap(({ stream: name, durable, filter }) => [
      `${JS_API}.CONSUMER.CREATE.${name}.${durable}.${filter}`,
      `${JS_API}.CONSUMER.INFO.${name}.${durable}`,
      `${JS_API}.CONSUMER.MSG.NEXT.${name}.${durable}`,
      `$JS.ACK.${name}.${durable}.>`,
    ]),
  ];
  const extra = SERVICE_EXTRAS[service]?.(options.prefix) ?? { publish: [], subscribe: [] };
  return {
    publish: { allow: unique([...publish, ...extra.publish]) },
    subscribe: { allow: unique([`${inboxPrefixFor(service)}.>`, subject(`${service}.>`), ...extra.subscribe]) },
    allowResponses: true,
  };
}

// --- Emergency response (issue 15): dispatch feeds read back from the stream, responder desks ---

/**
 * What a service needs beyond consuming and producing events. Emergency reads its own stream
 * back for the units' feeds (ordered consumers filtered on `emergency.dispatch.>`, which nats.js
 * names `<random>_<n>` and deletes when it resets them; single messages by subject), and answers
 * responder units' reports on `responders.*.status-reports`.
 */
const SERVICE_EXTRAS: Partial<Record<ProducerName, (prefix?: string) => { publish: string[]; subscribe: string[] }>> = {
  emergency: (prefix) => {
    const stream = physicalStreamName(prefix, DISPATCH_FEED_STREAM);
    const feeds = physicalSubject(prefix, 'emergency.dispatch.>');
    return {
      publish: [
        `${JS_API}.CONSUMER.CREATE.${stream}.*.${feeds}`,
        `${JS_API}.CONSUMER.INFO.${stream}.*`,
        `${JS_API}.CONSUMER.DELETE.${stream}.*`,
        `${JS_API}.CONSUMER.MSG.NEXT.${stream}.*`,
        `${JS_API}.STREAM.MSG.GET.${stream}`,
      ],
      subscribe: [physicalSubject(prefix, 'responders.*.status-reports')],
    };
  },
};

/** The JetStream consumer a responder unit's console reads its feed through (one per unit). */
export function responderConsumerName(unit: ResponderUnit): string {
  return `console_${unit}`;
}

/** The inbox prefix of a responder unit's connections (it may subscribe there only). */
export function responderInboxPrefix(unit: ResponderUnit): string {
  return `_INBOX_responder_${unit}`;
}

/**
 * What a responder unit's desk (the dispatch console) may do on NATS, and nothing more:
 * follow its own feed through its own named consumer on the EMERGENCY stream (create it with
 * its unit's filter only, read, acknowledge, delete it to start again elsewhere), and report
 * progress on its own report subject, where the emergency service answers. It reads no other
 * unit's feed, no other subject of the stream and no other service's stream.
 */
export function responderPermissionsFor(unit: ResponderUnit, options: { prefix?: string } = {}): NatsPermissions {
  const stream = physicalStreamName(options.prefix, DISPATCH_FEED_STREAM);
  const consumer = responderConsumerName(unit);
  return {
    publish: {
      allow: [
        `${JS_API}.INFO`,
        // Stream state only (sequence numbers), so the desk can tell a saved position it never got.
        `${JS_API}.STREAM.INFO.${stream}`,
        `${JS_API}.CONSUMER.CREATE.${stream}.${consumer}.${physicalSubject(options.prefix, dispatchFeedFilter(unit))}`,
        `${JS_API}.CONSUMER.INFO.${stream}.${consumer}`,
        `${JS_API}.CONSUMER.DELETE.${stream}.${consumer}`,
        `${JS_API}.CONSUMER.MSG.NEXT.${stream}.${consumer}`,
        `$JS.ACK.${stream}.${consumer}.>`,
        physicalSubject(options.prefix, responderReportSubject(unit)),
      ],
    },
    subscribe: { allow: [`${responderInboxPrefix(unit)}.>`] },
    allowResponses: false,
  };
}

/** A service's NATS account: the service names the permissions. */
export interface NatsServiceUser {
  service: ProducerName;
  user: string;
  /** Written as given: a literal, or a `$VARIABLE` that nats-server takes from its environment. */
  password: string;
}

/** Another user (operations, test plumbing); without `permissions` it may do everything. */
export interface NatsExtraUser {
  user: string;
  password: string;
  permissions?: NatsPermissions;
}

/** Options of {@link renderNatsServerConfig}. */
export interface NatsServerConfigOptions {
  services: readonly NatsServiceUser[];
  /** Client port; -1 lets the server pick a free one (and log it). */
  port: number;
  /** JetStream storage directory, as the server sees it. */
  storeDir: string;
  /**
   * How often JetStream flushes its files to disk: `always` (every write is on disk before it is
   * acknowledged: what a single server needs), or a duration such as `2m` (the server default,
   * enough on an R3 cluster where a majority holds each message). Needs nats-server ≥ 2.10;
   * left out, the server default applies.
   */
  syncInterval?: string;
  /** Listen address; the server's default (all interfaces) when left out. */
  host?: string;
  /** `BUS_PREFIX` the services run with, if any. */
  prefix?: string;
  extraUsers?: readonly NatsExtraUser[];
}

const USER_NAME = /^[A-Za-z0-9_.@-]+$/;
const VARIABLE_REFERENCE = /^\$[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * nats-server configuration text: JetStream with its store, and one user per service with the
 * permissions of {@link natsPermissionsFor}. Clients without valid credentials are refused.
 * The text holds the passwords as given, so store it like a secret.
 */
export function renderNatsServerConfig(options: NatsServerConfigOptions): string {
  if (!Number.isInteger(options.port) || options.port < -1 || options.port > 65535) {
    throw new Error(`NATS port must be an integer from -1 to 65535, got ${options.port}`);
  }
  const users = [
    ...options.services.map((s) => ({
      user: s.user,
      password: s.password,
      permissions: natsPermissionsFor(s.service, { prefix: options.prefix }) as NatsPermissions | undefined,
    })),
    ...(options.extraUsers ?? []),
  ];
  if (users.length === 0) throw new Error('A NATS configuration needs at least one user');
  const seen = new Set<string>();
  for (const { user } of users) {
    if (!USER_NAME.test(user)) throw new Error(`NATS user name "${user}" must match ${USER_NAME}`);
    if (seen.has(user)) throw new Error(`NATS user "${user}" is listed twice`);
    seen.add(user);
  }

  const lines = [
    '# Generated by renderNatsServerConfig (@pdmc/messaging); holds passwords, keep it private.',
  ];
  if (options.host) lines.push(`host: ${quote(options.host, 'host')}`);
  lines.push(`port: ${options.port}`, '');
  if (options.syncInterval !== undefined && !/^(always|\d+(ms|s|m|h))$/.test(options.syncInterval)) {
    throw new Error(`NATS syncInterval must be "always" or a duration such as 2m, got "${options.syncInterval}"`);
  }
  lines.push(
    'jetstream {',
    `  store_dir: ${quote(options.storeDir, 'storeDir')}`,
    ...(options.syncInterval ? [`  sync_interval: ${options.syncInterval}`] : []),
    '}',
    '',
  );
  lines.push('authorization {', '  users: [');
  for (const { user, password, permissions } of users) {
    lines.push(
      '    {',
      `      user: ${quote(user, 'user')}`,
      `      password: ${renderPassword(user, password)}`,
    );
    if (permissions) {
      lines.push(
        '      permissions: {',
        ...allowBlock('publish', permissions.publish.allow),
        ...allowBlock('subscribe', permissions.subscribe.allow),
        `        allow_responses: ${permissions.allowResponses}`,
        '      }',
      );
    }
    lines.push('    }');
  }
  lines.push('  ]', '}', '');
  return lines.join('\n');
}

function renderPassword(user: string, password: string): string {
  if (!password) throw new Error(`NATS user "${user}" has an empty password`);
  // Unquoted, nats-server resolves `$NAME` from its environment; quoted, it is taken literally.
  return VARIABLE_REFERENCE.test(password) ? password : quote(password, `password of ${user}`);
}

/**
 * A double-quoted config string. Quoting keeps `$JS...` subjects from being read as variables;
 * quotes, backslashes and control characters are refused rather than escaped.
 */
function quote(value: string, what: string): string {
  if (!value || /["\\\p{Cc}]/u.test(value)) {
    throw new Error(
      `NATS config ${what} must be non-empty, without quotes, backslashes or control characters`,
    );
  }
  return `"${value}"`;
}

/** One subject per line, so that a reviewer can read what each service may do. */
function allowBlock(kind: 'publish' | 'subscribe', subjects: readonly string[]): string[] {
  const items = subjects.map(
    (s, i) => `            ${quote(s, `${kind} subject`)}${i < subjects.length - 1 ? ',' : ''}`,
  );
  return [`        ${kind}: {`, '          allow: [', ...items, '          ]', '        }'];
}

/**
 * What the dead-letter tools of `service` need on the dead-letter stream: reading letters by
 * subject (`STREAM.MSG.GET`), removing them (`STREAM.MSG.DELETE`) and the replay consumer
 * `<service>__replay` on `dlq.<service>._replay.>`. Reads are not limited to the service's own
 * subjects by the server (a message get names only the stream); `DeadLetters` asks only for them.
 */
function deadLetterAdministration(
  service: ProducerName,
  dlqStream: string,
  subject: (logical: string) => string,
): string[] {
  const durable = `${service}__replay`;
  return [
    `${JS_API}.STREAM.MSG.GET.${dlqStream}`,
    `${JS_API}.STREAM.MSG.DELETE.${dlqStream}`,
    `${JS_API}.CONSUMER.CREATE.${dlqStream}.${durable}.${subject(replaySubject(service, '>'))}`,
    `${JS_API}.CONSUMER.INFO.${dlqStream}.${durable}`,
    `${JS_API}.CONSUMER.MSG.NEXT.${dlqStream}.${durable}`,
    `$JS.ACK.${dlqStream}.${durable}.>`,
  ];
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}
