#!/usr/bin/env node
// `npm run bench`: every benchmark of bench/README.md, one after the other (they measure speed, so
// never in parallel), each printing its figures next to its peer's. `--only language,push` runs a
// subset. Compiles and builds first, as the scripts expect.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const BENCHES = [
  { name: 'activation', script: 'bench/activation.mjs' },
  { name: 'language', script: 'bench/language/run.mjs' },
  { name: 'glob', script: 'bench/language/glob.mjs' },
  { name: 'explorer', script: 'bench/cluster/explorer.mjs' },
  { name: 'explorer-in-host', script: 'bench/cluster/explorerInHost.mjs' },
  { name: 'push', script: 'bench/push/push.mjs' },
  { name: 'deploy', script: 'bench/deploy/readyLatency.mjs' },
  { name: 'redeploy', script: 'bench/deploy/redeploy.mjs' },
];

const onlyAt = process.argv.indexOf('--only');
const only = onlyAt >= 0 ? new Set((process.argv[onlyAt + 1] ?? '').split(',')) : undefined;
const unknown = only ? [...only].filter((n) => !BENCHES.some((b) => b.name === n)) : [];
if (unknown.length > 0) {
  console.error(`unknown benchmark ${unknown.join(', ')}; known: ${BENCHES.map((b) => b.name).join(', ')}`);
  process.exit(2);
}

function run(command, args) {
  const result = spawnSync(command, args, { cwd: repo, stdio: 'inherit' });
  return result.status ?? 1;
}

if (run(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.test.json']) !== 0)
  process.exit(1);
// The bundles as they ship (minified), which is what the VSIX holds.
if (run(process.execPath, ['scripts/build.mjs', '--production']) !== 0) process.exit(1);

const failed = [];
for (const bench of BENCHES.filter((b) => !only || only.has(b.name))) {
  console.log(`\n=== ${bench.name}: node ${bench.script} ===`);
  if (run(process.execPath, [bench.script]) !== 0) failed.push(bench.name);
}
if (failed.length > 0) {
  console.error(`\nbenchmarks that did not complete: ${failed.join(', ')}`);
  process.exit(1);
}
