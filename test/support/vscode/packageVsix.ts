// Packages the extension as `npm run package` does (production bundles, then vsce), into a file
// of the caller's choosing, and puts the development bundles back afterwards.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from './repoPaths';

function run(command: string, args: string[]): void {
  const result = spawnSync(command, args, { cwd: repoRoot, encoding: 'utf8' });
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed:\n${result.stdout ?? ''}${result.stderr ?? ''}`);
  }
}

export function packageVsix(outFile: string): void {
  const build = join(repoRoot, 'scripts', 'build.mjs');
  run(process.execPath, [build, '--production']);
  try {
    const vsce = join(repoRoot, 'node_modules', '@vscode', 'vsce', 'vsce');
    run(process.execPath, [vsce, 'package', '--no-dependencies', '--out', outFile]);
  } finally {
    run(process.execPath, [build]);
  }
}
