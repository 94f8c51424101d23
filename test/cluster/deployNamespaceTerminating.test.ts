// A deploy into a namespace being deleted gets 403 with the cause NamespaceTerminating from the
// API server: that is no missing right, and the user is told the namespace is going away.
import { strict as assert } from 'node:assert';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { errorFromResponse } from '../../src/cluster/apiError';
import type { KubeObject } from '../../src/cluster/kinds';
import { loadKubeconfig } from '../../src/cluster/kubeconfig';
import { ClusterSession } from '../../src/cluster/session';
import { runSpinkubeCli } from '../../src/cli/pipeline/cli';
import { deploySpinApp } from '../../src/pipeline/deploy';
import { PipelineError } from '../../src/pipeline/events';
import { scaffoldSpinApp } from '../../src/pipeline/scaffold';
import { startSimulator, type Simulator } from '../support/k8s-sim/index';
import { rejectionOf } from '../support/rejection';

const IMAGE = 'ghcr.io/spinkube/containerd-shim-spin/examples/spin-rust-hello:v0.13.0';
const TERMINATING = {
  path: '/namespaces/team-a/spinapps/',
  verb: 'patch',
  status: 403 as const,
  message:
    'spinapps.core.spinkube.dev "hello" is forbidden: unable to create new content in namespace team-a because it is being terminated',
  causes: [
    {
      reason: 'NamespaceTerminating',
      message: 'namespace team-a is being terminated',
      field: 'metadata.namespace',
    },
  ],
};
const SENTENCE =
  'Cannot apply SpinApp "hello": namespace "team-a" is being deleted. Deploy to another namespace, or wait until it is gone and create it again.';

let sim: Simulator;
let session: ClusterSession;
before(async () => {
  sim = await startSimulator();
  sim.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-a' } });
  const loaded = loadKubeconfig({ setting: sim.kubeconfigPath });
  if (!loaded.ok) throw new Error(loaded.message);
  session = new ClusterSession(loaded.kubeConfig);
});
after(async () => {
  session.dispose();
  await sim.stop();
});

const spinApp = (): KubeObject[] =>
  scaffoldSpinApp({ image: IMAGE, name: 'hello' }).objects.map((o) => o.object as KubeObject);

describe('deploy into a namespace being deleted', () => {
  it('reads the cause of the 403', () => {
    const error = errorFromResponse(403, {
      kind: 'Status',
      code: 403,
      reason: 'Forbidden',
      ...TERMINATING,
      details: { causes: TERMINATING.causes },
    });
    assert.equal(error.causeReason, 'NamespaceTerminating');
  });

  it('says the namespace is being deleted, not that a right is missing', async () => {
    sim.faults.inject(TERMINATING);
    const error = await rejectionOf(
      deploySpinApp(session, spinApp(), { namespace: 'team-a', wait: false }),
      PipelineError,
      'the deploy',
    );
    assert.equal(error.kind, 'namespace-terminating');
    assert.equal(error.message, SENTENCE);
    assert.doesNotMatch(error.message, /not allowed/);
  });

  it('the CLI exits with the cluster error code and the same sentence', async () => {
    sim.faults.inject(TERMINATING);
    let stdout = '';
    const code = await runSpinkubeCli(
      ['deploy', IMAGE, '--name', 'hello', '-n', 'team-a', '--kubeconfig', sim.kubeconfigPath, '--json'],
      {
        stdout: { write: (t: string) => (stdout += t) },
        stderr: { write: () => undefined },
        env: {},
        cwd: mkdtempSync(join(tmpdir(), 'spinkube-cli-')),
      },
    );
    const result = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as {
      kind?: string;
      message?: string;
    };
    assert.equal(code, 6);
    assert.equal(result.kind, 'namespace-terminating');
    assert.equal(result.message, SENTENCE);
  });
});
