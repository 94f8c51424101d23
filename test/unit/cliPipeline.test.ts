import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runSpinkubeCli } from '../../src/cli/pipeline/cli';
import { PipelineError } from '../../src/pipeline/events';
import type { CliSteps } from '../../src/cli/pipeline/steps';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function cli(
  argv: string[],
  options: { cwd?: string; steps?: Partial<CliSteps>; env?: Record<string, string> } = {},
): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const cwd = options.cwd ?? mkdtempSync(join(tmpdir(), 'spinkube-cli-'));
  const code = await runSpinkubeCli(argv, {
    stdout: { write: (t: string) => (stdout += t) },
    stderr: { write: (t: string) => (stderr += t) },
    env: options.env ?? { KUBECONFIG: join(cwd, 'no-such-kubeconfig') },
    cwd,
    ...(options.steps && { steps: { ...unusedSteps, ...options.steps } }),
  });
  return { code, stdout, stderr };
}

const unusedSteps: CliSteps = {
  build: () => Promise.reject(new Error('build not expected')),
  push: () => Promise.reject(new Error('push not expected')),
  connect: () => {
    throw new Error('connect not expected');
  },
};

const jsonLines = (text: string) =>
  text
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);

describe('spinkube CLI: usage and exit codes', () => {
  it('prints help with the exit code table and exits 0', async () => {
    const run = await cli(['--help']);
    assert.equal(run.code, 0);
    assert.match(run.stdout, /spinkube deploy REF/);
    assert.match(run.stdout, /7 {4}rollout failed/);
    assert.match((await cli(['deploy', '--help'])).stdout, /--timeout S/);
  });

  it('exits 2 for no command, an unknown command, an unknown option or a missing argument', async () => {
    assert.equal((await cli([])).code, 2);
    const unknown = await cli(['shipit']);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /unknown command 'shipit'/);
    const option = await cli(['scaffold', 'ghcr.io/a/b:1', '--bogus']);
    assert.equal(option.code, 2);
    assert.match(option.stderr, /Unknown option '--bogus'\. \(see spinkube scaffold --help\)/);
    const missing = await cli(['push']);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /missing REF/);
    assert.equal((await cli(['scaffold', 'ghcr.io/a/b:1', '--replicas', 'two'])).code, 2);
  });

  it("exits 2 with Spin's message for scaffold flag errors", async () => {
    const run = await cli([
      'scaffold',
      'ghcr.io/a/b:1',
      '--autoscaler',
      'hpa',
      '--memory-limit',
      '1Gi',
      '--json',
    ]);
    assert.equal(run.code, 2);
    assert.deepEqual(jsonLines(run.stdout).at(-1), {
      type: 'result',
      command: 'scaffold',
      ok: false,
      exitCode: 2,
      kind: 'usage',
      message: 'cpu limits must be set when autoscaling is enabled',
      evidence: [],
    });
  });

  it('exits 3 when the manifest or runtime config cannot be read', async () => {
    assert.equal((await cli(['build', '--file', 'nope/spin.toml'])).code, 3);
    assert.equal((await cli(['scaffold', 'ghcr.io/a/b:1', '-c', 'missing.toml'])).code, 3);
    const dir = mkdtempSync(join(tmpdir(), 'spinkube-cli-'));
    writeFileSync(join(dir, 'bad.yaml'), 'kind: SpinApp\nmetadata: [unclosed\n');
    assert.equal((await cli(['deploy', '-f', 'bad.yaml'], { cwd: dir })).code, 3);
  });

  it('maps pipeline failures to their exit codes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'spinkube-cli-'));
    writeFileSync(join(dir, 'spin.toml'), 'spin_manifest_version = 2\n');
    const failing = (kind: ConstructorParameters<typeof PipelineError>[0]) => () =>
      Promise.reject(new PipelineError(kind, `failed: ${kind}`));
    assert.equal((await cli(['build'], { cwd: dir, steps: { build: failing('build-failed') } })).code, 4);
    assert.equal(
      (await cli(['push', 'r.example/a:1'], { cwd: dir, steps: { push: failing('registry-unauthorized') } }))
        .code,
      5,
    );
    assert.equal((await cli(['build'], { cwd: dir, steps: { build: failing('cancelled') } })).code, 130);
  });

  it('exits 6 when no cluster can be reached', async () => {
    const run = await cli(['deploy', 'ghcr.io/a/hello:1', '--json']);
    assert.equal(run.code, 6);
    const result = jsonLines(run.stdout).at(-1);
    assert.equal(result?.kind, 'cluster-unreachable');
    assert.match(String(result?.message), /No kubeconfig found/);
  });
});

