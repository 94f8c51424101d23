// Run Locally against `jco serve --isolate-requests instance` on the sample's hello component, in
// the same run: requests per second (8 concurrent clients), p50/p99 latency (one client), and the
// time from start to the first response with the transpile cache cold and warm.
// `node bench/localRun/serve.mjs [--requests 200]` after `npx tsc -p tsconfig.test.json`.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const root = new URL('../..', import.meta.url).pathname;
const { startLocalRun } = require(join(root, 'out/src/localRun/localRunner.js'));
const { builtSampleApp } = require(join(root, 'out/test/support/sampleComponents.js'));
const at = process.argv.indexOf('--requests');
const REQUESTS = at > 0 ? Number(process.argv[at + 1]) : 200;

const percentile = (values, p) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))];

async function measure(url) {
  const latencies = [];
  for (let i = 0; i < REQUESTS; i++) {
    const started = performance.now();
    await (await fetch(url)).text();
    latencies.push(performance.now() - started);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  let left = REQUESTS;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (left-- > 0) await (await fetch(url)).text();
    }),
  );
  const rps = REQUESTS / ((performance.now() - started) / 1000);
  return { p50: percentile(latencies, 0.5), p99: percentile(latencies, 0.99), rps };
}

async function firstResponse(app, cacheFolder) {
  const started = performance.now();
  const run = await startLocalRun({
    manifestPath: join(app, 'spin.toml'),
    port: 0,
    cacheFolder,
    env: {},
    onMessage: () => {},
  });
  await (await fetch(`${run.url}/hello/`)).text();
  const ms = performance.now() - started;
  return { run, ms };
}

const app = builtSampleApp();
const cache = mkdtempSync(join(tmpdir(), 'spinkube-bench-cache-'));
const cold = await firstResponse(app, cache);
await cold.run.stop();
const warm = await firstResponse(app, cache);
const ours = await measure(`${warm.run.url}/hello/x`);
await warm.run.stop();

const jco = spawn(
  join(root, 'node_modules/.bin/jco'),
  ['serve', '--isolate-requests', 'instance', '--port', '18765', join(app, 'hello/dist/hello.wasm')],
  {
    stdio: ['ignore', 'pipe', 'pipe'],
  },
);
const deadline = Date.now() + 300_000;
for (;;) {
  try {
    await (await fetch('http://localhost:18765/')).text();
    break;
  } catch {
    if (Date.now() > deadline) throw new Error('jco serve did not start');
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
const peer = await measure('http://localhost:18765/hello/x');
jco.kill();
rmSync(cache, { recursive: true, force: true });
const f = (n) => n.toFixed(1);
console.log(`first response: cold cache ${f(cold.ms)} ms, warm cache ${f(warm.ms)} ms`);
console.log(`Run Locally     : ${f(ours.rps)} req/s, p50 ${f(ours.p50)} ms, p99 ${f(ours.p99)} ms`);
console.log(`jco serve (inst): ${f(peer.rps)} req/s, p50 ${f(peer.p50)} ms, p99 ${f(peer.p99)} ms`);
process.exit(0);
