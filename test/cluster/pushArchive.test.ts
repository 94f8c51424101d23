import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { gunzipSync } from 'node:zlib';
import * as tar from 'tar-stream';
import { PipelineError } from '../../src/pipeline/events';
import { pushApp, type PushResult } from '../../src/pipeline/oci/push';
import { startRegistry, type LocalRegistry } from '../support/registry';
import { closedPort } from '../support/tcpFaults';
import { wasmModule } from '../support/wasm';
import { withEnvironment } from '../support/environment';

const DATA = 'application/vnd.wasm.content.layer.v1+data';
const ARCHIVE = 'application/vnd.wasm.content.bundle.v1.tar+gzip';
const WASM = 'application/vnd.wasm.content.layer.v1+wasm';
const LOCK = 'application/vnd.fermyon.spin.application.v1+config';

const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const sha = (b: Buffer): string => `sha256:${createHash('sha256').update(b).digest('hex')}`;

function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `spinkube-${prefix}-`));
  dirs.push(dir);
  return dir;
}

function makeApp(files: Record<string, string | Buffer>, toml: string): string {
  const dir = tempDir('archive-app');
  writeFileSync(join(dir, 'spin.toml'), toml);
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  return join(dir, 'spin.toml');
}

const TWO_COMPONENTS =
  'spin_manifest_version = 2\n[application]\nname = "site"\nversion = "1.0.0"\n' +
  '[[trigger.http]]\nroute = "/..."\ncomponent = "web"\n' +
  '[[trigger.http]]\nroute = "/api/..."\ncomponent = "api"\n' +
  '[component.web]\nsource = "web.wasm"\nfiles = [{ source = "assets", destination = "/" }]\n' +
  '[component.api]\nsource = "api.wasm"\n';

interface Layer {
  readonly mediaType: string;
  readonly digest: string;
  readonly size: number;
}

interface ArchiveFile {
  readonly header: tar.Header;
  readonly digest: string;
}

interface LockFile {
  readonly path: string;
  readonly digest: string;
  readonly inline?: string;
}

async function blob(registry: LocalRegistry, repository: string, digest: string): Promise<Buffer> {
  const response = await fetch(`http://${registry.host}/v2/${repository}/blobs/${digest}`);
  assert.equal(response.status, 200, `blob ${digest}`);
  return Buffer.from(await response.arrayBuffer());
}

async function imageLayers(registry: LocalRegistry, repository: string, tag: string): Promise<Layer[]> {
  const response = await fetch(`http://${registry.host}/v2/${repository}/manifests/${tag}`, {
    headers: { Accept: 'application/vnd.oci.image.manifest.v1+json' },
  });
  assert.equal(response.status, 200);
  return (JSON.parse(await response.text()) as { layers: Layer[] }).layers;
}

/** Gunzips and untars an archive layer with the same library the push uses. */
async function untar(archive: Buffer): Promise<ArchiveFile[]> {
  const extract = tar.extract();
  const files: ArchiveFile[] = [];
  const reading = (async () => {
    for await (const entry of extract) {
      const chunks: Buffer[] = [];
      for await (const chunk of entry) chunks.push(chunk as Buffer);
      files.push({ header: entry.header, digest: sha(Buffer.concat(chunks)) });
    }
  })();
  extract.end(gunzipSync(archive));
  await reading;
  return files;
}

async function lockFiles(registry: LocalRegistry, repository: string, layers: Layer[]): Promise<LockFile[]> {
  const lockLayer = layers.find((l) => l.mediaType === LOCK);
  assert.ok(lockLayer);
  const lock = JSON.parse((await blob(registry, repository, lockLayer.digest)).toString()) as {
    components: { id: string; files?: LockFile[] }[];
  };
  return lock.components.flatMap((c) => c.files ?? []);
}

