// Push benchmark: an app with a 50 MB and a 5 MB component plus 200 small static files, pushed
// to a local docker-registry on 127.0.0.1, next to the floor: curl uploading the same blobs to
// an identical fresh registry (POST + monolithic PUT per blob, 4 at a time, as our push does).
// Then a re-push of the unchanged app. Each run uses fresh registries; the median is reported.
//
//   node bench/push/push.mjs [--runs 3]        (after `npx tsc -p tsconfig.test.json`)
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('../..', import.meta.url).pathname;
const require = createRequire(import.meta.url);
const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg >= 0 ? Number(process.argv[runsArg + 1]) : 3;
const PARALLEL = 4;
const TARGETS = { ratio: 1.2, rssMB: 100, repushBytes: 0 };

const tsc = spawnSync(
  process.execPath,
  [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.test.json'],
  {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
  },
);
// tsc emits even when some other file has a type error; only the compiled modules below matter.
if (tsc.status !== 0) console.warn('tsc reported errors; using the emitted JavaScript');
const { startRegistry } = require(join(root, 'out/test/support/registry.js'));
const { writeLargeWasmModule } = require(join(root, 'out/test/support/wasm.js'));
const { packageApp } = require(join(root, 'out/src/pipeline/package/packageApp.js'));

const work = mkdtempSync(join(tmpdir(), 'spinkube-bench-push-'));
try {
  const manifestPath = await makeApp(work);
  const blobFiles = await blobsOnDisk(manifestPath, join(work, 'blobs'));
  const totalMB = blobFiles.reduce((n, b) => n + b.size, 0) / 1048576;
  console.log(`app: ${blobFiles.length} blobs, ${totalMB.toFixed(1)} MB`);

  const rows = [];
  for (let run = 1; run <= RUNS; run++) {
    const floorRegistry = await startRegistry();
    const curlMs = await curlUpload(floorRegistry.host, 'bench/app', blobFiles);
    await floorRegistry.stop();

    const registry = await startRegistry();
    const reference = `${registry.host}/bench/app:v1`;
    const first = pushOnce(manifestPath, reference);
    const again = pushOnce(manifestPath, reference);
    await registry.stop();
    rows.push({ curlMs, first, again });
    console.log(
      `run ${run}: curl ${curlMs.toFixed(0)} ms | push ${first.ms.toFixed(0)} ms, ${first.maxRssMB.toFixed(0)} MB RSS, ` +
        `${(first.uploadedBytes / 1048576).toFixed(1)} MB sent | re-push ${again.ms.toFixed(0)} ms, ${again.uploadedBytes} B sent`,
    );
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const curl = median(rows.map((r) => r.curlMs));
  const push = median(rows.map((r) => r.first.ms));
  const rss = Math.max(...rows.map((r) => r.first.maxRssMB));
  const repushMs = median(rows.map((r) => r.again.ms));
  const repushBytes = Math.max(...rows.map((r) => r.again.uploadedBytes));
  const ratio = push / curl;
  const perRun = rows.map((r) => r.first.ms / r.curlMs);
  console.log('');
  console.log(`curl floor (median)       ${curl.toFixed(0)} ms`);
  console.log(
    `push (median)             ${push.toFixed(0)} ms   = ${ratio.toFixed(2)}x the floor (target ≤ ${TARGETS.ratio}x)`,
  );
  console.log(
    `ratio per run             ${perRun.map((x) => x.toFixed(2)).join(', ')} (median ${median(perRun).toFixed(2)}x)`,
  );
  console.log(`push peak RSS (max)       ${rss.toFixed(0)} MB (target < ${TARGETS.rssMB} MB)`);
  console.log(
    `re-push (median)          ${repushMs.toFixed(0)} ms, ${repushBytes} blob bytes sent (target ${TARGETS.repushBytes})`,
  );
  const ok = ratio <= TARGETS.ratio && rss < TARGETS.rssMB && repushBytes === TARGETS.repushBytes;
  console.log(ok ? 'all targets met' : 'TARGET MISSED');
  process.exitCode = ok ? 0 : 1;
} finally {
  rmSync(work, { recursive: true, force: true });
}

async function makeApp(dir) {
  await writeLargeWasmModule(join(dir, 'big.wasm'), 50 * 1048576);
  await writeLargeWasmModule(join(dir, 'medium.wasm'), 5 * 1048576);
  mkdirSync(join(dir, 'static'));
  for (let i = 0; i < 200; i++)
    writeFileSync(join(dir, 'static', `file-${i}.txt`), randomBytes(1024 + i * 37));
  const toml =
    'spin_manifest_version = 2\n[application]\nname = "bench"\nversion = "1.0.0"\n' +
    '[[trigger.http]]\nroute = "/..."\ncomponent = "big"\n[[trigger.http]]\nroute = "/m/..."\ncomponent = "medium"\n' +
    '[component.big]\nsource = "big.wasm"\nfiles = ["static/*"]\n[component.medium]\nsource = "medium.wasm"\n';
  writeFileSync(join(dir, 'spin.toml'), toml);
  return join(dir, 'spin.toml');
}

/** The blobs our push sends (config, layers), each as a file for curl. */
async function blobsOnDisk(manifestPath, dir) {
  mkdirSync(dir);
  const packaged = await packageApp({ manifestPath });
  return [packaged.config, ...packaged.layers].map((blob, i) => {
    if ('file' in blob.content) return { digest: blob.digest, size: blob.size, file: blob.content.file };
    const file = join(dir, `blob-${i}`);
    writeFileSync(file, blob.content.bytes);
    return { digest: blob.digest, size: blob.size, file };
  });
}

function run(cmd, args) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve(out) : reject(new Error(`${cmd} exited with ${code}`)),
    );
  });
}

