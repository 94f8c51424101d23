import { strict as assert } from 'node:assert';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runSpinkubeCli } from '../../src/cli/pipeline/cli';
import { realClusterKubeconfig, startDeployTarget, type DeployTarget } from './deployTarget';

const IMAGE = 'ghcr.io/spinkube/containerd-shim-spin/examples/spin-rust-hello:v0.13.0';
let target: DeployTarget;
before(async () => {
  target = await startDeployTarget();
});
after(async () => {
  await target.stop();
});

async function spinkube(argv: string[], cwd = mkdtempSync(join(tmpdir(), 'spinkube-cli-'))) {
  let stdout = '';
  let stderr = '';
  const code = await runSpinkubeCli([...argv, '--kubeconfig', target.kubeconfigPath], {
    stdout: { write: (t: string) => (stdout += t) },
    stderr: { write: (t: string) => (stderr += t) },
    env: {},
    cwd,
  });
  const lines = stdout
    .trim()
    .split('\n')
    .filter((l) => l)
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  return { code, lines, result: lines.at(-1), stderr };
}

describe('spinkube deploy / undeploy against a cluster', () => {
  it('deploy REF --wait --json: events as JSON lines, then a ready result; undeploy removes it', async () => {
    const run = await spinkube(['deploy', IMAGE, '--name', 'cli-hello', '-r', '1', '--wait', '--json']);
    assert.equal(run.code, 0, run.stderr);
    assert.ok(run.lines.some((l) => l.type === 'progress' && l.step === 'wait'));
    assert.deepEqual(
      { ...run.result, context: undefined },
      {
        type: 'result',
        command: 'deploy',
        ok: true,
        exitCode: 0,
        message: 'SpinApp "cli-hello" is available: 1/1 ready.',
        name: 'cli-hello',
        namespace: 'default',
        context: undefined,
        applied: ['SpinApp/cli-hello'],
        state: 'ready',
        readyReplicas: 1,
      },
    );
    const removed = await spinkube(['undeploy', 'cli-hello', '--json']);
    assert.equal(removed.code, 0);
    assert.deepEqual(removed.result?.deleted, ['SpinApp/cli-hello']);
  });

  it('deploy -f app.yaml applies the YAML file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'spinkube-cli-'));
    writeFileSync(
      join(dir, 'app.yaml'),
      `apiVersion: core.spinkube.dev/v1alpha1\nkind: SpinApp\nmetadata:\n  name: from-yaml\nspec:\n  image: "${IMAGE}"\n  executor: containerd-shim-spin\n  replicas: 1\n`,
    );
    const run = await spinkube(['deploy', '-f', 'app.yaml', '--json'], dir);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.result?.state, 'applied');
    assert.deepEqual(run.result?.applied, ['SpinApp/from-yaml']);
  });

  it('exit 6 for a webhook denial, with its message', async () => {
    const run = await spinkube(['deploy', IMAGE, '--name', 'cli-denied', '--executor', 'nope', '--json']);
    assert.equal(run.code, 6);
    assert.equal(run.result?.kind, 'admission-denied');
    assert.match(String(run.result?.message), /executor does not exist in namespace/);
  });

  if (!realClusterKubeconfig) {
    it('exit 7 with the reason when the rollout fails, exit 8 on timeout', async () => {
      target.sandbox!.operator.setFailure('default', 'cli-crash', { mode: 'crash-loop', crashLog: 'boom' });
      const crash = await spinkube(['deploy', IMAGE, '--name', 'cli-crash', '--wait', '--json']);
      assert.equal(crash.code, 7);
      assert.equal(crash.result?.kind, 'rollout-failed');
      assert.match(String(crash.result?.message), /^The app keeps crashing/);
      assert.ok((crash.result?.evidence as string[]).some((l) => l.endsWith('boom')));

      target.sandbox!.operator.setFailure('default', 'cli-slow', 'slow-start');
      const slow = await spinkube(['deploy', IMAGE, '--name', 'cli-slow', '--wait', '--timeout', '1']);
      assert.equal(slow.code, 8);
      assert.match(slow.stderr, /spinkube deploy: SpinApp "cli-slow" did not become available within 1 s/);
    });
  }
});
