// The server keeps V8's code cache of its bundle to start faster the next time. Whatever the cache
// holds — nothing yet, a good one, or garbage — the server starts and answers the same.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { startLanguageServer, withCode } from '../support/lspClient';
import { tempFolder } from '../support/tempFolder';
import { waitFor } from '../support/waitFor';

const BROKEN =
  'spin_manifest_version = 2\n[application]\nname = "a"\n[component.Bad_Id]\nsource = "a.wasm"\n';

/** Diagnostics of a server started with this cache, kept running past the moment it would rewrite it. */
async function diagnosticsWithCache(cacheDir: string): Promise<number> {
  const client = await startLanguageServer({ cacheDir });
  try {
    const published = await client.openAndWait('file:///cache-test/spin.toml', BROKEN, 'spin-toml');
    await new Promise((r) => setTimeout(r, 4_000));
    return withCode(published.diagnostics, 'spin-toml/invalid-component-id').length;
  } finally {
    await client.stop();
  }
}

function cacheFiles(dir: string): string[] {
  try {
    return readdirSync(dir).filter((f) => f.endsWith('.bin'));
  } catch {
    return [];
  }
}

const until = <T>(probe: () => T | undefined, what: string, timeoutMs = 20_000): Promise<T> =>
  waitFor(what, probe, { timeoutMs, intervalMs: 100 });

describe('language server code cache', () => {
  const folder = tempFolder('spinkube-code-cache');
  after(() => folder.remove());
  const cacheDir = path.join(folder.path, 'cache');

  it('is written by a server that has run a few seconds, and a server started from it answers the same', async () => {
    // The cache of an earlier bundle is left there, as after an update of the extension.
    folder.write('cache/serverMain-0ld.bin', 'stale');
    const client = await startLanguageServer({ cacheDir });
    try {
      await client.openAndWait('file:///cache-test/spin.toml', BROKEN, 'spin-toml');
      await until(
        () => (cacheFiles(cacheDir).some((f) => f !== 'serverMain-0ld.bin') ? true : undefined),
        'the cache file',
      );
    } finally {
      await client.stop();
    }
    assert.equal(cacheFiles(cacheDir).length, 1, 'the earlier cache is removed');
    const [file] = cacheFiles(cacheDir);
    const written = statSync(path.join(cacheDir, file!)).mtimeMs;
    assert.equal(await diagnosticsWithCache(cacheDir), 1);
    assert.equal(statSync(path.join(cacheDir, file!)).mtimeMs, written, 'a cache that fits is kept');
  });

  it('a damaged cache is ignored and replaced', async () => {
    const [file] = cacheFiles(cacheDir);
    assert.ok(file, 'the cache of the previous test');
    const full = path.join(cacheDir, file);
    const garbage = Buffer.alloc(4096, 7);
    writeFileSync(full, garbage);
    const client = await startLanguageServer({ cacheDir });
    try {
      const published = await client.openAndWait('file:///cache-test/spin.toml', BROKEN, 'spin-toml');
      assert.equal(withCode(published.diagnostics, 'spin-toml/invalid-component-id').length, 1);
      await until(() => (readFileSync(full).equals(garbage) ? undefined : true), 'the cache to be rewritten');
    } finally {
      await client.stop();
    }
  });
});
