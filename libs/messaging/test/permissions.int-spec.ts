import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { createInterface } from 'node:readline';
import {
  DEAD_LETTER_STREAM,
  PETITION_ACCEPTED_V1,
  PETITION_REGISTERED_V1,
  PETITION_ROUTED_V1,
  STREAMS,
} from '@pdmc/contracts';
import {
  Bus,
  UnprocessableMessageError,
  consumeDurable,
  durableName,
  inboxPrefixFor,
  ensureDeadLetterStream,
  renderNatsServerConfig,
  type DurableConsumer,
} from '../src';
import { eventually, petitionAcceptedEnvelope, petitionRegisteredEnvelope, uniquePrefix } from './support';

// Each service connects with its own user and only the permissions natsPermissionsFor grants.
// The shared test server has no users, so this file starts a nats-server of its own, once
// without and once with a BUS_PREFIX (the prefix must reach the permissions as Bus applies it).

/** What routing consumes: only petitions the centre accepted. */
const ACCEPTED = PETITION_ACCEPTED_V1.subject;
/** What emergency consumes, and routing no longer may. */
const REGISTERED = PETITION_REGISTERED_V1.subject;
const quiet = { log: () => undefined, warn: () => undefined, error: () => undefined };

interface NatsServer {
  url: string;
  /** The server's "Publish Violation" / "Subscription Violation" log lines so far. */
  violations: string[];
  stop(): Promise<void>;
}

function natsServerBinary(): string {
  const dirs = [...(process.env.PATH ?? '').split(delimiter), '/usr/sbin', '/usr/local/sbin'];
  const found = dirs
    .filter(Boolean)
    .map((dir) => join(dir, 'nats-server'))
    .find((path) => existsSync(path));
  if (!found) throw new Error('this test starts a nats-server: install the Debian package nats-server');
  return found;
}