describe('push with archive layers (SPIN_OCI_ARCHIVE_LAYERS)', () => {
  let registry: LocalRegistry;
  before(async () => (registry = await startRegistry()));
  after(() => registry.stop());

  const files = {
    'assets/index.html': Buffer.alloc(5000, 'h'),
    'assets/style.css': Buffer.alloc(300, 'c'),
    'assets/js/app.js': Buffer.alloc(1000, 'j'),
    'assets/tiny.txt': 'tiny',
  };
  const manifestPath = makeApp(
    { 'web.wasm': wasmModule(20_000, 'w'), 'api.wasm': wasmModule(20_000, 'a'), ...files },
    TWO_COMPONENTS,
  );
  const tempRoot = tempDir('archive-tmp');
  const pushArchived = (tag: string): Promise<PushResult> =>
    withEnvironment({ SPIN_OCI_ARCHIVE_LAYERS: '1', TMPDIR: tempRoot }, () =>
      pushApp({ manifestPath, reference: `${registry.host}/demo/site:${tag}` }),
    );

  let archiveDigest = '';

  it('pushes one archive layer for the component with files, holding every pushed file', async () => {
    await pushArchived('v1');
    const layers = await imageLayers(registry, 'demo/site', 'v1');
    assert.deepEqual(
      layers.map((l) => l.mediaType),
      [WASM, ARCHIVE, WASM, LOCK],
    );
    const archiveLayer = layers[1] as Layer;
    archiveDigest = archiveLayer.digest;
    const archive = await blob(registry, 'demo/site', archiveLayer.digest);
    assert.equal(sha(archive), archiveLayer.digest);
    assert.equal(archive.length, archiveLayer.size);

    const entries = await untar(archive);
    assert.deepEqual(
      entries.map((e) => e.header.name),
      ['index.html', 'js/app.js', 'style.css', 'tiny.txt'],
    );
    for (const { header } of entries) {
      assert.equal(header.type, 'file');
      assert.equal(header.mode, 0o644);
      assert.equal(header.uid, 0);
      assert.equal(header.gid, 0);
      assert.equal(header.mtime.getTime(), 0);
    }

    // The lock still lists every file by digest (inline when small), as in a simple push.
    const lock = await lockFiles(registry, 'demo/site', layers);
    assert.deepEqual(lock.map((f) => f.path).sort(), ['index.html', 'js/app.js', 'style.css', 'tiny.txt']);
    assert.equal(lock.find((f) => f.path === 'tiny.txt')?.inline, Buffer.from('tiny').toString('base64'));
    const archived = new Set(entries.map((e) => e.digest));
    for (const file of lock.filter((f) => f.inline === undefined)) {
      assert.ok(archived.has(file.digest), `${file.path} is in the archive under its digest`);
    }
    assert.deepEqual(readdirSync(tempRoot), [], 'the archive temp files are removed after the push');
  });

  it('gives the same archive on a second push, which sends no new blob', async () => {
    const again = await pushArchived('v2');
    assert.equal(again.uploadedBytes, 0);
    assert.equal(again.skippedBlobs, again.blobs);
    const layers = await imageLayers(registry, 'demo/site', 'v2');
    assert.equal(layers.find((l) => l.mediaType === ARCHIVE)?.digest, archiveDigest);
    assert.deepEqual(readdirSync(tempRoot), []);
  });

  it('pushes data layers as before without the variable', async () => {
    await withEnvironment({ SPIN_OCI_ARCHIVE_LAYERS: undefined, TMPDIR: tempRoot }, () =>
      pushApp({ manifestPath, reference: `${registry.host}/demo/site:plain` }),
    );
    const layers = await imageLayers(registry, 'demo/site', 'plain');
    assert.deepEqual(
      layers.map((l) => l.mediaType),
      [WASM, DATA, DATA, DATA, WASM, LOCK],
    );
    assert.deepEqual(readdirSync(tempRoot), []);
  });

  it('removes the archive temp files when the push fails', async () => {
    const port = await closedPort();
    await assert.rejects(
      withEnvironment({ SPIN_OCI_ARCHIVE_LAYERS: '1', TMPDIR: tempRoot }, () =>
        pushApp({ manifestPath, reference: `127.0.0.1:${port}/demo/site:v1` }),
      ),
      (e: unknown) => e instanceof PipelineError && e.kind === 'registry-unreachable',
    );
    assert.deepEqual(readdirSync(tempRoot), []);
  });
  it('removes the archive temp files when the push is cancelled', async () => {
    const cancel = new AbortController();
    await assert.rejects(
      withEnvironment({ SPIN_OCI_ARCHIVE_LAYERS: '1', TMPDIR: tempRoot }, () =>
        pushApp({
          manifestPath,
          reference: `${registry.host}/demo/site:cancelled`,
          signal: cancel.signal,
          // Cancels once the archive layer is known to the push (before the manifest goes up).
          onEvent: (e) => {
            if (e.type === 'progress' && e.message.startsWith('web files')) cancel.abort();
          },
        }),
      ),
      (e: unknown) => e instanceof PipelineError && e.kind === 'cancelled',
    );
    assert.deepEqual(readdirSync(tempRoot), []);
    const manifest = await fetch(`http://${registry.host}/v2/demo/site/manifests/cancelled`);
    assert.equal(manifest.status, 404, 'no manifest was put');
  });
});

describe('push of an app with more than 499 files', () => {
  let registry: LocalRegistry;
  before(async () => (registry = await startRegistry()));
  after(() => registry.stop());

  const FILE_COUNT = 510;
  const files: Record<string, string> = {};
  for (let i = 0; i < FILE_COUNT; i++) {
    files[`assets/f${String(i).padStart(3, '0')}.txt`] = `file ${i} `.padEnd(200, '.');
  }
  const manifestPath = makeApp(
    { 'web.wasm': wasmModule(20_000, 'w'), 'api.wasm': wasmModule(20_000, 'a'), ...files },
    TWO_COMPONENTS,
  );

  it('switches to archive layers by itself', async () => {
    await withEnvironment({ SPIN_OCI_ARCHIVE_LAYERS: undefined }, () =>
      pushApp({ manifestPath, reference: `${registry.host}/demo/many:v1` }),
    );
    const layers = await imageLayers(registry, 'demo/many', 'v1');
    assert.deepEqual(
      layers.map((l) => l.mediaType),
      [WASM, ARCHIVE, WASM, LOCK],
    );
    const entries = await untar(await blob(registry, 'demo/many', (layers[1] as Layer).digest));
    assert.equal(entries.length, FILE_COUNT);
    const archived = new Set(entries.map((e) => e.digest));
    const lock = await lockFiles(registry, 'demo/many', layers);
    assert.equal(lock.length, FILE_COUNT);
    for (const file of lock) {
      assert.equal(file.inline, undefined);
      assert.ok(archived.has(file.digest), `${file.path} is in the archive under its digest`);
    }
  });
});
