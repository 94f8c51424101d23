// Child process of the explorer benchmark: runs the API simulator with N SpinApps (one pod each)
// on a few nodes, and on request changes SpinApp statuses at a fixed rate, reporting when each
// change was written (performance.timeOrigin + performance.now(), comparable across processes).
// Each change also carries its send time in the Available condition's message (`sent=<Date.now()>`),
// so that a client in another process (the VS Code extension host) can time it on arrival.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

const root = new URL('../..', import.meta.url).pathname;
const require = createRequire(import.meta.url);
const { startSimulator } = require(join(root, 'out/test/support/k8s-sim/index.js'));
const { seedManyApps, seedSpinKube } = require(join(root, 'out/test/support/k8s-sim/seed.js'));

const apps = Number(process.env.BENCH_APPS ?? 10000);
const nodes = Number(process.env.BENCH_NODES ?? 2);
const sim = await startSimulator();
seedSpinKube(sim);
seedManyApps(sim, apps, nodes);
const type = sim.typeOf('core.spinkube.dev/v1alpha1', 'SpinApp');
const now = () => performance.timeOrigin + performance.now();

process.on('message', (msg) => {
  if (msg.type === 'churn') {
    const { keys, perSecond, seconds } = msg;
    let sent = 0;
    const total = perSecond * seconds;
    const interval = setInterval(() => {
      for (let i = 0; i < perSecond / 10 && sent < total; i++, sent++) {
        const key = keys[Math.floor(Math.random() * keys.length)];
        const [ns, name] = key.split('/');
        const ready = sent % 2;
        const sentAt = Date.now();
        sim.server.ops.patch(
          type,
          ns,
          name,
          'merge',
          {
            status: {
              readyReplicas: ready,
              conditions: [
                {
                  type: 'Available',
                  status: ready ? 'True' : 'False',
                  reason: 'Bench',
                  message: `change ${sent} sent=${sentAt}`,
                  lastTransitionTime: new Date().toISOString(),
                },
                {
                  type: 'Progressing',
                  status: 'True',
                  reason: 'Bench',
                  message: '',
                  lastTransitionTime: new Date().toISOString(),
                },
              ],
            },
          },
          { subresource: 'status', fieldManager: 'bench' },
        );
        process.send({ type: 'changed', key, t: now() });
      }
      if (sent >= total) {
        clearInterval(interval);
        process.send({ type: 'churned', sent });
      }
    }, 100);
  } else if (msg.type === 'stop') {
    void sim.stop().then(() => process.exit(0));
  }
});
process.send({ type: 'ready', kubeconfigPath: sim.kubeconfigPath, url: sim.url });
