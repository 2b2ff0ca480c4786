#!/usr/bin/env node
// Writes a nats-server configuration with one user per service, each allowed only the subjects
// it needs (natsPermissionsFor in @pdmc/messaging), and one password file per service
// (<service>.password). Runs after the libraries are built: it uses the built @pdmc/messaging, so
// the permissions come from the same code the services are tested against.
//
//   node tools/nats/generate-config.mjs --out DIR [--port 4222] [--host ADDR] [--store-dir /data]
//                                       [--prefix P] [--owner UID:GID] [--rotate]
//                                       [--sync-interval always|2m]
//
// Existing password files are kept unless --rotate is given, so a server that is still running
// and the services it serves keep agreeing. --owner hands the password files to the services'
// user (the config file stays with the caller: only nats-server reads it).
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

export const CONFIG_FILE = 'nats.conf';

/** Path of the password file of `service` in `dir`. */
export function passwordFile(dir, service) {
  return join(dir, `${service}.password`);
}

/**
 * Writes `<out>/nats.conf` and `<out>/<service>.password` (mode 0600) and returns, per service,
 * its user name, password and password file.
 */
export function generateNatsConfig(options) {
  const { out, port = 4222, host, storeDir = '/data', prefix, owner, rotate = false, syncInterval } = options;
  const require = createRequire(import.meta.url);
  const { MESSAGING_SERVICES, renderNatsServerConfig, responderPermissionsFor } = require('@pdmc/messaging');
  const { RESPONDER_UNITS } = require('@pdmc/contracts');
  const dir = resolve(out);
  // With --owner the services' user must reach its password file, but never own the folder (it
  // could then replace nats.conf): traverse only. An existing folder (a volume) is left as it is.
  mkdirSync(dir, { recursive: true, mode: owner ? 0o711 : 0o700 });

  const services = MESSAGING_SERVICES.map((service) => {
    const file = passwordFile(dir, service);
    const kept = !rotate && existsSync(file) ? readFileSync(file, 'utf8').trim() : '';
    // 24 random bytes in base64url: 192 bits, and no character the config would have to escape.
    const password = kept || randomBytes(24).toString('base64url');
    writeSecret(file, `${password}\n`, owner);
    return { service, user: service, password, passwordFile: file };
  });
  // Responder units' desks (dispatch console): one user each, `responder-<UNIT>`, that follows
  // its own feed and reports for itself only (responderPermissionsFor).
  const responders = RESPONDER_UNITS.map((unit) => {
    const user = `responder-${unit}`;
    const file = passwordFile(dir, user);
    const kept = !rotate && existsSync(file) ? readFileSync(file, 'utf8').trim() : '';
    const password = kept || randomBytes(24).toString('base64url');
    writeSecret(file, `${password}\n`, owner);
    return { unit, user, password, passwordFile: file, permissions: responderPermissionsFor(unit, { prefix }) };
  });
  const extraUsers = responders.map(({ user, password, permissions }) => ({ user, password, permissions }));
  writeSecret(join(dir, CONFIG_FILE), renderNatsServerConfig({ services, port, host, storeDir, prefix, extraUsers, syncInterval }));
  return { configFile: join(dir, CONFIG_FILE), services, responders };
}

/** Replaces `file` atomically, readable by its owner only. */
function writeSecret(file, text, owner) {
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, text, { mode: 0o600 });
  chmodSync(temporary, 0o600);
  if (owner) chownSync(temporary, owner.uid, owner.gid);
  renameSync(temporary, file);
}

function parseOwner(value) {
  const match = /^(\d+):(\d+)$/.exec(value ?? '');
  if (!match) throw new Error(`--owner must read UID:GID (e.g. 1000:1000), got "${value}"`);
  return { uid: Number(match[1]), gid: Number(match[2]) };
}

function main() {
  const { values } = parseArgs({
    options: {
      out: { type: 'string' },
      port: { type: 'string', default: '4222' },
      host: { type: 'string' },
      'store-dir': { type: 'string', default: '/data' },
      prefix: { type: 'string' },
      owner: { type: 'string' },
      rotate: { type: 'boolean', default: false },
      'sync-interval': { type: 'string' },
    },
  });
  if (!values.out) throw new Error('--out DIR is required');
  const port = Number(values.port);
  const { configFile, services } = generateNatsConfig({
    out: values.out,
    port,
    host: values.host,
    storeDir: values['store-dir'],
    prefix: values.prefix,
    owner: values.owner === undefined ? undefined : parseOwner(values.owner),
    rotate: values.rotate,
    syncInterval: values['sync-interval'],
  });
  const names = services.map((s) => s.service).join(', ');
  process.stdout.write(`wrote ${configFile} and password files for ${names}\n`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    main();
  } catch (error) {
    process.stderr.write(`generate-config: ${error.message}\n`);
    process.exit(1);
  }
}
