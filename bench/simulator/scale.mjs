// Scale of the Kubernetes API simulator: 10,000 SpinApps + 10,000 pods seeded straight into the
// store, then listed (whole and paged) and watched through @kubernetes/client-node.
//
//   node bench/simulator/scale.mjs [--apps 10000]     (after `npx tsc -p tsconfig.test.json`)
//
// Reported: seed time, full list time and bytes, paged list (limit 500) time, time to receive all
// initial ADDED events of a watch, latency of one change to reach a watch, and heap after the lists.
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';

const root = new URL('../..', import.meta.url).pathname;
const require = createRequire(import.meta.url);
if (!existsSync(`${root}out/test/support/k8s-sim/index.js`)) {
  console.error('compile first: npx tsc -p tsconfig.test.json');
  process.exit(1);
}
const k8s = require('@kubernetes/client-node');
const { startSimulator } = require(`${root}out/test/support/k8s-sim/index.js`);
const { seedManyApps } = require(`${root}out/test/support/k8s-sim/seed.js`);

const arg = process.argv.indexOf('--apps');
const N = arg >= 0 ? Number(process.argv[arg + 1]) : 10000;
const ms = (t) => `${(performance.now() - t).toFixed(0)} ms`;

const sim = await startSimulator({ spinWebhooks: false });
try {
  let t = performance.now();
  seedManyApps(sim, N, 3);
  console.log(`seed ${N} apps + ${N} pods: ${ms(t)}`);
  const kc = new k8s.KubeConfig();
  kc.loadFromFile(sim.kubeconfigPath);
  const custom = kc.makeApiClient(k8s.CustomObjectsApi);
  const core = kc.makeApiClient(k8s.CoreV1Api);

  t = performance.now();
  const raw = await (await fetch(`${sim.url}/apis/core.spinkube.dev/v1alpha1/spinapps`)).text();
  console.log(`list all SpinApps (raw HTTP): ${ms(t)}, ${(raw.length / 1e6).toFixed(1)} MB`);
  t = performance.now();
  const apps = await custom.listClusterCustomObject({
    group: 'core.spinkube.dev',
    version: 'v1alpha1',
    plural: 'spinapps',
  });
  console.log(`list all SpinApps (client-node): ${ms(t)}, ${apps.items.length} items`);
  t = performance.now();
  const pods = await core.listPodForAllNamespaces();
  console.log(`list all pods (client-node, typed): ${ms(t)}, ${pods.items.length} items`);
  t = performance.now();
  let cont;
  let pages = 0;
  let items = 0;
  do {
    const page = await core.listPodForAllNamespaces({ limit: 500, _continue: cont });
    cont = page.metadata?._continue;
    items += page.items.length;
    pages++;
  } while (cont);
  console.log(`paged pod list (limit 500): ${ms(t)}, ${pages} pages, ${items} items`);
  t = performance.now();
  const labelled = await core.listPodForAllNamespaces({
    labelSelector: 'core.spinkube.dev/app-name=app-09999',
  });
  console.log(`label-selected pod list: ${ms(t)}, ${labelled.items.length} item(s)`);

  const watch = new k8s.Watch(kc);
  let added = 0;
  let changeSeen;
  t = performance.now();
  let initialDone;
  const initial = new Promise((r) => (initialDone = r));
  let changeSent = 0;
  const ctl = await watch.watch(
    '/apis/core.spinkube.dev/v1alpha1/spinapps',
    {},
    (type, obj) => {
      if (type === 'ADDED' && ++added === N) initialDone();
      if (type === 'MODIFIED' && obj.metadata.name === 'app-00042') changeSeen?.();
    },
    () => undefined,
  );
  await initial;
  console.log(`watch: ${N} initial ADDED events in ${ms(t)}`);
  const seen = new Promise((r) => (changeSeen = r));
  changeSent = performance.now();
  await custom.patchNamespacedCustomObject(
    {
      group: 'core.spinkube.dev',
      version: 'v1alpha1',
      namespace: 'bench-0',
      plural: 'spinapps',
      name: 'app-00042',
      body: { spec: { replicas: 2 } },
    },
    k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.MergePatch),
  );
  await seen;
  console.log(`watch: one change delivered ${ms(changeSent)} after the PATCH was sent`);
  ctl.abort();
  global.gc?.();
  console.log(
    `heap used: ${(process.memoryUsage().heapUsed / 1e6).toFixed(0)} MB (this process holds the simulator and the client lists)`,
  );
} finally {
  await sim.stop();
}