/**
 * The floor: curl, with no per-blob process start. One curl run POSTs all upload sessions
 * (4 at a time), a second PUTs every blob monolithically to one of them (4 at a time, reusing
 * connections, no `Expect: 100-continue` wait). No existence checks: everything is sent.
 */
async function curlUpload(host, repository, blobs) {
  const start = performance.now();
  const post = [
    '-sS',
    '--no-progress-meter',
    '--parallel',
    '--parallel-max',
    String(PARALLEL),
    '-X',
    'POST',
    '-w',
    '%header{location}\\n',
  ];
  for (let i = 0; i < blobs.length; i++) post.push(`http://${host}/v2/${repository}/blobs/uploads/`);
  const locations = (await run('curl', post)).split('\n').filter((l) => l.trim() !== '');
  if (locations.length !== blobs.length)
    throw new Error(`expected ${blobs.length} upload locations, got ${locations.length}`);
  const config = blobs
    .map((blob, i) => {
      const url = new URL(locations[i], `http://${host}`);
      url.searchParams.set('digest', blob.digest);
      return `upload-file = "${blob.file}"\nurl = "${url}"\n`;
    })
    .join('');
  const configFile = join(work, 'curl-put.cfg');
  writeFileSync(configFile, config);
  const put = [
    '-sS',
    '--no-progress-meter',
    '--parallel',
    '--parallel-max',
    String(PARALLEL),
    '-H',
    'Content-Type: application/octet-stream',
  ];
  put.push('-H', 'Expect:', '-o', '/dev/null', '-w', '%{http_code}\\n', '-K', configFile);
  const codes = (await run('curl', put)).split('\n').filter((l) => l.trim() !== '');
  if (codes.length !== blobs.length || codes.some((c) => c !== '201'))
    throw new Error(`curl PUT answered ${[...new Set(codes)]}`);
  return performance.now() - start;
}

function pushOnce(manifestPath, reference) {
  const r = spawnSync(process.execPath, [join(root, 'bench/push/pushOnce.mjs'), manifestPath, reference], {
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`push failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop());
}
