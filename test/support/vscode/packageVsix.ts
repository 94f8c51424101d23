// Packages the extension as `npm run package` does (production bundles, then vsce), into a file
// of the caller's choosing, and puts the development bundles back afterwards.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './repoPaths';

function run(command: string, args: string[]): void {
  const result = spawnSync(command, args, { cwd: repoRoot, encoding: 'utf8' });
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed:\n${result.stdout ?? ''}${result.stderr ?? ''}`);
  }
}

/** Returns the sizes in bytes of the production bundles that went into the package, by file name. */
export function packageVsix(outFile: string): Record<string, number> {
  const build = join(repoRoot, 'scripts', 'build.mjs');
  run(process.execPath, [build, '--production']);
  try {
    const dist = join(repoRoot, 'dist');
    const sizes: Record<string, number> = {};
    for (const name of readdirSync(dist)) {
      if (name.endsWith('.js')) sizes[name] = statSync(join(dist, name)).size;
    }
    const vsce = join(repoRoot, 'node_modules', '@vscode', 'vsce', 'vsce');
    run(process.execPath, [vsce, 'package', '--no-dependencies', '--out', outFile]);
    return sizes;
  } finally {
    run(process.execPath, [build]);
  }
}
