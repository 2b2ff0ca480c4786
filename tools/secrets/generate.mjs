#!/usr/bin/env node
// Local and demo secrets, kept in one folder and reused on later runs (data encrypted with the
// personal-data keys must stay readable): a token issuer's key pair and JWKS (auth/), and the
// personal-data encryption and index keys (pii/). Never for production: there the centre's
// identity provider signs tokens and the keys come from its secret store.
//   node tools/secrets/generate.mjs --out DIR [--owner UID:GID]
import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const require = createRequire(import.meta.url);

function writeSecret(path, value, owner) {
  writeFileSync(path, `${value}\n`, { mode: 0o600 });
  chmodSync(path, 0o600);
  if (owner) chownSync(path, owner.uid, owner.gid);
}

/** Creates what is missing under `out` and returns the settings services need. */
export async function ensureLocalSecrets({ out, owner }) {
  const { DevTokenIssuer } = require('@pdmc/auth');
  const authDir = join(out, 'auth');
  const piiDir = join(out, 'pii');
  mkdirSync(authDir, { recursive: true });
  mkdirSync(piiDir, { recursive: true, mode: 0o700 });
  const issuer = await DevTokenIssuer.create({ dir: authDir });

  const files = { keys: join(piiDir, 'keys'), active: join(piiDir, 'active-key-id'), index: join(piiDir, 'index-key') };
  if (!existsSync(files.keys)) {
    const kid = `local-${new Date().toISOString().slice(0, 10).replace(/-/g, '')}`;
    writeSecret(files.keys, `${kid}:${randomBytes(32).toString('base64')}`, owner);
    writeSecret(files.active, kid, owner);
    writeSecret(files.index, randomBytes(32).toString('base64'), owner);
  }
  if (owner) chownSync(piiDir, owner.uid, owner.gid);
  const read = (path) => readFileSync(path, 'utf8').trim();
  return {
    authDir,
    auth: { AUTH_ISSUER: issuer.issuer, AUTH_AUDIENCE: issuer.audience, AUTH_JWKS_URL: issuer.jwksUrl },
    piiFiles: files,
    pii: { PII_KEYS: read(files.keys), PII_ACTIVE_KEY_ID: read(files.active), PII_INDEX_KEY: read(files.index) },
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { out: { type: 'string' }, owner: { type: 'string' } } });
  if (!values.out) {
    process.stderr.write('usage: generate.mjs --out DIR [--owner UID:GID]\n');
    process.exit(2);
  }
  const [uid, gid] = (values.owner ?? '').split(':').map(Number);
  const owner = values.owner ? { uid, gid } : undefined;
  const result = await ensureLocalSecrets({ out: resolve(values.out), owner });
  process.stdout.write(`secrets ready in ${resolve(values.out)} (token issuer ${result.auth.AUTH_ISSUER})\n`);
}
