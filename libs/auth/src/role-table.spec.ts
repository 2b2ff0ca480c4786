import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderRolePermissionTable } from './role-table';

describe('docs/security.md', () => {
  it('shows the role-to-permission table exactly as the code defines it', () => {
    const doc = readFileSync(join(__dirname, '../../../docs/security.md'), 'utf8');
    const match = /<!-- role-permissions:start -->\n([\s\S]*?)\n<!-- role-permissions:end -->/.exec(doc);
    expect(match).not.toBeNull();
    // If this fails, run `npm run docs:roles` and paste its output between the markers.
    expect(match![1]).toBe(renderRolePermissionTable());
  });
});
