import { strict as assert } from 'node:assert';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runSpinkubeCli } from '../../src/cli/pipeline/cli';
import { startRegistry, type LocalRegistry } from '../support/registry';
import { writeWasmModule } from '../support/wasm';

const MANIFEST = `spin_manifest_version = 2

[application]
name = "cli-push"
version = "1.0.0"

[[trigger.http]]
route = "/..."
component = "web"

[component.web]
source = "web.wasm"
`;

function app(): string {
  const dir = mkdtempSync(join(tmpdir(), 'spinkube-cli-push-'));
  writeFileSync(join(dir, 'spin.toml'), MANIFEST);
  writeWasmModule(join(dir, 'web.wasm'), 2048, 'w');
  return dir;
}

async function spinkube(
  argv: string[],
  cwd: string,
  dockerConfig = mkdtempSync(join(tmpdir(), 'spinkube-docker-')),
) {
  let stdout = '';
  let stderr = '';
  const code = await runSpinkubeCli(argv, {
    stdout: { write: (t: string) => (stdout += t) },
    stderr: { write: (t: string) => (stderr += t) },
    // Docker credentials from this folder only (empty by default).
    env: { DOCKER_CONFIG: dockerConfig },
    cwd,
  });
  const lines = stdout
    .trim()
    .split('\n')
    .filter((l) => l)
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  return { code, result: lines.at(-1), stderr };
}

describe('spinkube push against a real registry', () => {
  let open: LocalRegistry;
  let locked: LocalRegistry;
  before(async () => {
    [open, locked] = await Promise.all([startRegistry(), startRegistry({ auth: 'basic' })]);
  });
  after(async () => {
    await Promise.all([open?.stop(), locked?.stop()]);
  });

  it('pushes the app and reports the digest (exit 0)', async () => {
    const run = await spinkube(['push', `${open.host}/cli-push:v1`, '--json'], app());
    assert.equal(run.code, 0, run.stderr);
    assert.match(String(run.result?.digest), /^sha256:[0-9a-f]{64}$/);
    assert.equal(run.result?.message, `Pushed with digest ${String(run.result?.digest)}`);
  });

  it('exit 5 when the registry wants credentials we do not have', async () => {
    const run = await spinkube(['push', `${locked.host}/cli-push:v1`, '--json'], app());
    assert.equal(run.code, 5, JSON.stringify(run.result));
    assert.equal(run.result?.kind, 'registry-unauthorized');
  });

  it('uses the credentials in $DOCKER_CONFIG/config.json', async () => {
    const dockerConfig = mkdtempSync(join(tmpdir(), 'spinkube-docker-'));
    const auth = Buffer.from(`${locked.username ?? ''}:${locked.password ?? ''}`).toString('base64');
    writeFileSync(join(dockerConfig, 'config.json'), JSON.stringify({ auths: { [locked.host]: { auth } } }));
    const run = await spinkube(['push', `${locked.host}/cli-push:v1`, '--json'], app(), dockerConfig);
    assert.equal(run.code, 0, JSON.stringify(run.result));
    assert.match(String(run.result?.digest), /^sha256:/);
  });
});
