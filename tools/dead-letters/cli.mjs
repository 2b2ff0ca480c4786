#!/usr/bin/env node
// The operator's dead-letter desk from a terminal: a client of each service's audited
// /admin/dead-letters endpoints (libs/platform), so the CLI and the HTTP API leave the same audit
// trail and need the same permissions (dead_letter.read, dead_letter.manage).
//
//   npm run dead-letters -- list    [--service S | --all] [--after SEQ] [--limit N]
//   npm run dead-letters -- show    --service S SEQ
//   npm run dead-letters -- replay  --service S SEQ [SEQ...]
//   npm run dead-letters -- discard --service S SEQ [SEQ...]
//
// Where: --url http://host:port (the service), or --service with the local stack's ports
// (intake 3001, routing 3002, handling 3003, emergency 3004, funds 3005). Who: --token, or
// $PDMC_TOKEN, or (local stack only) a token minted for an administrator by the local issuer
// in --auth-dir (default .local-stack/secrets/auth). Exit code 0 when every step succeeded.
import { parseArgs } from 'node:util';
import { localIssuer, requestJson } from '../demo-data/lib/local.mjs';

const LOCAL_PORTS = { intake: 3001, routing: 3002, handling: 3003, emergency: 3004, funds: 3005 };

function usage(message) {
  if (message) process.stderr.write(`dead-letters: ${message}\n`);
  process.stderr.write(
    'usage: npm run dead-letters -- list|show|replay|discard [--service S | --all | --url URL] [--token T] [SEQ...]\n',
  );
  process.exit(2);
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    service: { type: 'string' },
    all: { type: 'boolean', default: false },
    url: { type: 'string' },
    token: { type: 'string' },
    'auth-dir': { type: 'string', default: '.local-stack/secrets/auth' },
    after: { type: 'string' },
    limit: { type: 'string' },
    json: { type: 'boolean', default: false },
  },
});
const [command, ...seqs] = positionals;
if (!['list', 'show', 'replay', 'discard'].includes(command ?? '')) usage(command ? `unknown command ${command}` : 'a command is needed');
if (seqs.some((s) => !/^[1-9]\d*$/.test(s))) usage('sequences are positive integers');
if (command !== 'list' && seqs.length === 0) usage(`${command} needs at least one SEQ`);

function targets() {
  if (values.url) return [{ service: values.service ?? values.url, url: values.url.replace(/\/+$/, '') }];
  const names = values.all ? Object.keys(LOCAL_PORTS) : values.service ? [values.service] : [];
  if (names.length === 0) usage('name the service (--service S), --all, or --url');
  if (names.some((n) => !(n in LOCAL_PORTS))) usage(`unknown service ${names.join(', ')}`);
  if (command !== 'list' && names.length > 1) usage(`${command} works on one service at a time`);
  return names.map((service) => ({ service, url: `http://127.0.0.1:${LOCAL_PORTS[service]}` }));
}

async function token() {
  if (values.token) return values.token;
  if (process.env.PDMC_TOKEN) return process.env.PDMC_TOKEN;
  const issuer = await localIssuer(values['auth-dir']);
  return issuer.mint({ sub: `cli-${process.env.USER ?? 'operator'}`, roles: ['administrator'] });
}

function explain(res) {
  if (res.status === 0) return `unreachable (${res.error})`;
  return `${res.status} ${res.body?.code ?? ''} ${res.body?.message ?? ''}`.trim();
}

function row(l) {
  const age = Math.round((Date.now() - Date.parse(l.deadLetteredAt)) / 60_000);
  return [
    String(l.seq).padStart(6),
    `${age}m`.padStart(6),
    String(l.deliveryCount).padStart(3),
    l.replaying ? 'replaying' : l.subject,
    l.consumer,
    l.eventId ?? '-',
    (l.error ?? '').slice(0, 80),
  ].join('  ');
}

const bearer = await token();
let failed = false;
for (const { service, url } of targets()) {
  if (command === 'list') {
    const query = new URLSearchParams();
    if (values.after) query.set('after', values.after);
    if (values.limit) query.set('limit', values.limit);
    const res = await requestJson('GET', `${url}/admin/dead-letters?${query}`, { token: bearer });
    if (res.status !== 200) {
      process.stderr.write(`${service}: ${explain(res)}\n`);
      failed = true;
      continue;
    }
    if (values.json) {
      process.stdout.write(`${JSON.stringify({ service, ...res.body })}\n`);
      continue;
    }
    const stats = res.body.stats;
    process.stdout.write(
      `== ${service}: ${stats ? `${stats.count} dead letter(s), oldest ${Math.round(stats.oldestAgeSeconds / 60)} min` : 'count unavailable'}\n`,
    );
    if (res.body.items.length) {
      process.stdout.write(`${['   seq', '   age', 'dlv', 'subject', 'consumer', 'event', 'error'].join('  ')}\n`);
      for (const letter of res.body.items) process.stdout.write(`${row(letter)}\n`);
    }
    continue;
  }
  for (const seq of seqs) {
    const [method, path] = {
      show: ['GET', `/admin/dead-letters/${seq}`],
      replay: ['POST', `/admin/dead-letters/${seq}/replay`],
      discard: ['DELETE', `/admin/dead-letters/${seq}`],
    }[command];
    const res = await requestJson(method, `${url}${path}`, { token: bearer });
    if (res.status !== 200) {
      process.stderr.write(`${service} ${command} ${seq}: ${explain(res)}\n`);
      failed = true;
      continue;
    }
    if (command === 'show') process.stdout.write(`${JSON.stringify(res.body, null, 2)}\n`);
    else process.stdout.write(`${service} ${command === 'replay' ? 'replayed' : 'discarded'} ${seq} (event ${res.body.eventId ?? '-'}, ${res.body.subject})\n`);
  }
}
process.exit(failed ? 1 : 0);
