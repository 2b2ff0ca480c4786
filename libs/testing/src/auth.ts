import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DevTokenIssuer, type Role } from '@pdmc/auth';
import type { WorkUnit } from '@pdmc/contracts';

export interface TestUser {
  sub?: string;
  roles: Role[];
  units?: WorkUnit[];
  bodies?: string[];
  responderUnit?: string;
}

export interface TestAuth {
  issuer: DevTokenIssuer;
  /** `AUTH_ISSUER`, `AUTH_AUDIENCE`, `AUTH_JWKS_URL` for a service under test. */
  env: Record<'AUTH_ISSUER' | 'AUTH_AUDIENCE' | 'AUTH_JWKS_URL', string>;
  /** A signed token for the user. */
  token(user: TestUser): Promise<string>;
  /** `{ authorization: 'Bearer …' }` for the user. */
  headers(user: TestUser): Promise<Record<string, string>>;
  cleanup(): void;
}

/** A local token issuer with its own key pair in a temporary folder, for one test file. */
export async function createTestAuth(): Promise<TestAuth> {
  const dir = mkdtempSync(join(tmpdir(), 'pdmc-auth-'));
  const issuer = await DevTokenIssuer.create({ dir });
  const token = (user: TestUser) =>
    issuer.mint({ sub: user.sub ?? `test-${user.roles.join('-')}`, roles: user.roles, units: user.units, bodies: user.bodies, responderUnit: user.responderUnit });
  return {
    issuer,
    env: { AUTH_ISSUER: issuer.issuer, AUTH_AUDIENCE: issuer.audience, AUTH_JWKS_URL: issuer.jwksUrl },
    token,
    headers: async (user) => ({ authorization: `Bearer ${await token(user)}` }),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}