/** Starts nats-server with `config` (rendered with port -1) and resolves once it is ready. */
async function startNatsServer(dir: string, config: string): Promise<NatsServer> {
  const file = join(dir, 'nats.conf');
  await writeFile(file, config, { mode: 0o600 });
  const child = spawn(natsServerBinary(), ['-c', file], { stdio: ['ignore', 'pipe', 'pipe'] });
  const output: string[] = [];
  const violations: string[] = [];
  const url = await new Promise<string>((resolve, reject) => {
    let port: string | undefined;
    const fail = (): void => reject(new Error(`nats-server did not start:\n${output.join('\n')}`));
    const timer = setTimeout(fail, 15_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`nats-server exited (${code}):\n${output.join('\n')}`));
    });
    for (const stream of [child.stdout, child.stderr]) {
      createInterface({ input: stream }).on('line', (line) => {
        output.push(line);
        if (/ - (Publish|Subscription) Violation - /.test(line)) violations.push(line);
        port ??= /Listening for client connections on [^\s]+:(\d+)/.exec(line)?.[1];
        if (port && line.includes('Server is ready')) {
          clearTimeout(timer);
          resolve(`nats://127.0.0.1:${port}`);
        }
      });
    }
  });
  return {
    url,
    violations,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

function password(): string {
  return randomBytes(18).toString('base64url');
}

describe.each([
  ['without a prefix', undefined],
  ['with a BUS_PREFIX', uniquePrefix()],
])('NATS permissions per service (%s)', (_title, prefix) => {
  const credentials = {
    intake: { user: 'intake', password: password() },
    routing: { user: 'routing', password: password() },
    operator: { user: 'operator', password: password() },
  };
  let dir: string;
  let server: NatsServer;
  const buses: Bus[] = [];
  const consumers: DurableConsumer[] = [];
  let violationsBefore = 0;

  /** Violations the server logged since the test began. */
  function newViolations(): string[] {
    return server.violations.slice(violationsBefore);
  }

  /** Waits for `count` violations of this test to reach the log, so none spills into the next. */
  function loggedViolations(count: number): Promise<string[]> {
    const enough = (): string[] | false => newViolations().length >= count && newViolations();
    return eventually(enough, 2_000, `${count} violation(s) in the server log`);
  }

  async function connectAs(who: keyof typeof credentials, pass = credentials[who].password): Promise<Bus> {
    const { user } = credentials[who];
    const name = `${who}-permissions-test`;
    const inboxPrefix = who === 'operator' ? undefined : inboxPrefixFor(who);
    const bus = await Bus.connect({ servers: server.url, name, prefix, user, pass, inboxPrefix });
    buses.push(bus);
    return bus;
  }

  async function intakeMessages(bus: Bus): Promise<number> {
    return (await bus.jetstreamManager.streams.info(bus.streamName(STREAMS.intake.name))).state.messages;
  }

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pdmc-nats-permissions-'));
    const config = renderNatsServerConfig({
      services: [
        { service: 'intake', ...credentials.intake },
        { service: 'routing', ...credentials.routing },
      ],
      extraUsers: [credentials.operator],
      host: '127.0.0.1',
      port: -1,
      storeDir: join(dir, 'jetstream'),
      prefix,
    });
    server = await startNatsServer(dir, config);
  });

  beforeEach(() => {
    violationsBefore = server.violations.length;
  });

  afterEach(async () => {
    await Promise.all(consumers.splice(0).map((c) => c.stop()));
  });

  afterAll(async () => {
    await Promise.all(buses.splice(0).map((bus) => bus.drain().catch(() => undefined)));
    await server?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('lets intake ensure its stream and publish its own events', async () => {
    const intake = await connectAs('intake');
    await intake.ensureStream(STREAMS.intake);
    await ensureDeadLetterStream(intake);

    const registered = await intake.publish(petitionRegisteredEnvelope());
    const accepted = await intake.publish(petitionAcceptedEnvelope());

    expect(registered).toEqual({ seq: expect.any(Number), duplicate: false });
    expect(registered.seq).toBeGreaterThan(0);
    expect(accepted).toEqual({ seq: registered.seq + 1, duplicate: false });
    expect(newViolations()).toEqual([]);
  });

  it("refuses routing publishing intake's event, and stores nothing", async () => {
    const intake = await connectAs('intake');
    await intake.ensureStream(STREAMS.intake);
    const routing = await connectAs('routing');
    const before = await intakeMessages(intake);

    // Routing cannot accept a petition on the centre's behalf.
    await expect(routing.publish(petitionAcceptedEnvelope())).rejects.toMatchObject({
      name: 'RequestError',
      message: expect.stringContaining(`Permissions Violation for Publish to "${routing.subject(ACCEPTED)}"`),
      cause: { name: 'PermissionViolationError', operation: 'publish', subject: routing.subject(ACCEPTED) },
    });

    expect(await intakeMessages(intake)).toBe(before);
    expect(routing.isConnected()).toBe(true);
    expect(await loggedViolations(1)).toEqual([
      expect.stringContaining(`Publish Violation - User "routing", Subject "${routing.subject(ACCEPTED)}"`),
    ]);
  });

  it('lets routing publish its own subjects', async () => {
    const routing = await connectAs('routing');
    await routing.ensureStream(STREAMS.routing);
    const envelope = {
      ...petitionRegisteredEnvelope(),
      type: PETITION_ROUTED_V1.subject,
      producer: 'routing' as const,
    };

    await expect(routing.publish(envelope)).resolves.toMatchObject({ duplicate: false });
    expect(newViolations()).toEqual([]);
  });

  it("refuses routing another service's durable consumer and stream administration", async () => {
    const intake = await connectAs('intake');
    await intake.ensureStream(STREAMS.intake);
    const routing = await connectAs('routing');
    const stream = routing.streamName(STREAMS.intake.name);

    // Emergency's durable on registered petitions.
    await expect(
      routing.jetstreamManager.consumers.add(stream, {
        durable_name: durableName('emergency', REGISTERED),
        filter_subject: routing.subject(REGISTERED),
      }),
    ).rejects.toMatchObject({
      cause: {
        name: 'PermissionViolationError',
        subject: expect.stringMatching(/^\$JS\.API\.CONSUMER\.CREATE\./),
      },
    });
    // Its own durable re-pointed at registered petitions, i.e. routing before acceptance.
    await expect(
      routing.jetstreamManager.consumers.add(stream, {
        durable_name: durableName('routing', ACCEPTED),
        filter_subject: routing.subject(REGISTERED),
      }),
    ).rejects.toMatchObject({
      cause: {
        name: 'PermissionViolationError',
        subject: expect.stringMatching(/^\$JS\.API\.CONSUMER\.CREATE\./),
      },
    });
    await expect(routing.jetstreamManager.streams.delete(stream)).rejects.toMatchObject({
      cause: { name: 'PermissionViolationError', subject: `$JS.API.STREAM.DELETE.${stream}` },
    });
    const refused = 'Publish Violation - User "routing", Subject';
    const create = `$JS.API.CONSUMER.CREATE.${stream}`;
    expect(await loggedViolations(3)).toEqual([
      expect.stringContaining(`${refused} "${create}.${durableName('emergency', REGISTERED)}.`),
      expect.stringContaining(`${refused} "${create}.${durableName('routing', ACCEPTED)}.${routing.subject(REGISTERED)}"`),
      expect.stringContaining(`${refused} "$JS.API.STREAM.DELETE.${stream}"`),
    ]);
  });

  it("lets routing consume intake's accepted event through its own durable and ack it", async () => {
    const intake = await connectAs('intake');
    await intake.ensureStream(STREAMS.intake);
    const envelope = petitionAcceptedEnvelope();
    const { seq } = await intake.publish(envelope);
    const routing = await connectAs('routing');
    // What JetStreamServer does at start-up for a consumer of INTAKE.
    await routing.ensureStream(STREAMS.intake);
    await ensureDeadLetterStream(routing);
    const durable = durableName('routing', ACCEPTED);
    const intakeStream = routing.streamName(STREAMS.intake.name);
    const seen: string[] = [];

    consumers.push(
      await consumeDurable({
        bus: routing,
        stream: STREAMS.intake.name,
        durable,
        filterSubject: ACCEPTED,
        service: 'routing',
        maxDeliver: 3,
        backoffMs: [100],
        ackWaitMs: 5_000,
        onMessage: async (message) => {
          seen.push((JSON.parse(Buffer.from(message.data).toString('utf8')) as { id: string }).id);
        },
        logger: quiet,
      }),
    );

    await eventually(() => seen.includes(envelope.id), 10_000, 'the event at routing');
    const acked = await eventually(async () => {
      const info = await routing.jetstreamManager.consumers.info(intakeStream, durable);
      return info.ack_floor.stream_seq >= seq && info.num_ack_pending === 0 && info;
    }, 5_000, 'the ack');
    expect(acked.ack_floor.stream_seq).toBeGreaterThanOrEqual(seq);
    expect(newViolations()).toEqual([]);
  });

  it('lets routing dead-letter an event it cannot process to dlq.routing.>', async () => {
    const intake = await connectAs('intake');
    await intake.ensureStream(STREAMS.intake);
    await ensureDeadLetterStream(intake);
    const routing = await connectAs('routing');
    const deadLetterStream = routing.streamName(DEAD_LETTER_STREAM.name);
    const deadLetters = async (): Promise<number> =>
      (await routing.jetstreamManager.streams.info(deadLetterStream)).state.messages;
    const before = await deadLetters();
    await intake.publish(petitionAcceptedEnvelope());

    consumers.push(
      await consumeDurable({
        bus: routing,
        stream: STREAMS.intake.name,
        durable: durableName('routing', ACCEPTED),
        filterSubject: ACCEPTED,
        service: 'routing',
        maxDeliver: 3,
        backoffMs: [100],
        ackWaitMs: 5_000,
        onMessage: async () => {
          throw new UnprocessableMessageError('payload breaks the contract');
        },
        logger: quiet,
      }),
    );

    await eventually(async () => (await deadLetters()) > before, 10_000, 'a dead letter from routing');
    expect(newViolations()).toEqual([]);
  });

  it('lets routing answer requests without a publish permission on _INBOX.>', async () => {
    const routing = await connectAs('routing');
    const operator = await connectAs('operator');
    // The ROUTING stream captures routing.>, requests included, and would answer first with a
    // publish ack; the services have no request handlers yet.
    const routingStream = operator.streamName(STREAMS.routing.name);
    await operator.jetstreamManager.streams.delete(routingStream).catch(() => false);
    routing.connection.subscribe(routing.subject('routing.work-unit.lookup'), {
      queue: 'routing',
      callback: (_err, msg) => {
        msg.respond(JSON.stringify({ workUnit: 'LABOUR' }));
      },
    });
    await routing.connection.flush();

    await expect(operator.request('routing.work-unit.lookup', { categoryId: 1 }, 2_000)).resolves.toEqual({
      workUnit: 'LABOUR',
    });
    expect(newViolations()).toEqual([]);
  });

  it('lets a service read only its own inboxes: neither the shared _INBOX.> nor another service’s', async () => {
    const routing = await connectAs('routing');
    routing.connection.subscribe('_INBOX.>');
    routing.connection.subscribe('_INBOX_intake.>');
    await routing.connection.flush();
    const refused = await loggedViolations(2);
    expect(refused.join('\n')).toContain('_INBOX.>');
    expect(refused.join('\n')).toContain('_INBOX_intake.>');
    // Its own requests still get their answers, on its own inbox.
    await expect(routing.jetstreamManager.getAccountInfo()).resolves.toMatchObject({ streams: expect.any(Number) });
  });

  it('refuses a connection with a wrong password or none', async () => {
    await expect(connectAs('routing', 'not-the-password')).rejects.toMatchObject({
      name: 'AuthorizationError',
    });
    await expect(Bus.connect({ servers: server.url, name: 'anonymous', prefix })).rejects.toMatchObject({
      name: 'AuthorizationError',
    });
  });
});
