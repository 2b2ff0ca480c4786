import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Walks up from `start` to the folder holding `nx.json`, the monorepo root. */
export function findRepoRoot(start: string = __dirname): string {
  let dir = start;
  for (;;) {
    if (existsSync(join(dir, 'nx.json'))) {
      return dir;
    }
    const parent = dirname(dir);
    if (parent === dir) {
      throw new Error(`No nx.json found in ${start} or any parent folder; is this inside the monorepo?`);
    }
    dir = parent;
  }
}
