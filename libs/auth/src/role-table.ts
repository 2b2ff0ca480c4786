import { PERMISSIONS, ROLE_PERMISSIONS, ROLES, SCOPED_ROLES } from './roles';

/**
 * The role-to-permission table as Markdown, rendered from the code. `docs/security.md` holds a
 * copy between markers; a test fails when the two differ (print it with `npm run docs:roles`).
 */
export function renderRolePermissionTable(): string {
  const header = `| permission | ${ROLES.join(' | ')} |`;
  const rule = `|---|${ROLES.map(() => ':-:').join('|')}|`;
  const rows = PERMISSIONS.map(
    (permission) =>
      `| \`${permission}\` | ${ROLES.map((role) => (ROLE_PERMISSIONS[role].includes(permission) ? '✓' : '')).join(' | ')} |`,
  );
  const scope = `| *sees* | ${ROLES.map((role) => SCOPED_ROLES[role]).join(' | ')} |`;
  return [header, rule, ...rows, scope].join('\n');
}
