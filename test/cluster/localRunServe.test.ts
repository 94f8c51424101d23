// Run Locally end to end with the sample's real JavaScript components (built with Spin's JS SDK
// tools from npm): every route, Spin's headers as the guest sees them, a fresh instance per
// request, outbound HTTP allowed and denied, watch-mode swap, and `spinkube up`.
import { strict as assert } from 'node:assert';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { runUpCommand } from '../../src/cli/up/upCommand';
import { startLocalRun, type LocalRun } from '../../src/localRun/localRunner';
import { pipelineBuild } from '../../src/localRun/pipelineBuild';
import { requestLogLine } from '../../src/localRun/requestLog';
import { builtSampleApp, copyBuiltApp } from '../support/sampleComponents';
import { tempFolder, type TempFolder } from '../support/tempFolder';

const UPSTREAM = `const s = require('node:http').createServer((q, r) => r.end('from upstream'));
s.listen(0, '127.0.0.1', () => console.log(s.address().port));`;

let built: string;
const cache = tempFolder('spinkube-transpiled');

function appCopy(): TempFolder {
  const folder = tempFolder('spinkube-localrun-app');
  copyBuiltApp(built, folder.path);
  return folder;
}

async function get(url: string): Promise<{ status: number; body: string }> {
  const response = await fetch(url);
  return { status: response.status, body: await response.text() };
}

interface Started {
  readonly run: LocalRun;
  readonly messages: string[];
  readonly requests: string[];
}

async function start(folder: TempFolder, extra: { watch?: boolean; port?: number } = {}): Promise<Started> {
  const messages: string[] = [];
  const requests: string[] = [];
  const manifestPath = folder.file('spin.toml');
  const run = await startLocalRun({
    manifestPath,
    port: extra.port ?? 0,
    cacheFolder: cache.path,
    env: {},
    ...(extra.watch
      ? { watch: true, build: pipelineBuild({ manifestPath, trusted: true, say: (l) => messages.push(l) }) }
      : {}),
    onMessage: (line) => messages.push(line),
    onRequest: (entry) => requests.push(requestLogLine(entry)),
    onComponentLog: (id, line) => messages.push(`[${id}] ${line}`),
  });
  return { run, messages, requests };
}

before(() => {
  built = builtSampleApp();
});

after(() => cache.remove());

describe('Run Locally with the sample app', () => {
  let folder: TempFolder;
  let started: Started;
  let upstream: ChildProcess;
  let upstreamPort: number;

  before(async () => {
    // In another process: a guest's outbound request blocks this process's main thread until answered.
    upstream = spawn(process.execPath, ['-e', UPSTREAM], { stdio: ['ignore', 'pipe', 'inherit'] });
    upstreamPort = await new Promise<number>((resolve) =>
      upstream.stdout?.once('data', (chunk: Buffer) => resolve(Number(chunk.toString().trim()))),
    );
    folder = appCopy();
    started = await start(folder);
  });

  after(async () => {
    await started?.run.stop();
    upstream?.kill();
    folder?.remove();
  });

  it('serves every route with the component’s answer, 404 with an empty body elsewhere, and the health check', async () => {
    const url = started.run.url;
    assert.deepEqual(await get(`${url}/hello/anything`), {
      status: 200,
      body: 'Hello from Spin on Kubernetes\n',
    });
    assert.deepEqual(await get(`${url}/hello`), { status: 200, body: 'Hello from Spin on Kubernetes\n' });
    assert.deepEqual(await get(`${url}/echo/a/b?x=1`), {
      status: 200,
      body: '{"method":"GET","path":"/echo/a/b"}\n',
    });
    assert.deepEqual(await get(`${url}/probe/other`), { status: 200, body: 'probe /probe/other' });
    assert.deepEqual(await get(`${url}/nowhere`), { status: 404, body: '' });
    assert.deepEqual(await get(`${url}/.well-known/spin/health`), { status: 200, body: 'OK' });
    assert.ok(started.messages.includes('Available Routes:'));
    assert.ok(started.requests.some((line) => /^GET \/echo\/a\/b\?x=1 → echo 200 \d+\.\d ms$/.test(line)));
  });

  it("the guest sees Spin's spin-* headers, and neither host nor the runner's own header", async () => {
    const { body } = await get(`${started.run.url}/probe/headers?q=1`);
    const headers = JSON.parse(body) as Record<string, string>;
    assert.equal(headers['spin-path-info'], '/headers');
    assert.equal(headers['spin-full-url'], `${started.run.url}/probe/headers?q=1`);
    assert.equal(headers['spin-matched-route'], '/probe/...');
    assert.equal(headers['spin-component-route'], '/probe');
    assert.match(headers['spin-client-addr'] ?? '', /^127\.0\.0\.1:\d+$/);
    assert.equal(headers['host'], undefined);
    assert.deepEqual(
      Object.keys(headers).filter((name) => name.startsWith('x-spinkube')),
      [],
    );
  });

  it('each request gets a fresh instance: a module-global counter never passes 1', async () => {
    const counts = [];
    for (let i = 0; i < 4; i++) counts.push((await get(`${started.run.url}/probe/count`)).body);
    assert.deepEqual(counts, ['1', '1', '1', '1']);
  });

  it('outbound HTTP to an allowed host reaches it', async () => {
    const target = encodeURIComponent(`http://127.0.0.1:${upstreamPort}/x`);
    assert.deepEqual(await get(`${started.run.url}/probe/fetch?url=${target}`), {
      status: 200,
      body: 'fetched 200 from upstream',
    });
  });

  it('outbound HTTP to a host allowed_outbound_hosts does not list is refused, and the log says how to allow it', async () => {
    const other = appCopy();
    const manifest = other.file('spin.toml');
    writeFileSync(
      manifest,
      readFileSync(manifest, 'utf8').replace(
        'allowed_outbound_hosts = ["http://127.0.0.1:*"]',
        'allowed_outbound_hosts = []',
      ),
    );
    const denied = await start(other);
    try {
      const target = encodeURIComponent(`http://127.0.0.1:${upstreamPort}/x`);
      const answer = await get(`${denied.run.url}/probe/fetch?url=${target}`);
      assert.equal(answer.status, 502);
      assert.match(answer.body, /^fetch failed: /);
      assert.ok(
        denied.messages.includes(
          `[probe] Warning: A component tried to make an outbound network connection to disallowed destination 'http://127.0.0.1:${upstreamPort}'.`,
        ),
      );
      assert.ok(
        denied.messages.includes(
          `[probe] To allow this request, add 'allowed_outbound_hosts = ["http://127.0.0.1:${upstreamPort}"]' to the manifest component section.`,
        ),
      );
    } finally {
      await denied.run.stop();
      other.remove();
    }
  });
});

