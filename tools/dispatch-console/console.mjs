#!/usr/bin/env node
// A responder unit's dispatch console: follows the unit's feed over NATS (its own consumer on the
// EMERGENCY stream) and reports progress with a key press (request/reply, answered by emergency).
//
//   npm run dispatch-console -- --unit POLICE [--nats nats://127.0.0.1:4233]
//        [--user responder-POLICE --password-file .local-stack/nats/responder-POLICE.password]
//        [--prefix P] [--state FILE] [--from now|start]
//
// Keys: ↑/↓ (or k/j) pick an incident; a acknowledge, e en route, s on scene, c cleared; q quit.
// The id of the last message shown is saved in --state after each one, so a console started
// again resumes where it stopped, without loss or duplicates (decision 0013).
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { AckPolicy, DeliverPolicy, JetStreamApiError, jetstream, jetstreamManager } from '@nats-io/jetstream';
import { nanos } from '@nats-io/nats-core';
import { connect } from '@nats-io/transport-node';

const require = createRequire(import.meta.url);
const { RESPONDER_UNITS, RESPONDER_UNIT_NAMES, dispatchFeedFilter, responderReportSubject } = require('@pdmc/contracts');
const { physicalStreamName, physicalSubject, responderConsumerName, responderInboxPrefix } = require('@pdmc/messaging');

const STAGES = { a: 'acknowledged', e: 'en_route', s: 'on_scene', c: 'cleared' };

function options() {
  const { values } = parseArgs({
    options: {
      unit: { type: 'string' },
      nats: { type: 'string', default: process.env.NATS_URL ?? 'nats://127.0.0.1:4233' },
      user: { type: 'string' },
      'password-file': { type: 'string' },
      prefix: { type: 'string', default: process.env.BUS_PREFIX },
      state: { type: 'string' },
      from: { type: 'string', default: 'now' },
    },
  });
  if (!RESPONDER_UNITS.includes(values.unit)) throw new Error(`--unit must be one of ${RESPONDER_UNITS.join(', ')}`);
  if (!['now', 'start'].includes(values.from)) throw new Error('--from must be now or start');
  const user = values.user ?? `responder-${values.unit}`;
  const passwordFile = values['password-file'] ?? join('.local-stack', 'nats', `${user}.password`);
  const password = existsSync(passwordFile) ? readFileSync(passwordFile, 'utf8').trim() : undefined;
  return {
    unit: values.unit,
    servers: values.nats,
    user: password ? user : undefined,
    password,
    prefix: values.prefix || undefined,
    state: values.state ?? join('.local-stack', `dispatch-console-${values.unit}.json`),
    from: values.from,
  };
}

/** The saved position and the incidents known at it (so a restarted console lists them again). */
function loadState(file) {
  try {
    const { lastEventId, incidents } = JSON.parse(readFileSync(file, 'utf8'));
    return { lastEventId, incidents: incidents ?? [] };
  } catch {
    return { lastEventId: undefined, incidents: [] };
  }
}

function saveState(file, lastEventId, incidents) {
  const temporary = `${file}.tmp`;
  writeFileSync(temporary, JSON.stringify({ lastEventId, incidents: [...incidents.values()] }));
  renameSync(temporary, file);
}

/**
 * (Re)creates the unit's consumer so it starts after `lastEventId`: a saved id beyond the
 * stream's last message (a rebuilt stream) is reset to the start of the feed, and said so.
 */
async function openConsumer(jsm, stream, name, filter, lastEventId, from, say) {
  const { state } = await jsm.streams.info(stream);
  let start;
  if (lastEventId !== undefined && lastEventId > state.last_seq) {
    say(`reset: saved id ${lastEventId} is unknown to the stream (last ${state.last_seq}); reading the feed from its start`);
    start = { deliver_policy: DeliverPolicy.All };
  } else if (lastEventId !== undefined) {
    start = { deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: lastEventId + 1 };
  } else {
    start = from === 'start' ? { deliver_policy: DeliverPolicy.All } : { deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: state.last_seq + 1 };
  }
  await jsm.consumers.delete(stream, name).catch((error) => {
    if (!(error instanceof JetStreamApiError)) throw error;
  });
  await jsm.consumers.add(stream, {
    name,
    filter_subject: filter,
    ack_policy: AckPolicy.Explicit,
    inactive_threshold: nanos(60 * 60 * 1000),
    ...start,
  });
}

