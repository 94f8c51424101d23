// Cold start, measured apart from the per-input runs: for each server, the time from spawning its
// process to the answer to `initialize`, over several starts (median, min–max). Ours also once
// with an empty code cache, as on the first start after an install. Each server is started both
// with and without NODE_EXTRA_CA_CERTS when this environment sets it: Node reads every certificate
// that variable names at start-up, whatever the program does, and our client leaves it out of the
// server's environment (src/server/protocol.ts) while other editors' clients pass theirs through.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { startServer } from './lspProcess.mjs';

const CERTS = 'NODE_EXTRA_CA_CERTS';

const withoutCerts = (env) => {
  const copy = { ...env };
  delete copy[CERTS];
  return copy;
};

/** Spawn → exit of `node -e 0`: what any Node program pays before its first line. */
async function bareNodeMs(env) {
  const started = performance.now();
  await new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', '0'], { env, stdio: 'ignore' });
    child.on('exit', resolve);
    child.on('error', reject);
  });
  return performance.now() - started;
}

async function oneStart(server, env, folder, cwd, keepMs = 0) {
  const s = await startServer({ ...server, env, cwd, folder });
  if (keepMs) await new Promise((r) => setTimeout(r, keepMs));
  await s.stop();
  return s.coldStartMs;
}

/**
 * Starts a server with a code cache folder once, opens the given documents and waits until it
 * has written its cache (it does at its first idle second): every later start in the run uses the
 * cache, as every start but the first after an install does.
 */
export async function fillCodeCache(server, env, { folder, cwd, documents }) {
  const cacheDir = env[server.cacheVariable];
  const s = await startServer({ ...server, env, cwd, folder });
  try {
    for (const { uri, languageId, text } of documents) {
      const published = s.nextDiagnostics(uri);
      await s.connection.sendNotification('textDocument/didOpen', {
        textDocument: { uri, languageId, version: 1, text },
      });
      await published;
    }
    const deadline = performance.now() + 15_000;
    while (readdirSync(cacheDir).length === 0 && performance.now() < deadline) {
      await new Promise((r) => setTimeout(r, 250));
    }
  } finally {
    await s.stop();
  }
}

const summary = (xs) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return { median: sorted[Math.floor((sorted.length - 1) / 2)], min: sorted[0], max: sorted.at(-1) };
};

/**
 * Rows `{ server, environment, firstMs?, median, min, max }`, `starts` starts per row. A server
 * with a `cacheVariable` (ours) keeps a code cache in the folder that variable names; it gets an
 * empty one here.
 */
export async function coldStarts({ servers, folder, cwd, starts = 9 }) {
  const environments = [{ name: `${CERTS} removed`, env: withoutCerts(process.env) }];
  if (process.env[CERTS]) environments.push({ name: `${CERTS} set`, env: { ...process.env } });
  const rows = [];
  for (const { name, env } of environments) {
    const bare = [];
    for (let i = 0; i < starts; i++) bare.push(await bareNodeMs(env));
    rows.push({ server: '`node -e 0` (until exit)', environment: name, ...summary(bare) });
  }
  for (const server of servers) {
    for (const { name, env } of environments) {
      const row = { server: server.name, environment: name };
      let serverEnv = env;
      if (server.cacheVariable) {
        // A code cache folder of its own, empty: the first start compiles and writes the cache
        // (a few seconds after start), the next ones use it.
        const cacheDir = mkdtempSync(path.join(folder, 'server-cache-'));
        serverEnv = { ...env, [server.cacheVariable]: cacheDir };
        row.firstMs = await oneStart(server, serverEnv, folder, cwd, 4_000);
        if (readdirSync(cacheDir).length === 0) row.note = 'no code cache was written';
        const times = [];
        for (let i = 0; i < starts; i++) times.push(await oneStart(server, serverEnv, folder, cwd));
        rmSync(cacheDir, { recursive: true, force: true });
        rows.push({ ...row, ...summary(times) });
        continue;
      }
      const times = [];
      for (let i = 0; i < starts; i++) times.push(await oneStart(server, serverEnv, folder, cwd));
      rows.push({ ...row, ...summary(times) });
    }
  }
  return rows;
}

export function coldStartTable(rows, starts) {
  const ms = (x) => (Number.isFinite(x) ? x.toFixed(0) : '–');
  const lines = [
    `| server | environment | first start (empty code cache) ms | median (min–max) of ${starts} starts ms |`,
    '|---|---|---|---|',
  ];
  for (const r of rows) {
    const first = r.firstMs === undefined ? '–' : ms(r.firstMs) + (r.note ? ` (${r.note})` : '');
    lines.push(`| ${r.server} | ${r.environment} | ${first} | ${ms(r.median)} (${ms(r.min)}–${ms(r.max)}) |`);
  }
  return lines.join('\n');
}