describe('Run Locally: watch mode and the CLI', () => {
  it('watch mode rebuilds a changed component and swaps it in without dropping the listener', async () => {
    const folder = appCopy();
    const started = await start(folder, { watch: true });
    try {
      const url = started.run.url;
      assert.equal((await get(`${url}/probe/x`)).body, 'probe /probe/x');
      const source = folder.file('probe/src/index.js');
      writeFileSync(
        source,
        readFileSync(source, 'utf8').replace("'probe ' + url.pathname", "'probe v2 ' + url.pathname"),
      );
      const deadline = Date.now() + 600_000;
      let body = '';
      while (Date.now() < deadline) {
        body = (await get(`${url}/probe/x`).catch(() => ({ body: 'probe /probe/x' }))).body;
        if (body !== 'probe /probe/x') break;
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
      assert.equal(body, 'probe v2 /probe/x');
      assert.equal(started.run.url, url);
      assert.equal((await get(`${url}/hello/`)).status, 200);
      assert.ok(started.messages.some((line) => line.startsWith('Reloaded sample-app')));
    } finally {
      await started.run.stop();
      folder.remove();
    }
  });

  it('spinkube up serves the app, moves to the next port when the one asked for is taken, and stops on Ctrl+C', async () => {
    const folder = appCopy();
    const blocker = http.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const taken = (blocker.address() as AddressInfo).port;
    const controller = new AbortController();
    let stdout = '';
    let served = '';
    const exit = runUpCommand(['--file', folder.file('spin.toml'), '--listen', `127.0.0.1:${taken}`], {
      stdout: { write: (text: string) => (stdout += text) },
      stderr: { write: () => true },
      env: { XDG_CACHE_HOME: cache.path },
      cwd: folder.path,
      signal: controller.signal,
      onServing: (url) => {
        served = url;
        void get(`${url}/hello/`).then(
          (answer) => {
            stdout += `\nANSWER ${answer.status} ${answer.body}`;
            controller.abort();
          },
          () => controller.abort(),
        );
      },
    });
    try {
      assert.equal(await exit, 0);
      assert.notEqual(served, `http://127.0.0.1:${taken}`);
      assert.match(
        stdout,
        new RegExp(`127\\.0\\.0\\.1:${taken} is already in use; serving on 127\\.0\\.0\\.1:\\d+ instead\\.`),
      );
      assert.match(stdout, /ANSWER 200 Hello from Spin on Kubernetes/);
      // Stop freed the port: it can be listened on again.
      const port = Number(new URL(served).port);
      const again = http.createServer();
      await new Promise<void>((resolve, reject) => {
        again.once('error', reject);
        again.listen(port, '127.0.0.1', resolve);
      });
      again.close();
    } finally {
      blocker.close();
      folder.remove();
    }
  });
});
