// Where things are, for the launchers that run the extension in a real VS Code. They run compiled
// (out/test/...), so the repository root is found by walking up to our own package.json.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

function findRepoRoot(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      const { name } = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string };
      if (name === 'spinkube') return dir;
    }
    if (dirname(dir) === dir) throw new Error(`no spinkube package.json above ${start}`);
  }
}

export const repoRoot = findRepoRoot(__dirname);
/** The pinned code-server install (gitignored). */
export const testHostDir = join(repoRoot, '.test-host');
/** The test host's manifest and lockfile (committed). */
export const testHostSpecDir = join(repoRoot, 'test', 'host');
/** Screenshots of failed UI checks (gitignored). */
export const testResultsDir = join(repoRoot, 'test-results');
export const EXTENSION_ID = 'spinkube-community.spinkube';
