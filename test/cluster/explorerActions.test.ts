// The explorer's actions against the simulator: scale, restart, delete, follow logs, describe, port-forward set-up.
import { strict as assert } from 'node:assert';
import { createConnection } from 'node:net';
import { after, before, describe, it } from 'node:test';
import {
  deleteObject,
  RESTARTED_AT_ANNOTATION,
  restartSpinApp,
  scaleSpinApp,
  validReplicas,
} from '../../src/cluster/clusterActions';
import { spinAppKind } from '../../src/cluster/kinds';
import { loadKubeconfig } from '../../src/cluster/kubeconfig';
import { followPodLogs } from '../../src/cluster/podLogs';
import { startPortForward } from '../../src/cluster/portForward';
import type { SpinApp } from '../../src/cluster/resources';
import { ClusterSession } from '../../src/cluster/session';
import { describeObject } from '../../src/clusterTree/describeText';
import { seedApp, seedNode, seedSpinKubeBasics } from '../support/explorerSeed';
import { until } from '../support/fakeTransport';
import { startSimulator, type Simulator } from '../support/k8s-sim/index';

describe('cluster explorer actions', () => {
  let sim: Simulator;
  let session: ClusterSession;
  const G = 'core.spinkube.dev';

  before(async () => {
    sim = await startSimulator();
    seedSpinKubeBasics(sim);
    seedNode(sim, 'spin-node-1', { 'spin-v2': 'provisioned' });
    seedApp(sim, { name: 'hello', replicas: 2 });
    seedApp(sim, { name: 'doomed' });
    const loaded = loadKubeconfig({ setting: sim.kubeconfigPath });
    assert.ok(loaded.ok);
    session = new ClusterSession(loaded.kubeConfig);
  });
  after(async () => {
    session.dispose();
    await sim.stop();
  });

  it('scales a SpinApp through spec.replicas', async () => {
    await scaleSpinApp(session.transport, G, 'default', 'hello', 4);
    const app = await session.transport.request<SpinApp>({
      path: '/apis/core.spinkube.dev/v1alpha1/namespaces/default/spinapps/hello',
    });
    assert.equal(app.spec?.replicas, 4);
    assert.equal(validReplicas('x'), 'Enter a whole number of replicas (0 or more).');
    assert.equal(validReplicas(' 3 '), 3);
  });

  it('restarts a SpinApp with a pod annotation the operator copies to the pod template', async () => {
    const now = new Date('2026-01-02T03:04:05Z');
    const app = await restartSpinApp(session.transport, G, 'default', 'hello', now);
    assert.equal(
      (app as SpinApp).spec?.podAnnotations?.[RESTARTED_AT_ANNOTATION],
      '2026-01-02T03:04:05.000Z',
    );
  });

  it('deletes an object, and a missing one fails with the API message', async () => {
    await deleteObject(session.transport, spinAppKind(G), 'default', 'doomed');
    await assert.rejects(
      deleteObject(session.transport, spinAppKind(G), 'default', 'doomed'),
      /spinapps.core.spinkube.dev "doomed" not found/,
    );
  });

  it('follows the logs of all pods of an app, each line with its pod', async () => {
    const lines: string[] = [];
    const follow = followPodLogs(
      session.transport,
      [
        { namespace: 'default', name: 'hello-7d9f-0' },
        { namespace: 'default', name: 'hello-7d9f-1' },
      ],
      (pod, line) => lines.push(`[${pod}] ${line}`),
    );
    sim.server.logs.append('default', 'hello-7d9f-0', 'hello', ['GET / 200']);
    sim.server.logs.append('default', 'hello-7d9f-1', 'hello', ['GET /api 404']);
    await until(
      () => lines.some((l) => l.startsWith('[hello-7d9f-1]') && l.includes('GET /api 404')),
      'lines of both pods',
    );
    assert.ok(lines.some((l) => l.startsWith('[hello-7d9f-0]') && l.includes('GET / 200')));
    follow.stop();
    await follow.done;
  });

  it('describes a SpinApp with its conditions and events', async () => {
    sim.create({
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: 'hello.scaled', namespace: 'default' },
      type: 'Normal',
      reason: 'Scaled',
      message: 'scaled to 4',
      count: 1,
      lastTimestamp: new Date().toISOString(),
      involvedObject: { kind: 'SpinApp', name: 'hello', namespace: 'default' },
    } as never);
    const app = await session.transport.request<SpinApp>({
      path: '/apis/core.spinkube.dev/v1alpha1/namespaces/default/spinapps/hello',
    });
    const text = await describeObject(session.transport, app);
    assert.match(text, /^Name: +hello$/m);
    assert.match(text, /^Kind: +SpinApp \(core\.spinkube\.dev\/v1alpha1\)$/m);
    assert.match(text, /^ {2}Available +True +MinimumReplicasAvailable/m);
    assert.match(text, /^ {2}Normal +Scaled +\S+ +1 +scaled to 4$/m);
    assert.doesNotMatch(text, /managedFields/);
  });

  it('opens a port-forward listener on 127.0.0.1 and closes it', async () => {
    const pf = await startPortForward(session.kubeConfig, {
      namespace: 'default',
      pod: 'hello-7d9f-0',
      port: 80,
    });
    assert.match(pf.url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
    const errors: Error[] = [];
    pf.onError = (e) => errors.push(e);
    await new Promise<void>((resolve) => {
      const socket = createConnection(pf.localPort, '127.0.0.1', () => {
        socket.end();
        resolve();
      });
      socket.on('error', () => resolve());
    });
    await pf.close();
    await assert.rejects(
      new Promise((resolve, reject) => {
        const socket = createConnection(pf.localPort, '127.0.0.1', () => resolve(socket.end()));
        socket.on('error', reject);
      }),
      /ECONNREFUSED/,
    );
  });
});
