import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { PipelineError, type PipelineEvent } from '../../src/pipeline/events';
import { pushApp } from '../../src/pipeline/oci/push';
import { startRegistry, type LocalRegistry } from '../support/registry';
import { closedPort, cuttingProxy } from '../support/tcpFaults';
import { wasmModule } from '../support/wasm';
import { rejectionOf } from '../support/rejection';

const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const sha = (b: Buffer): string => `sha256:${createHash('sha256').update(b).digest('hex')}`;

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'spinkube-push-'));
  dirs.push(dir);
  return dir;
}

function makeApp(files: Record<string, string | Buffer>, toml: string): string {
  const dir = tempDir();
  writeFileSync(join(dir, 'spin.toml'), toml);
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  return join(dir, 'spin.toml');
}

const APP_TOML =
  'spin_manifest_version = 2\n[application]\nname = "hello"\nversion = "0.1.0"\n' +
  '[[trigger.http]]\nroute = "/..."\ncomponent = "hello"\n' +
  '[component.hello]\nsource = "hello.wasm"\nfiles = [{ source = "assets", destination = "/" }]\n';

async function get(
  registry: LocalRegistry,
  path: string,
  accept?: string,
): Promise<{ status: number; type: string | null; body: Buffer }> {
  const response = await fetch(`http://${registry.host}${path}`, {
    headers: accept ? { Accept: accept } : {},
  });
  return {
    status: response.status,
    type: response.headers.get('content-type'),
    body: Buffer.from(await response.arrayBuffer()),
  };
}

const rejection = (promise: Promise<unknown>): Promise<PipelineError> =>
  rejectionOf(promise, PipelineError, 'the push');

