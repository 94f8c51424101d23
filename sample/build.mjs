// Builds one component of the sample app into a Wasm component with Spin's JS SDK tools:
// bundle the handler with esbuild, then componentize it with j2w. `node build.mjs hello`
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const name = process.argv[2];
if (!name || !existsSync(join(name, 'src', 'index.js'))) {
  console.error(`usage: node build.mjs <component folder>; "${name ?? ''}" has no src/index.js`);
  process.exit(2);
}
const bundle = join(name, 'build', 'bundle.js');
const wasm = join(name, 'dist', `${name}.wasm`);
// j2w exits 0 even when componentization fails, so remove the old output and check it afterwards.
rmSync(wasm, { force: true });
mkdirSync(join(name, 'dist'), { recursive: true });
const bin = (tool) => join('node_modules', '.bin', tool);
execFileSync(
  bin('esbuild'),
  [join(name, 'src', 'index.js'), '--bundle', '--format=esm', '--platform=browser', `--outfile=${bundle}`],
  { stdio: 'inherit' },
);
execFileSync(bin('j2w'), ['-i', bundle, '--initLocation', `http://${name}.localhost`, '-o', wasm], {
  stdio: 'inherit',
});
if (!existsSync(wasm)) {
  console.error(`build of ${name} produced no ${wasm}`);
  process.exit(1);
}
console.log(`built ${wasm}`);
