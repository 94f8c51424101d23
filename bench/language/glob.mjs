// `node bench/language/glob.mjs` (after `npx tsc -p tsconfig.test.json`): how long one `files` /
// `exclude_files` match takes with SpinKube's matcher (src/language/spinGlob.ts, no backtracking)
// beside picomatch (the usual npm matcher, compiled to a regular expression), on the patterns apps
// use and on patterns made to make a backtracking matcher explode. The peer's pathological runs are
// stopped at a budget, so the script always finishes.
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';

const require = createRequire(import.meta.url);
const { ExcludePattern, FilesGlob } = require('../../out/src/language/spinGlob.js');
const picomatch = require('picomatch');

const TYPICAL = [
  ['static/**/*', 'static/css/site.css'],
  ['static/*.html', 'static/index.html'],
  ['**/*.map', 'dist/js/app.js.map'],
  ['assets/[a-z]*.png', 'assets/logo.png'],
];
/** Pathological: `*a` repeated, against a name of `a`s that does not end in `b`. */
const pathological = (stars, length) => [`${'*a'.repeat(stars)}*b`, `${'a'.repeat(length)}c`];

function timeOf(fn, rounds) {
  const start = performance.now();
  for (let i = 0; i < rounds; i++) fn();
  return (performance.now() - start) / rounds;
}

const fmt = (ms) => (ms < 0.01 ? `${(ms * 1000).toFixed(2)} µs` : `${ms.toFixed(2)} ms`);

console.log('pattern | path length | SpinKube files / exclude_files | picomatch');
for (const [pattern, file] of TYPICAL) {
  const files = new FilesGlob(pattern);
  const exclude = new ExcludePattern(pattern);
  const peer = picomatch(pattern);
  const ours = `${fmt(timeOf(() => files.matches(file), 20000))} / ${fmt(timeOf(() => exclude.matches(file), 20000))}`;
  console.log(`${pattern} | ${file.length} | ${ours} | ${fmt(timeOf(() => peer(file), 20000))}`);
}
const BUDGET_MS = 20_000;
for (const [stars, length] of [
  [6, 30],
  [8, 41],
]) {
  const [pattern, file] = pathological(stars, length);
  const files = new FilesGlob(pattern);
  const exclude = new ExcludePattern(pattern);
  const ours = `${fmt(timeOf(() => files.matches(file), 200))} / ${fmt(timeOf(() => exclude.matches(file), 200))}`;
  const peer = picomatch(pattern);
  // One peer run; when one run already passes the budget, the larger cases are not tried.
  const peerMs = timeOf(() => peer(file), 1);
  console.log(`${pattern} | ${file.length} | ${ours} | ${fmt(peerMs)}`);
  if (peerMs > BUDGET_MS) break;
}