async function main() {
  const o = options();
  const stream = physicalStreamName(o.prefix, 'EMERGENCY');
  const filter = physicalSubject(o.prefix, dispatchFeedFilter(o.unit));
  const name = responderConsumerName(o.unit);
  const nc = await connect({
    servers: o.servers.split(','),
    name: `dispatch-console-${o.unit}`,
    user: o.user,
    pass: o.password,
    inboxPrefix: o.user ? responderInboxPrefix(o.unit) : undefined,
    maxReconnectAttempts: -1,
  });
  const jsm = await jetstreamManager(nc);
  const js = jetstream(nc);

  const saved = loadState(o.state);
  const incidents = new Map(saved.incidents.map((p) => [p.incidentId, p])); // incidentId → last message payload
  const log = [];
  let selected = 0;
  const say = (line) => {
    log.push(`${new Date().toLocaleTimeString('zh-CN', { hour12: false })} ${line}`);
    if (log.length > 12) log.shift();
    render();
  };
  const active = () => [...incidents.values()];
  function render() {
    if (!process.stdout.isTTY) return;
    const rows = active();
    selected = Math.min(selected, Math.max(rows.length - 1, 0));
    const lines = [
      `\x1b[2J\x1b[H${o.unit} ${RESPONDER_UNIT_NAMES[o.unit]} — dispatch console   (↑/↓ pick · a ack · e en route · s on scene · c cleared · q quit)`,
      '',
      ...(rows.length
        ? rows.map((p, i) => {
            const due = p.acknowledgeBy ? `  acknowledge by ${new Date(p.acknowledgeBy).toLocaleTimeString('zh-CN', { hour12: false })}` : '';
            return `${i === selected ? '›' : ' '} ${p.incidentId.slice(0, 8)}  ${p.type}/${p.severity}  ${p.place}  ${p.peopleCount}人  [${p.status}]${due}`;
          })
        : ['  (no open dispatch)']),
      '',
      ...log,
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  }

  async function report(status) {
    const p = active()[selected];
    if (!p) return say('no incident selected');
    try {
      const reply = await nc.request(physicalSubject(o.prefix, responderReportSubject(o.unit)), JSON.stringify({ incidentId: p.incidentId, status }), {
        timeout: 5000,
      });
      const answer = reply.json();
      say(answer.ok ? `reported ${status} for ${p.incidentId.slice(0, 8)}` : `refused: ${answer.error.code} — ${answer.error.message}`);
    } catch (error) {
      say(`report not delivered: ${error.message}`);
    }
  }

  if (process.stdin.isTTY) {
    process.stdin.setRawMode(true);
    process.stdin.setEncoding('utf8');
    process.stdin.on('data', (key) => {
      if (key === 'q' || key === '\u0003') void shutdown();
      else if (key === '\u001b[A' || key === 'k') (selected = Math.max(0, selected - 1)), render();
      else if (key === '\u001b[B' || key === 'j') (selected += 1), render();
      else if (STAGES[key]) void report(STAGES[key]);
    });
  }

  await openConsumer(jsm, stream, name, filter, saved.lastEventId, o.from, (line) => {
    // A reset replays the feed from its start: what was known is rebuilt from it.
    incidents.clear();
    saved.lastEventId = undefined;
    say(line);
  });
  const consumer = await js.consumers.get(stream, name);
  const messages = await consumer.consume();
  async function shutdown() {
    await messages.close().catch(() => undefined);
    await nc.drain().catch(() => undefined);
    if (process.stdin.isTTY) process.stdin.setRawMode(false);
    process.exit(0);
  }
  process.on('SIGTERM', () => void shutdown());
  say(`following ${filter} from ${saved.lastEventId ?? o.from}`);
  let last = saved.lastEventId ?? 0;
  for await (const m of messages) {
    // Redelivered after a lost acknowledgement: shown already, acknowledge again only.
    if (m.seq > last) {
      const { payload } = m.json();
      if (payload.kind === 'incident-closed' || payload.status === 'cleared' || payload.status === 'stood_down') incidents.delete(payload.incidentId);
      else incidents.set(payload.incidentId, payload);
      const line = `#${m.seq} ${payload.kind.padEnd(15)} ${payload.incidentId.slice(0, 8)} ${payload.type}/${payload.severity} ${payload.place}`;
      if (process.stdout.isTTY) say(line);
      else process.stdout.write(`${JSON.stringify({ id: m.seq, kind: payload.kind, payload })}\n`);
      last = m.seq;
      saveState(o.state, last, incidents);
    }
    m.ack();
  }
}

main().catch((error) => {
  process.stderr.write(`dispatch-console: ${error.message}\n`);
  process.exit(1);
});
