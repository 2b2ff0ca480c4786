#!/usr/bin/env node
/**
 * Mints a staff token with the local stack's dev issuer (see DevTokenIssuer); for the local
 * stack and tests only. Prints the token alone on stdout, so `$(...)` can capture it.
 */
import { parseArgs } from 'node:util';
import { WORK_UNITS, type WorkUnit } from '@pdmc/contracts';
import { DevTokenIssuer } from '../dev/dev-token-issuer';
import { isRole, ROLES, type Role } from '../roles';

const USAGE = `Usage: node libs/auth/dist/cli/mint-token.js --dir <folder> --sub <user-id> --roles <role>[,<role>...]
         [--units <unit>[,...]] [--bodies <body>[,...]] [--responder-unit <id>] [--name <name>]
         [--expires <duration>] [--issuer <url>] [--audience <aud>]

Mints a staff token signed by the dev key in <folder> (created when missing) and prints it.
For the local stack and tests only.

  --expires   lifetime: 90s, 30m, 8h, 1d or plain seconds (default 1h)
  --roles     ${ROLES.join(', ')}
  --units     ${WORK_UNITS.join(', ')}
  --bodies    e.g. area:HX, dept:justice
`;

class UsageError extends Error {}

const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400 };

function parseDuration(text: string): number {
  const match = /^(\d+)([smhd]?)$/.exec(text);
  if (!match) throw new UsageError(`--expires: not a duration: ${text}`);
  const seconds = Number(match[1]) * UNIT_SECONDS[match[2] || 's'];
  if (seconds <= 0) throw new UsageError('--expires must be positive');
  return seconds;
}

function list(text: string | undefined): string[] {
  return text ? text.split(',').map((item) => item.trim()).filter(Boolean) : [];
}

async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      dir: { type: 'string' },
      sub: { type: 'string' },
      roles: { type: 'string' },
      units: { type: 'string' },
      bodies: { type: 'string' },
      'responder-unit': { type: 'string' },
      name: { type: 'string' },
      expires: { type: 'string' },
      issuer: { type: 'string' },
      audience: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return;
  }
  if (!values.dir) throw new UsageError('--dir is required');
  if (!values.sub) throw new UsageError('--sub is required');
  const roles = list(values.roles);
  if (roles.length === 0) throw new UsageError('--roles is required');
  // A typo must not silently yield a token with fewer rights than intended.
  const unknownRoles = roles.filter((role) => !isRole(role));
  if (unknownRoles.length) throw new UsageError(`unknown role(s): ${unknownRoles.join(', ')}`);
  const units = list(values.units);
  const unknownUnits = units.filter((unit) => !(WORK_UNITS as readonly string[]).includes(unit));
  if (unknownUnits.length) throw new UsageError(`unknown work unit(s): ${unknownUnits.join(', ')}`);

  const issuer = await DevTokenIssuer.create({
    dir: values.dir,
    ...(values.issuer ? { issuer: values.issuer } : {}),
    ...(values.audience ? { audience: values.audience } : {}),
  });
  const token = await issuer.mint({
    sub: values.sub,
    name: values.name,
    roles: roles as Role[],
    units: units as WorkUnit[],
    bodies: list(values.bodies),
    responderUnit: values['responder-unit'],
    expiresInSec: values.expires ? parseDuration(values.expires) : 3600,
  });
  process.stdout.write(`${token}\n`);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  const usage = error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
  process.stderr.write(`mint-token: ${error instanceof Error ? error.message : String(error)}\n${usage ? `\n${USAGE}` : ''}`);
  process.exitCode = usage ? 2 : 1;
});