describe('push to an anonymous registry', () => {
  let registry: LocalRegistry;
  before(async () => (registry = await startRegistry()));
  after(() => registry.stop());

  const wasm = wasmModule(300_000);
  const page = Buffer.alloc(5000, 'p');
  const manifestPath = makeApp(
    { 'hello.wasm': wasm, 'assets/index.html': page, 'assets/tiny.txt': 'tiny' },
    APP_TOML,
  );

  it('pushes the manifest, config and layers byte for byte as Spin lays them out', async () => {
    const events: PipelineEvent[] = [];
    const result = await pushApp({
      manifestPath,
      reference: `${registry.host}/demo/hello:v1`,
      onEvent: (e) => events.push(e),
    });
    assert.equal(result.reference, `${registry.host}/demo/hello:v1`);
    assert.equal(result.digestReference, `${registry.host}/demo/hello@${result.digest}`);

    const manifest = await get(
      registry,
      '/v2/demo/hello/manifests/v1',
      'application/vnd.oci.image.manifest.v1+json',
    );
    assert.equal(manifest.status, 200);
    assert.equal(manifest.type, 'application/vnd.oci.image.manifest.v1+json');
    assert.equal(sha(manifest.body), result.digest);
    const m = JSON.parse(manifest.body.toString());
    assert.deepEqual(Object.keys(m), ['schemaVersion', 'config', 'layers', 'annotations']);
    assert.equal(m.schemaVersion, 2);
    assert.deepEqual(
      m.layers.map((l: { mediaType: string }) => l.mediaType),
      [
        'application/vnd.wasm.content.layer.v1+wasm',
        'application/vnd.wasm.content.layer.v1+data',
        'application/vnd.fermyon.spin.application.v1+config',
      ],
    );
    assert.equal(m.annotations['org.opencontainers.image.title'], 'hello');
    assert.equal(m.annotations['org.opencontainers.image.version'], '0.1.0');

    const [wasmLayer, dataLayer, lockLayer] = m.layers as { digest: string; size: number }[];
    assert.ok(wasmLayer && dataLayer && lockLayer);
    assert.deepEqual((await get(registry, `/v2/demo/hello/blobs/${wasmLayer.digest}`)).body, wasm);
    assert.deepEqual((await get(registry, `/v2/demo/hello/blobs/${dataLayer.digest}`)).body, page);
    assert.equal(wasmLayer.size, wasm.length);

    const config = await get(registry, `/v2/demo/hello/blobs/${m.config.digest}`);
    assert.equal(m.config.mediaType, 'application/vnd.oci.image.config.v1+json');
    assert.equal(sha(config.body), m.config.digest);
    assert.equal(
      config.body.toString(),
      JSON.stringify({
        architecture: 'wasm',
        os: 'Wasip1',
        config: { Labels: { 'com.fermyon.spin.lockedAppDigest': lockLayer.digest } },
        rootfs: { type: 'layers', diff_ids: [] },
      }),
    );

    const lock = await get(registry, `/v2/demo/hello/blobs/${lockLayer.digest}`);
    assert.equal(sha(lock.body), lockLayer.digest);
    assert.deepEqual(JSON.parse(lock.body.toString()), {
      spin_lock_version: 0,
      metadata: { name: 'hello', trigger: { type: 'http' }, triggers: {}, version: '0.1.0' },
      triggers: [
        {
          id: 'hello-http-trigger',
          trigger_type: 'http',
          trigger_config: { component: 'hello', route: '/...' },
        },
      ],
      components: [
        {
          id: 'hello',
          source: { content_type: 'application/wasm', digest: sha(wasm) },
          files: [
            { digest: sha(page), path: 'index.html' },
            {
              inline: Buffer.from('tiny').toString('base64'),
              digest: sha(Buffer.from('tiny')),
              path: 'tiny.txt',
            },
          ],
        },
      ],
    });
    assert.ok(events.some((e) => e.type === 'progress' && e.id === wasmLayer.digest && e.fraction === 1));
    assert.equal(events.at(-1)?.type, 'done');
  });

  it('uploads no blob bytes when pushing the unchanged app again', async () => {
    const result = await pushApp({ manifestPath, reference: `${registry.host}/demo/hello:v1` });
    assert.equal(result.uploadedBytes, 0);
    assert.equal(result.skippedBlobs, result.blobs);
  });

  it('mounts blobs into another repository instead of uploading them', async () => {
    const result = await pushApp({ manifestPath, reference: `${registry.host}/elsewhere/hello:v2` });
    assert.equal(result.uploadedBytes, 0);
    const manifest = await get(
      registry,
      '/v2/elsewhere/hello/manifests/v2',
      'application/vnd.oci.image.manifest.v1+json',
    );
    assert.equal(manifest.status, 200);
  });

  it('leaves no manifest when cancelled mid-layer, and a retry sends only what is missing', async () => {
    const big = wasmModule(24_000_000);
    const small = wasmModule(400_000);
    const path = makeApp(
      { 'big.wasm': big, 'small.wasm': small },
      'spin_manifest_version = 2\n[application]\nname = "big"\n[component.small]\nsource = "small.wasm"\n[component.big]\nsource = "big.wasm"\n',
    );
    const reference = `${registry.host}/demo/big:v1`;
    // An earlier push to the same repository already put the small layer there.
    const earlier = makeApp(
      { 'small.wasm': small },
      'spin_manifest_version = 2\n[application]\nname = "earlier"\n[component.small]\nsource = "small.wasm"\n',
    );
    await pushApp({ manifestPath: earlier, reference: `${registry.host}/demo/big:earlier` });

    const controller = new AbortController();
    const error = await rejection(
      pushApp({
        manifestPath: path,
        reference,
        concurrency: 1,
        signal: controller.signal,
        onEvent: (e) => {
          if (e.type === 'progress' && e.id === sha(big) && (e.fraction ?? 0) > 0 && (e.fraction ?? 0) < 1) {
            controller.abort();
          }
        },
      }),
    );
    assert.equal(error.kind, 'cancelled');
    assert.equal(
      (await get(registry, '/v2/demo/big/manifests/v1', 'application/vnd.oci.image.manifest.v1+json')).status,
      404,
    );
    assert.equal((await get(registry, `/v2/demo/big/blobs/${sha(big)}`)).status, 404);

    const retry = await pushApp({ manifestPath: path, reference });
    assert.ok(retry.skippedBlobs >= 1, 'the small layer is not sent again');
    // Besides the big layer, at most the locked app and the config (which the cancelled push may
    // already have sent beside the big layer), never the small layer.
    const besidesBig = retry.uploadedBytes - big.length;
    assert.ok(
      besidesBig >= 0 && besidesBig < 3000,
      `only the big layer, the locked app and the config were sent (besides the big layer: ${besidesBig} B)`,
    );
    assert.deepEqual((await get(registry, `/v2/demo/big/blobs/${sha(big)}`)).body, big);
  });

  it('recovers when the connection is cut mid-upload', async () => {
    const big = wasmModule(16_000_000);
    const path = makeApp(
      { 'cut.wasm': big },
      'spin_manifest_version = 2\n[application]\nname = "cut"\n[component.cut]\nsource = "cut.wasm"\n',
    );
    const proxy = await cuttingProxy(registry.host, 4_000_000);
    try {
      const error = await rejection(
        pushApp({ manifestPath: path, reference: `127.0.0.1:${proxy.port}/demo/cut:v1` }),
      );
      assert.ok(['registry-unreachable', 'registry-error'].includes(error.kind), error.kind);
    } finally {
      await proxy.close();
    }
    assert.equal(
      (await get(registry, '/v2/demo/cut/manifests/v1', 'application/vnd.oci.image.manifest.v1+json')).status,
      404,
    );
    const retry = await pushApp({ manifestPath: path, reference: `${registry.host}/demo/cut:v1` });
    assert.ok(retry.digest.startsWith('sha256:'));
    assert.deepEqual((await get(registry, `/v2/demo/cut/blobs/${sha(big)}`)).body, big);
  });

  it('refuses a component source that is not Wasm before sending anything', async () => {
    const path = makeApp(
      { 'app.wasm': 'not wasm at all' },
      APP_TOML.replace('hello.wasm', 'app.wasm').replace(/files = .*\n/, ''),
    );
    const error = await rejection(
      pushApp({ manifestPath: path, reference: `${registry.host}/demo/notwasm:v1` }),
    );
    assert.equal(error.kind, 'not-wasm');
    assert.equal(error.message, 'Component hello source is not a valid .wasm file');
  });

  it('names an unreachable registry', async () => {
    const port = await closedPort();
    const error = await rejection(pushApp({ manifestPath, reference: `127.0.0.1:${port}/demo/hello:v1` }));
    assert.equal(error.kind, 'registry-unreachable');
    assert.match(error.message, /ECONNREFUSED/);
  });
});

