import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { after, describe, it } from 'node:test';
import { PipelineError } from '../../../src/pipeline/events';
import { packageApp, type Blob } from '../../../src/pipeline/package/packageApp';
import { wasmModule } from '../../support/wasm';

const shared = resolve(__dirname, '..', '..', '..', '..', '..', 'shared', 'reference', 'corpus');
const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function appDir(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(join(tmpdir(), 'spinkube-package-'));
  dirs.push(dir);
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  return dir;
}

const sha = (b: Buffer): string => `sha256:${createHash('sha256').update(b).digest('hex')}`;
type JsonObject = { [key: string]: unknown };

describe('packageApp', () => {
  it('writes the locked app exactly as Spin locks the loader fixture (service chaining, v2)', async () => {
    const toml = readFileSync(
      join(shared, 'spin-toml', 'spin__crates_loader_tests_ui_service-chaining.toml'),
      'utf8',
    );
    const dummy = wasmModule(64, 'd');
    const web = wasmModule(300, 'w');
    const dir = appDir({
      // The fixture's `web` component comes from a URL; give it a local file instead.
      'spin.toml': toml.replace(/\[component\.web\.source\][^[]*$/, 'source = "wasm/web.wasm"\n'),
      'wasm/dummy.wasm': dummy,
      'wasm/web.wasm': web,
    });
    const packaged = await packageApp({ manifestPath: join(dir, 'spin.toml') });

    const expected = JSON.parse(
      readFileSync(join(shared, 'spin-toml-expected', 'loader-ui__service-chaining.lock'), 'utf8'),
    ) as JsonObject & { metadata: JsonObject; components: { id: string; source: JsonObject }[] };
    delete expected.metadata['origin'];
    for (const c of expected.components) {
      const bytes = c.id === 'web' ? web : dummy;
      c.source = {
        content_type: 'application/wasm',
        ...(bytes.length <= 128 ? { inline: bytes.toString('base64') } : {}),
        digest: sha(bytes),
      };
    }
    assert.equal(packaged.lockedApp.toString(), JSON.stringify(expected));
  });

  it('locks a v1 app with a files glob as Spin does, one content ref per file', async () => {
    const toml = readFileSync(
      join(shared, 'spin-toml', 'spin__crates_loader_tests_ui_valid-with-files.toml'),
      'utf8',
    );
    const big = Buffer.alloc(500, 'b');
    const dir = appDir({
      'spin.toml': toml,
      'spin-fs.wasm': wasmModule(40, 'f'),
      'assets/big.txt': big,
      'assets/small.txt': 'hi',
    });
    const packaged = await packageApp({ manifestPath: join(dir, 'spin.toml') });
    const locked = JSON.parse(packaged.lockedApp.toString()) as { components: JsonObject[] } & JsonObject;
    const expected = JSON.parse(
      readFileSync(join(shared, 'spin-toml-expected', 'loader-ui__valid-with-files.lock'), 'utf8'),
    ) as { components: JsonObject[]; metadata: JsonObject } & JsonObject;
    delete expected.metadata['origin'];
    const [component] = locked.components;
    const [expectedComponent] = expected.components;
    assert.ok(component && expectedComponent);
    assert.deepEqual(Object.keys(locked), Object.keys(expected));
    assert.equal(JSON.stringify(locked['metadata']), JSON.stringify(expected['metadata']));
    assert.equal(JSON.stringify(locked['triggers']), JSON.stringify(expected['triggers']));
    assert.deepEqual(component['metadata'], expectedComponent['metadata']);
    const files = component['files'] as { path: string; digest: string; inline?: string }[];
    assert.deepEqual(
      files.map((f) => f.path),
      ['assets/big.txt', 'assets/small.txt', 'spin-fs.wasm', 'spin.toml'],
    );
    const small = files.find((f) => f.path === 'assets/small.txt');
    assert.deepEqual(small, {
      inline: Buffer.from('hi').toString('base64'),
      digest: sha(Buffer.from('hi')),
      path: 'assets/small.txt',
    });
    assert.equal(files.find((f) => f.path === 'assets/big.txt')?.inline, undefined);
  });

  it('builds de-duplicated layers, the config with the lockedAppDigest label, and the manifest', async () => {
    const shared = wasmModule(1000, 's');
    const dir = appDir({
      'spin.toml':
        'spin_manifest_version = 2\n[application]\nname = "layers"\nversion = "1.2.3"\nauthors = ["A", "B"]\n' +
        '[[trigger.http]]\nroute = "/a"\ncomponent = "a"\n[[trigger.http]]\nroute = "/b"\ncomponent = "b"\n' +
        '[component.a]\nsource = "a.wasm"\nfiles = [{ source = "static", destination = "/www" }]\nexclude_files = ["static/skip.txt"]\n' +
        '[component.a.dependencies]\n"x:y/z" = { path = "dep.wasm" }\n' +
        '[component.b]\nsource = "b.wasm"\nfiles = ["static/page.html"]\n',
      'a.wasm': shared,
      'b.wasm': shared,
      'dep.wasm': wasmModule(200, 'd'),
      'static/page.html': Buffer.alloc(400, 'p'),
      'static/skip.txt': Buffer.alloc(400, 'k'),
    });
    const created = new Date('2026-01-02T03:04:05.678Z');
    const packaged = await packageApp({ manifestPath: join(dir, 'spin.toml'), created });
    const mediaTypes = packaged.layers.map((l: Blob) => l.mediaType);
    assert.deepEqual(mediaTypes, [
      'application/vnd.wasm.content.layer.v1+wasm',
      'application/vnd.wasm.content.layer.v1+wasm',
      'application/vnd.wasm.content.layer.v1+data',
      'application/vnd.fermyon.spin.application.v1+config',
    ]);
    const lockedLayer = packaged.layers.at(-1);
    assert.equal(lockedLayer?.digest, sha(packaged.lockedApp));
    const config = JSON.parse(
      ('bytes' in packaged.config.content ? packaged.config.content.bytes : Buffer.alloc(0)).toString(),
    );
    assert.deepEqual(config, {
      architecture: 'wasm',
      os: 'Wasip1',
      config: { Labels: { 'com.fermyon.spin.lockedAppDigest': lockedLayer?.digest } },
      rootfs: { type: 'layers', diff_ids: [] },
    });
    const manifest = JSON.parse(packaged.imageManifest.toString());
    assert.equal(manifest.schemaVersion, 2);
    assert.equal(manifest.mediaType, undefined);
    assert.equal(manifest.config.mediaType, 'application/vnd.oci.image.config.v1+json');
    assert.deepEqual(manifest.annotations, {
      'org.opencontainers.image.authors': 'A, B',
      'org.opencontainers.image.created': '2026-01-02T03:04:05.678+00:00',
      'org.opencontainers.image.title': 'layers',
      'org.opencontainers.image.version': '1.2.3',
    });
    const locked = JSON.parse(packaged.lockedApp.toString());
    const a = locked.components[0];
    assert.deepEqual(
      a.files.map((f: { path: string }) => f.path),
      ['www/page.html'],
    );
    assert.deepEqual(Object.keys(a.dependencies), ['x:y/z']);
    assert.equal(a.dependencies['x:y/z'].export, null);
    assert.equal(locked.components[1].files[0].path, 'static/page.html');
  });

  it('refuses a component source that is not a Wasm file', async () => {
    const dir = appDir({
      'spin.toml':
        'spin_manifest_version = 2\n[application]\nname = "bad"\n[component.c]\nsource = "main.js"\n',
      'main.js': 'console.log(1)',
    });
    await assert.rejects(packageApp({ manifestPath: join(dir, 'spin.toml') }), (e: unknown) => {
      assert.ok(e instanceof PipelineError);
      assert.equal(e.kind, 'not-wasm');
      assert.equal(e.message, 'Component c source is not a valid .wasm file');
      return true;
    });
  });

  it('says a component source that is not there yet needs a build, not that it is not Wasm', async () => {
    const dir = appDir({
      'spin.toml':
        'spin_manifest_version = 2\n[application]\nname = "unbuilt"\n[component.c]\n' +
        'source = "target/wasm32-wasip1/release/c.wasm"\n[component.c.build]\ncommand = "cargo build"\n',
    });
    await assert.rejects(packageApp({ manifestPath: join(dir, 'spin.toml') }), (e: unknown) => {
      assert.ok(e instanceof PipelineError);
      assert.equal(e.kind, 'not-wasm'); // a build problem (the CLI's build exit code)
      assert.match(e.message, /^Component c source target\/wasm32-wasip1\/release\/c\.wasm does not exist/);
      assert.match(e.message, /build/);
      return true;
    });
    writeFileSync(join(dir, 'c.wasm'), wasmModule(20, 'c'));
    writeFileSync(
      join(dir, 'spin.toml'),
      'spin_manifest_version = 2\n[application]\nname = "unbuilt"\n[component.c]\nsource = "c.wasm"\n' +
        '[component.c.dependencies]\n"demo:lib/api" = { path = "lib/target/lib.wasm" }\n',
    );
    await assert.rejects(
      packageApp({ manifestPath: join(dir, 'spin.toml') }),
      /^PipelineError: dependency demo:lib\/api for component c .*lib\.wasm does not exist: build the app first/,
    );
  });

  it('accepts a component source in the Wasm text format (WAT), as Spin does', async () => {
    const wat = ';; a tiny module\n(module\n  (func (export "answer") (result i32) i32.const 42))\n';
    const dir = appDir({
      'spin.toml':
        'spin_manifest_version = 2\n[application]\nname = "text"\n[component.c]\nsource = "c.wat"\n',
      'c.wat': wat,
    });
    const packaged = await packageApp({ manifestPath: join(dir, 'spin.toml') });
    assert.equal(packaged.layers[0]?.digest, sha(Buffer.from(wat)));
    assert.equal(packaged.layers[0]?.mediaType, 'application/vnd.wasm.content.layer.v1+wasm');
  });

  it('names a missing file mount as Spin does', async () => {
    const dir = appDir({
      'spin.toml':
        'spin_manifest_version = 2\n[application]\nname = "bad"\n[component.c]\nsource = "c.wasm"\nfiles = ["nope.txt"]\n',
      'c.wasm': wasmModule(20, 'c'),
    });
    await assert.rejects(
      packageApp({ manifestPath: join(dir, 'spin.toml') }),
      /"nope.txt" does not exist and doesn't appear to be a glob pattern/,
    );
  });
  it('refuses a file destination that climbs out of the component root', async () => {
    const dir = appDir({
      'spin.toml':
        'spin_manifest_version = 2\n[application]\nname = "bad"\n[component.c]\nsource = "c.wasm"\n' +
        'files = [{ source = "page.html", destination = "/../../etc/page.html" }]\n',
      'c.wasm': wasmModule(20, 'c'),
      'page.html': '<html>',
    });
    await assert.rejects(packageApp({ manifestPath: join(dir, 'spin.toml') }), (e: unknown) => {
      assert.ok(e instanceof PipelineError);
      assert.equal(e.kind, 'manifest');
      assert.match(e.message, /"\/..\/..\/etc\/page.html" is outside the component's files/);
      return true;
    });
  });

  it('packs a folder holding a symbolic link to itself once, not once per loop', async () => {
    const dir = appDir({
      'spin.toml':
        'spin_manifest_version = 2\n[application]\nname = "loop"\n[component.c]\nsource = "c.wasm"\n' +
        'files = [{ source = "static", destination = "/" }]\n',
      'c.wasm': wasmModule(20, 'c'),
      'static/page.html': '<html>'.repeat(40),
    });
    symlinkSync('.', join(dir, 'static', 'again'));
    const packaged = await packageApp({ manifestPath: join(dir, 'spin.toml') });
    const locked = JSON.parse(packaged.lockedApp.toString('utf8')) as {
      components: { files: { path: string }[] }[];
    };
    assert.deepEqual(
      locked.components[0]?.files.map((f) => f.path),
      ['page.html'],
    );
  });
});
