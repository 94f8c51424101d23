// Deploy benchmark: time from the operator marking a SpinApp ready (its status write reaching the
// API server) to our pipeline reporting it ready. The bench plays the operator against the API
// simulator, so the moment of marking is exact: it creates the Deployment, then writes the
// SpinApp status Available=True and takes the clock; the pipeline's `done wait` event stops it.
//
//   node bench/deploy/readyLatency.mjs [--runs 30]        (after `npx tsc -p tsconfig.test.json`)
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

const root = new URL('../..', import.meta.url).pathname;
const require = createRequire(import.meta.url);
const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg >= 0 ? Number(process.argv[runsArg + 1]) : 30;
const TARGET_MS = 100;

const { startSimulator } = require(join(root, 'out/test/support/k8s-sim/index.js'));
const { seedSpinKube } = require(join(root, 'out/test/support/k8s-sim/seed.js'));
const { loadKubeconfig } = require(join(root, 'out/src/cluster/kubeconfig.js'));
const { ClusterSession } = require(join(root, 'out/src/cluster/session.js'));
const { Kinds, APP_NAME_LABEL, spinAppKind } = require(join(root, 'out/src/cluster/kinds.js'));
const { deploySpinApp } = require(join(root, 'out/src/pipeline/deploy/index.js'));
const { scaffoldSpinApp } = require(join(root, 'out/src/pipeline/scaffold/index.js'));

const IMAGE = 'ghcr.io/spinkube/containerd-shim-spin/examples/spin-rust-hello:v0.13.0';
const NS = 'default';
const sim = await startSimulator();
seedSpinKube(sim);
const loaded = loadKubeconfig({ setting: sim.kubeconfigPath });
const session = new ClusterSession(loaded.kubeConfig);
const t = session.transport;
// Keep the watches the pipeline uses alive between runs, as the explorer does in VS Code.
const held = [spinAppKind(), Kinds.deployment, Kinds.event].map((k) => session.acquire(k, { namespace: NS }));

const latencies = [];
for (let run = 0; run < RUNS; run++) {
  const name = `bench-${run}`;
  held.push(session.acquire(Kinds.pod, { namespace: NS, labelSelector: `${APP_NAME_LABEL}=${name}` }));
  const objects = scaffoldSpinApp({ image: IMAGE, name, replicas: 1 }).objects.map((o) => o.object);
  let waiting;
  const watching = new Promise((resolve) => (waiting = resolve));
  let reportedAt = 0;
  const deployed = deploySpinApp(session, objects, {
    namespace: NS,
    timeoutMs: 30_000,
    onEvent: (e) => {
      if (e.type === 'progress' && e.step === 'wait' && e.message.startsWith('Waiting for the operator'))
        waiting();
      if (e.type === 'done' && e.step === 'wait') reportedAt = performance.now();
    },
  });
  await watching;
  await t.request({
    method: 'POST',
    path: `/apis/apps/v1/namespaces/${NS}/deployments`,
    body: {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name, labels: { [APP_NAME_LABEL]: name } },
      spec: {
        replicas: 1,
        selector: { matchLabels: { [APP_NAME_LABEL]: name } },
        template: {
          metadata: { labels: { [APP_NAME_LABEL]: name } },
          spec: { containers: [{ name, image: IMAGE }] },
        },
      },
    },
  });
  await t.request({
    method: 'PATCH',
    path: `/apis/apps/v1/namespaces/${NS}/deployments/${name}/status`,
    contentType: 'application/merge-patch+json',
    body: {
      status: {
        observedGeneration: 1,
        replicas: 1,
        updatedReplicas: 1,
        readyReplicas: 1,
        availableReplicas: 1,
      },
    },
  });
  // Let the Deployment event arrive first: only the SpinApp status write is timed.
  await new Promise((r) => setTimeout(r, 50));
  const markedAt = performance.now();
  await t.request({
    method: 'PATCH',
    path: `/apis/core.spinkube.dev/v1alpha1/namespaces/${NS}/spinapps/${name}/status`,
    contentType: 'application/merge-patch+json',
    body: {
      status: {
        activeScheduler: 'containerd-shim-spin',
        readyReplicas: 1,
        conditions: [
          {
            type: 'Available',
            status: 'True',
            reason: 'MinimumReplicasAvailable',
            message: 'Deployment has minimum availability.',
            lastTransitionTime: new Date().toISOString(),
          },
        ],
      },
    },
  });
  const result = await deployed;
  if (result.rollout?.state !== 'ready') throw new Error(`run ${run}: ${JSON.stringify(result.rollout)}`);
  latencies.push(reportedAt - markedAt);
}

latencies.sort((a, b) => a - b);
const pick = (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
const median = pick(0.5);
console.log(
  `ready → reported, ${RUNS} runs: median ${median.toFixed(1)} ms, p95 ${pick(0.95).toFixed(1)} ms, max ${latencies.at(-1).toFixed(1)} ms (target < ${TARGET_MS} ms)`,
);
console.log(median < TARGET_MS ? 'OK' : 'OVER TARGET');
for (const lease of held) lease.release();
session.dispose();
await sim.stop();
process.exit(median < TARGET_MS ? 0 : 1);