describe('push with htpasswd basic auth', () => {
  let registry: LocalRegistry;
  before(async () => (registry = await startRegistry({ auth: 'basic' })));
  after(() => registry.stop());
  const manifestPath = makeApp(
    { 'hello.wasm': wasmModule(2000), 'assets/a.txt': Buffer.alloc(300, 'a') },
    APP_TOML,
  );

  it('pushes with the credentials given', async () => {
    const credentials = { username: registry.username ?? '', password: registry.password ?? '' };
    const result = await pushApp({ manifestPath, reference: `${registry.host}/team/app:1`, credentials });
    assert.ok(result.uploadedBytes > 0);
  });

  it('uses the credentials of Docker’s config.json (auths and credential helpers)', async () => {
    const dockerDir = tempDir();
    const auth = Buffer.from(`${registry.username}:${registry.password}`).toString('base64');
    writeFileSync(join(dockerDir, 'config.json'), JSON.stringify({ auths: { [registry.host]: { auth } } }));
    const fromAuths = await pushApp({
      manifestPath,
      reference: `${registry.host}/team/app:2`,
      dockerConfigPath: join(dockerDir, 'config.json'),
    });
    assert.equal(fromAuths.uploadedBytes, 0);

    const helper = join(dockerDir, 'docker-credential-spinkubetest');
    writeFileSync(
      helper,
      `#!/bin/sh\nread server\necho '{"ServerURL":"'$server'","Username":"${registry.username}","Secret":"${registry.password}"}'\n`,
    );
    chmodSync(helper, 0o755);
    writeFileSync(
      join(dockerDir, 'helper.json'),
      JSON.stringify({ credHelpers: { [registry.host]: 'spinkubetest' } }),
    );
    const savedPath = process.env['PATH'];
    process.env['PATH'] = `${dockerDir}${delimiter}${savedPath ?? ''}`;
    try {
      const fromHelper = await pushApp({
        manifestPath,
        reference: `${registry.host}/team/app:3`,
        dockerConfigPath: join(dockerDir, 'helper.json'),
      });
      assert.ok(fromHelper.digest.startsWith('sha256:'));
    } finally {
      process.env['PATH'] = savedPath;
    }
  });

  it('cancel stops a credential helper that waits for a prompt', async () => {
    const dockerDir = tempDir();
    const pidFile = join(dockerDir, 'helper.pid');
    const helper = join(dockerDir, 'docker-credential-spinkubewait');
    writeFileSync(helper, `#!/bin/sh\necho $$ > '${pidFile}'\nexec sleep 600\n`);
    chmodSync(helper, 0o755);
    writeFileSync(join(dockerDir, 'config.json'), JSON.stringify({ credsStore: 'spinkubewait' }));
    const savedPath = process.env['PATH'];
    process.env['PATH'] = `${dockerDir}${delimiter}${savedPath ?? ''}`;
    const controller = new AbortController();
    try {
      const pushing = pushApp({
        manifestPath,
        reference: `${registry.host}/team/app:4`,
        dockerConfigPath: join(dockerDir, 'config.json'),
        signal: controller.signal,
      });
      while (!existsSync(pidFile) || readFileSync(pidFile, 'utf8').trim() === '') {
        await new Promise((r) => setTimeout(r, 20));
      }
      controller.abort();
      const error = await rejection(pushing);
      assert.equal(error.kind, 'cancelled');
      const pid = Number(readFileSync(pidFile, 'utf8').trim());
      let alive = true;
      for (let i = 0; i < 100 && alive; i++) {
        try {
          process.kill(pid, 0);
          await new Promise((r) => setTimeout(r, 20));
        } catch {
          alive = false;
        }
      }
      assert.equal(alive, false, 'the credential helper was stopped');
    } finally {
      process.env['PATH'] = savedPath;
    }
  });

  it('says registry-unauthorized for a wrong password, and without credentials', async () => {
    const wrong = await rejection(
      pushApp({
        manifestPath,
        reference: `${registry.host}/team/app:1`,
        credentials: { username: registry.username ?? '', password: 'wrong' },
      }),
    );
    assert.equal(wrong.kind, 'registry-unauthorized');
    assert.ok(
      !wrong.message.includes('wrong') && !wrong.evidence.join(' ').includes('wrong'),
      'the password is never shown',
    );
    const none = await rejection(
      pushApp({ manifestPath, reference: `${registry.host}/team/app:1`, dockerConfigPath: '/nonexistent' }),
    );
    assert.equal(none.kind, 'registry-unauthorized');
  });
});