describe('spinkube CLI: output', () => {
  it('scaffold writes the YAML to stdout, or to --out, and puts it in the JSON result', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'spinkube-cli-'));
    writeFileSync(
      join(dir, 'spin.toml'),
      'spin_manifest_version = 2\n[variables]\napi_key = { required = true }\n',
    );
    const run = await cli(['scaffold', 'ghcr.io/foo/hello:v1'], { cwd: dir });
    assert.equal(run.code, 0);
    assert.match(run.stdout, /^apiVersion: core\.spinkube\.dev\/v1alpha1\n/);
    assert.match(run.stdout, /- name: api_key\n {4}value: "" # required/);
    const out = await cli(['scaffold', 'ghcr.io/foo/hello:v1', '-o', 'app.yaml', '--json'], { cwd: dir });
    const [result] = jsonLines(out.stdout);
    assert.equal(result?.ok, true);
    assert.equal(result?.name, 'hello');
    assert.equal(readFileSync(join(dir, 'app.yaml'), 'utf8'), result?.yaml);
  });

  it('--json prints every event as a line, then one result object', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'spinkube-cli-'));
    writeFileSync(join(dir, 'spin.toml'), 'spin_manifest_version = 2\n');
    const run = await cli(['build', '--json'], {
      cwd: dir,
      steps: {
        build: async (options) => {
          options.onEvent?.({ type: 'start', step: 'build', message: 'Building component web' });
          options.onEvent?.({ type: 'output', step: 'build', line: 'compiled', stream: 'stdout' });
          return { built: ['web'] };
        },
      },
    });
    assert.equal(run.code, 0);
    assert.deepEqual(jsonLines(run.stdout), [
      { type: 'start', step: 'build', message: 'Building component web' },
      { type: 'output', step: 'build', line: 'compiled', stream: 'stdout' },
      {
        type: 'result',
        command: 'build',
        ok: true,
        exitCode: 0,
        message: 'Built 1 component(s)',
        built: ['web'],
      },
    ]);
    assert.equal(run.stderr, '');
  });

  it("build runs the real build commands: exit 0, then exit 4 with Spin's message when one fails", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'spinkube-cli-'));
    const manifest = (command: string) =>
      `spin_manifest_version = 2\n[application]\nname = "b"\n[[trigger.http]]\nroute = "/..."\ncomponent = "web"\n` +
      `[component.web]\nsource = "web.wasm"\n[component.web.build]\ncommand = "${command}"\n`;
    writeFileSync(join(dir, 'spin.toml'), manifest('echo built > built.txt'));
    const ok = await cli(['build', '--json'], { cwd: dir });
    assert.equal(ok.code, 0, ok.stdout);
    assert.equal(readFileSync(join(dir, 'built.txt'), 'utf8').trim(), 'built');
    writeFileSync(join(dir, 'spin.toml'), manifest('exit 3'));
    const failed = await cli(['build', '--json'], { cwd: dir });
    assert.equal(failed.code, 4);
    const result = jsonLines(failed.stdout).at(-1);
    assert.equal(result?.kind, 'build-failed');
    assert.match(String(result?.message), /^Build command for component web failed with status/);
  });
});
