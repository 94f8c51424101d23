// The simulator side of the in-host explorer benchmark: the API simulator in a child process
// (simProcess.mjs, 10,000 SpinApps), and a small HTTP endpoint on 127.0.0.1 through which the probe
// in the extension host starts the status changes once its items are on screen.
import { fork } from 'node:child_process';
import { createServer } from 'node:http';
import { join } from 'node:path';

const root = new URL('../..', import.meta.url).pathname;

/** The simulator child process; `next(type)` resolves with its next message of that type. */
export function startSim() {
  const child = fork(join(root, 'bench/cluster/simProcess.mjs'), {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const listeners = new Set();
  let exitCode;
  child.on('message', (m) => {
    for (const l of [...listeners]) l(m);
  });
  child.once('exit', (code) => {
    exitCode = code ?? -1;
    for (const l of [...listeners]) l({ type: 'exit', code: exitCode });
  });
  const next = (type) =>
    new Promise((resolve, reject) => {
      if (exitCode !== undefined) return reject(new Error(`the simulator exited (${exitCode})`));
      const onMessage = (m) => {
        if (m.type === 'exit') {
          listeners.delete(onMessage);
          reject(new Error(`the simulator exited (${m.code}) before '${type}'`));
        } else if (m.type === type) {
          listeners.delete(onMessage);
          resolve(m);
        }
      };
      listeners.add(onMessage);
    });
  const stop = () => {
    if (exitCode === undefined) child.send({ type: 'stop' });
  };
  return { child, listeners, next, stop };
}

/**
 * POST /churn {shown, others}: 100 SpinApp status changes per second for `seconds`, to keys picked
 * at random among the shown ones and as many others (so half go to items on screen); answers
 * {sent, sentToShown} when the last change is written.
 */
export function startControl(sim, seconds = 10) {
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', async () => {
      try {
        if (req.method !== 'POST' || req.url !== '/churn') {
          throw new Error(`unknown request ${req.method} ${req.url}`);
        }
        const { shown, others } = JSON.parse(body);
        if (!Array.isArray(shown) || !shown.length || !Array.isArray(others) || !others.length) {
          throw new Error('no keys to change');
        }
        const shownSet = new Set(shown);
        const keys = [...shown];
        for (let i = 0; i < shown.length; i++) keys.push(others[i % others.length]);
        let sentToShown = 0;
        const count = (m) => {
          if (m.type === 'changed' && shownSet.has(m.key)) sentToShown++;
        };
        sim.listeners.add(count);
        const done = sim.next('churned');
        sim.child.send({ type: 'churn', keys, perSecond: 100, seconds });
        const { sent } = await done.finally(() => sim.listeners.delete(count));
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ sent, sentToShown }));
      } catch (error) {
        res.writeHead(400, { 'content-type': 'text/plain' });
        res.end(error instanceof Error ? error.message : String(error));
      }
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () =>
      resolve({ close: () => server.close(), url: `http://127.0.0.1:${server.address().port}` }),
    );
  });
}