describe('push with a bearer-token challenge', () => {
  let registry: LocalRegistry;
  before(async () => (registry = await startRegistry({ auth: 'token' })));
  after(() => registry.stop());
  const manifestPath = makeApp(
    { 'hello.wasm': wasmModule(5000), 'assets/a.txt': Buffer.alloc(300, 't') },
    APP_TOML,
  );

  it('gets a token for the repository scope and pushes', async () => {
    const credentials = { username: registry.username ?? '', password: registry.password ?? '' };
    const result = await pushApp({ manifestPath, reference: `${registry.host}/org/app:v1`, credentials });
    assert.ok(result.uploadedBytes > 0);
    assert.deepEqual(registry.tokenRequests.at(-1), {
      scopes: ['repository:org/app:pull,push'],
      granted: true,
    });
    const again = await pushApp({ manifestPath, reference: `${registry.host}/org/app:v1`, credentials });
    assert.equal(again.uploadedBytes, 0);
  });

  it('says registry-unauthorized when the token server refuses the credentials', async () => {
    const error = await rejection(
      pushApp({
        manifestPath,
        reference: `${registry.host}/org/app:v1`,
        credentials: { username: 'spinkube', password: 'nope' },
      }),
    );
    assert.equal(error.kind, 'registry-unauthorized');
  });
});
