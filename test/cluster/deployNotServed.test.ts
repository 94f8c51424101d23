// A deploy whose apply gets 404: the cluster without SpinKube's CRDs says so (and what to do),
// a missing namespace is named, a kind no CRD serves is told apart; the CLI exits with their codes.
import { strict as assert } from 'node:assert';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { KubeObject } from '../../src/cluster/kinds';
import { loadKubeconfig } from '../../src/cluster/kubeconfig';
import { ClusterSession } from '../../src/cluster/session';
import { runSpinkubeCli } from '../../src/cli/pipeline/cli';
import { applyObjects, deploySpinApp } from '../../src/pipeline/deploy';
import { PipelineError } from '../../src/pipeline/events';
import { scaffoldSpinApp } from '../../src/pipeline/scaffold';
import { startSimulator, type Simulator } from '../support/k8s-sim/index';
import { rejectionOf } from '../support/rejection';

const IMAGE = 'ghcr.io/spinkube/containerd-shim-spin/examples/spin-rust-hello:v0.13.0';

interface Cluster {
  readonly simulator: Simulator;
  readonly session: ClusterSession;
}

async function startCluster(spinKubeCrds: boolean): Promise<Cluster> {
  const simulator = await startSimulator(spinKubeCrds ? {} : { spinKubeCrds: false });
  const loaded = loadKubeconfig({ setting: simulator.kubeconfigPath });
  if (!loaded.ok) throw new Error(loaded.message);
  return { simulator, session: new ClusterSession(loaded.kubeConfig) };
}

function spinApp(name: string): KubeObject[] {
  return scaffoldSpinApp({ image: IMAGE, name }).objects.map((o) => o.object as KubeObject);
}

const failureOf = (work: Promise<unknown>): Promise<PipelineError> =>
  rejectionOf(work, PipelineError, 'the apply');

async function cli(argv: string[], kubeconfigPath: string) {
  let stdout = '';
  const code = await runSpinkubeCli([...argv, '--kubeconfig', kubeconfigPath, '--json'], {
    stdout: { write: (t: string) => (stdout += t) },
    stderr: { write: () => undefined },
    env: {},
    cwd: mkdtempSync(join(tmpdir(), 'spinkube-cli-')),
  });
  const last = stdout.trim().split('\n').at(-1) ?? '{}';
  return { code, result: JSON.parse(last) as { kind?: string; message?: string; exitCode?: number } };
}

describe('deploy to a cluster without SpinKube', () => {
  let cluster: Cluster;
  before(async () => {
    cluster = await startCluster(false);
  });
  after(async () => {
    cluster.session.dispose();
    await cluster.simulator.stop();
  });

  it('says that SpinKube’s CRDs are not installed, and how to install them', async () => {
    const error = await failureOf(
      deploySpinApp(cluster.session, spinApp('no-crds'), { namespace: 'default', wait: false }),
    );
    assert.equal(error.kind, 'spinkube-not-installed');
    assert.match(error.message, /SpinKube's CRDs are not installed on this cluster/);
    assert.match(error.message, /does not serve SpinApp in core\.spinkube\.dev\/v1alpha1/);
    assert.match(error.message, /Install SpinKube .*kubectl apply -f spin-operator\.crds\.yaml/);
    assert.doesNotMatch(error.message, /reach|unreachable/i);
  });

  it('the CLI exits with code 9 and the same sentence', async () => {
    const run = await cli(['deploy', IMAGE, '--name', 'no-crds-cli'], cluster.simulator.kubeconfigPath);
    assert.equal(run.code, 9);
    assert.equal(run.result.exitCode, 9);
    assert.equal(run.result.kind, 'spinkube-not-installed');
    assert.match(run.result.message ?? '', /SpinKube's CRDs are not installed on this cluster/);
  });
});

describe('deploy to a namespace that does not exist, and a kind no CRD serves', () => {
  let cluster: Cluster;
  before(async () => {
    cluster = await startCluster(true);
  });
  after(async () => {
    cluster.session.dispose();
    await cluster.simulator.stop();
  });

  it('names the missing namespace and how to create it', async () => {
    const error = await failureOf(
      deploySpinApp(cluster.session, spinApp('lost'), { namespace: 'no-such-namespace', wait: false }),
    );
    assert.equal(error.kind, 'namespace-not-found');
    assert.match(error.message, /namespace "no-such-namespace" does not exist on this cluster/);
    assert.match(error.message, /kubectl create namespace no-such-namespace/);
  });

  it('the CLI reports the missing namespace as a cluster error (code 6)', async () => {
    const run = await cli(
      ['deploy', IMAGE, '--name', 'lost-cli', '--namespace', 'no-such-namespace'],
      cluster.simulator.kubeconfigPath,
    );
    assert.equal(run.code, 6);
    assert.equal(run.result.kind, 'namespace-not-found');
  });

  it('a SpinKube webhook that cannot be called is named, with what to check', async () => {
    cluster.simulator.faults.inject({
      verb: 'patch',
      path: '/spinapps/',
      status: 500,
      count: 1,
      message:
        'Internal error occurred: failed calling webhook "mspinapp.kb.io": failed to call webhook: Post "https://spin-operator-webhook-service.spin-operator.svc:443/mutate-core-spinkube-dev-v1alpha1-spinapp?timeout=10s": no endpoints available for service "spin-operator-webhook-service"',
    });
    const error = await failureOf(
      deploySpinApp(cluster.session, spinApp('webhook-down'), { namespace: 'default', wait: false }),
    );
    assert.match(error.message, /admission webhook "mspinapp\.kb\.io"/);
    assert.match(error.message, /spin-operator/);
    assert.ok(error.evidence.some((line) => line.includes('no endpoints available')));
    assert.doesNotMatch(error.message, /Cannot reach the cluster/);
  });

  it('an object of a kind the cluster does not serve names that kind, not SpinKube', async () => {
    const scaledObject: KubeObject = {
      apiVersion: 'keda.sh/v1alpha1',
      kind: 'ScaledObject',
      metadata: { name: 'hello-scaler' },
    };
    const error = await failureOf(applyObjects(cluster.session, [scaledObject], { namespace: 'default' }));
    assert.equal(error.kind, 'kind-not-served');
    assert.match(error.message, /does not serve ScaledObject in keda\.sh\/v1alpha1/);
    assert.doesNotMatch(error.message, /SpinKube/);
  });
});
