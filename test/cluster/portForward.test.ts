// Port-forward end to end: our startPortForward → the simulator's pods/portforward websocket
// (v4.channel.k8s.io) → a real HTTP server standing in for the Spin app in the pod.
import { strict as assert } from 'node:assert';
import { request, createServer, type IncomingMessage, type Server } from 'node:http';
import { createConnection, type AddressInfo } from 'node:net';
import { PassThrough } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { KubeConfig, PortForward } from '@kubernetes/client-node';
import WebSocket from 'ws';
import { loadKubeconfig } from '../../src/cluster/kubeconfig';
import { podHttpPort } from '../../src/cluster/podHttpPort';
import { startPortForward, type ActivePortForward } from '../../src/cluster/portForward';
import { seedApp, seedNode, seedSpinKubeBasics } from '../support/explorerSeed';
import { until } from '../support/fakeTransport';
import { startSimulator, type Simulator } from '../support/k8s-sim/index';
import type { KubeObject } from '../support/k8s-sim/types';
import { waitFor } from '../support/waitFor';
import { DEMO_APPS, startSandbox, type Sandbox } from '../support/sandbox';

interface Answer {
  status: number;
  body: string;
}

function fetchThrough(url: string, options: { method?: string; body?: string } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: options.method ?? 'GET', agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

/** The app in the pod: `Hello from <app>`, an echo route, and a route that never finishes its answer. */
function startApp(name: string): Promise<{ server: Server; port: number; aborted: () => number }> {
  let aborted = 0;
  const server = createServer((req, res) => {
    if (req.url?.startsWith('/echo')) {
      req.pipe(res);
      return;
    }
    if (req.url === '/slow') {
      res.writeHead(200, { 'Content-Type': 'text/plain' });
      res.write('first part\n');
      res.on('close', () => {
        if (!res.writableFinished) aborted++;
      });
      return;
    }
    res.writeHead(200, { 'Content-Type': 'text/plain' });
    res.end(`Hello from ${name}\n`);
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ server, port: (server.address() as AddressInfo).port, aborted: () => aborted }),
    ),
  );
}

function refused(port: number): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const socket = createConnection(port, '127.0.0.1', () => resolve(socket.end()));
    socket.on('error', reject);
  });
}

describe('port-forward through the API server', () => {
  let sim: Simulator;
  let kubeConfig: KubeConfig;
  let app: Awaited<ReturnType<typeof startApp>>;
  const forwards: ActivePortForward[] = [];
  const forward = async (pod: string, port = 80): Promise<ActivePortForward> => {
    const pf = await startPortForward(kubeConfig, { namespace: 'default', pod, port });
    forwards.push(pf);
    return pf;
  };

  before(async () => {
    sim = await startSimulator({ token: 'pf-test-token' });
    seedSpinKubeBasics(sim);
    seedNode(sim, 'spin-node-1', { 'spin-v2': 'provisioned' });
    seedApp(sim, { name: 'hello', replicas: 1 });
    seedApp(sim, { name: 'silent', replicas: 1 });
    app = await startApp('hello');
    sim.server.portForward.register('default', 'hello-7d9f-0', 80, { host: '127.0.0.1', port: app.port });
    const loaded = loadKubeconfig({ setting: sim.kubeconfigPath });
    assert.ok(loaded.ok);
    kubeConfig = loaded.kubeConfig;
  });
  after(async () => {
    for (const pf of forwards) await pf.close();
    app.server.closeAllConnections();
    await new Promise((resolve) => app.server.close(resolve));
    await sim.stop();
  });

  it('forwards a local port to the pod, and the app answers through it', async () => {
    const pf = await forward('hello-7d9f-0');
    assert.match(pf.url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
    assert.deepEqual(await fetchThrough(pf.url), { status: 200, body: 'Hello from hello\n' });
    // every request is a new connection, hence a new tunnel
    assert.deepEqual(await fetchThrough(`${pf.url}again`), { status: 200, body: 'Hello from hello\n' });
  });

  it('carries large bodies both ways unchanged', async () => {
    const pf = await forward('hello-7d9f-0');
    const body = Array.from({ length: 400_000 }, (_, i) => `line ${i}`).join('\n'); // 4.6 MB
    const answer = await fetchThrough(`${pf.url}echo`, { method: 'POST', body });
    assert.equal(answer.status, 200);
    assert.equal(answer.body.length, body.length);
    assert.equal(answer.body, body);
  });

  it('stopping the forward closes the local port and its tunnels', async () => {
    const pf = await forward('hello-7d9f-0');
    assert.equal((await fetchThrough(pf.url)).status, 200);
    await pf.close();
    await assert.rejects(refused(pf.localPort), /ECONNREFUSED/);
    await until(() => sim.server.portForward.openTunnels === 0, 'tunnels closed');
  });

  it('stopping in the middle of an answer ends the request and the connection to the app', async () => {
    const pf = await forward('hello-7d9f-0');
    const abortedBefore = app.aborted();
    const outcome = new Promise<string>((resolve) => {
      const req = request(`${pf.url}slow`, { agent: false }, (res: IncomingMessage) => {
        res.once('data', () => void pf.close());
        res.on('error', (e) => resolve(`error: ${e.message}`));
        res.on('end', () => resolve('ended'));
      });
      req.on('error', (e) => resolve(`error: ${e.message}`));
      req.end();
    });
    assert.match(await outcome, /^error: aborted$|^ended$/);
    await until(() => app.aborted() === abortedBefore + 1, 'the app saw its connection close');
    await until(() => sim.server.portForward.openTunnels === 0, 'tunnels closed');
  });

  it('the API server going away mid-answer: the request fails and onError says the connection was lost', async () => {
    const pf = await forward('hello-7d9f-0');
    const errors: Error[] = [];
    pf.onError = (e) => errors.push(e);
    try {
      const outcome = await new Promise<string>((resolve) => {
        const req = request(`${pf.url}slow`, { agent: false }, (res: IncomingMessage) => {
          res.once('data', () => void sim.faults.goOffline());
          res.on('error', (e) => resolve(`error: ${e.message}`));
          res.on('end', () => resolve('ended'));
        });
        req.on('error', (e) => resolve(`error: ${e.message}`));
        req.end();
      });
      assert.match(outcome, /^error: (aborted|read ECONNRESET)$/);
      await until(() => errors.length > 0, 'an error reported');
      assert.match(
        errors[0]!.message,
        /^Port-forward to default\/hello-7d9f-0:80 failed: the connection to the API server was lost \(websocket close code 1006\)$/,
      );
    } finally {
      await sim.faults.goOnline();
    }
    assert.equal((await fetchThrough(pf.url)).body, 'Hello from hello\n');
  });

  it('a pod where nothing listens: the request fails at once and onError says why', async () => {
    const pf = await forward('silent-7d9f-0');
    const errors: Error[] = [];
    pf.onError = (e) => errors.push(e);
    await assert.rejects(fetchThrough(pf.url), /socket hang up|ECONNRESET/);
    await until(() => errors.length > 0, 'an error reported');
    assert.match(
      errors[0]!.message,
      /^Port-forward to default\/silent-7d9f-0:80 failed: error forwarding port 80 to pod .*connect: connection refused/,
    );
    // the forward stays up for the next connection
    await assert.rejects(fetchThrough(pf.url), /socket hang up|ECONNRESET/);
  });

  it('a pod that does not exist: starting fails with the API server message', async () => {
    await assert.rejects(
      startPortForward(kubeConfig, { namespace: 'default', pod: 'gone-1', port: 80 }),
      /^ApiError: Cannot port-forward to default\/gone-1:80: pods "gone-1" not found$/,
    );
  });

  it('a pod not scheduled yet: starting fails, saying it has no host', async () => {
    sim.create({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'pending-0', namespace: 'default' },
      spec: { containers: [{ name: 'app', image: 'ghcr.io/example/app:v1' }] },
    });
    await assert.rejects(
      startPortForward(kubeConfig, { namespace: 'default', pod: 'pending-0', port: 80 }),
      /Cannot port-forward to default\/pending-0:80: pod pending-0 does not have a host assigned/,
    );
  });

  it('without the cluster credentials: starting fails as unauthorized', async () => {
    const anonymous = new KubeConfig();
    anonymous.loadFromOptions({
      clusters: [{ name: 'sim', server: sim.url, skipTLSVerify: true }],
      users: [{ name: 'nobody' }],
      contexts: [{ name: 'sim', cluster: 'sim', user: 'nobody' }],
      currentContext: 'sim',
    });
    await assert.rejects(
      startPortForward(anonymous, { namespace: 'default', pod: 'hello-7d9f-0', port: 80 }),
      /Cannot port-forward to default\/hello-7d9f-0:80: Unauthorized/,
    );
  });

  it('the API server is gone: starting fails, naming the server', async () => {
    const offline = new KubeConfig();
    offline.loadFromOptions({
      clusters: [{ name: 'gone', server: 'http://127.0.0.1:9', skipTLSVerify: true }],
      users: [{ name: 'u' }],
      contexts: [{ name: 'gone', cluster: 'gone', user: 'u' }],
      currentContext: 'gone',
    });
    await assert.rejects(
      startPortForward(offline, { namespace: 'default', pod: 'hello-7d9f-0', port: 80 }),
      /Cannot port-forward to default\/hello-7d9f-0:80: .*ECONNREFUSED.*\(API server http:\/\/127\.0\.0\.1:9\)/,
    );
  });

  it('the simulator opens a data and an error channel per requested port, each starting with its port', async () => {
    const url = `${sim.url.replace('http', 'ws')}/api/v1/namespaces/default/pods/hello-7d9f-0/portforward?ports=80,81`;
    const ws = new WebSocket(url, ['v4.channel.k8s.io'], {
      headers: { Authorization: 'Bearer pf-test-token' },
    });
    const frames: string[] = [];
    ws.on('message', (data: Buffer) => frames.push(data.toString('hex')));
    const errorText = (): string =>
      frames
        .filter((f) => f.startsWith('03'))
        .slice(1)
        .map((f) => Buffer.from(f.slice(2), 'hex').toString())
        .join('');
    // 80 answers (the app listens), 81 refuses: its error text follows on channel 3
    await until(() => errorText().length > 0, 'the error of port 81');
    ws.close();
    assert.deepEqual(frames.slice(0, 4), ['005000', '015000', '025100', '035100']);
    assert.match(errorText(), /^error forwarding port 81 to pod .*connection refused/);
  });

  it('the simulator refuses a port that is not a number, before upgrading', async () => {
    const url = `${sim.url.replace('http', 'ws')}/api/v1/namespaces/default/pods/hello-7d9f-0/portforward?ports=http`;
    const ws = new WebSocket(url, ['v4.channel.k8s.io'], {
      headers: { Authorization: 'Bearer pf-test-token' },
    });
    ws.on('error', () => undefined); // terminate() below ends the refused handshake
    const status = await new Promise<number>((resolve) => {
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.on('open', () => resolve(101));
    });
    ws.terminate();
    assert.equal(status, 400);
  });

  it("speaks the protocol client-node's PortForward expects (port frames, data channel)", async () => {
    const output = new PassThrough();
    const input = new PassThrough();
    const received: Buffer[] = [];
    output.on('data', (c: Buffer) => received.push(c));
    const ws = await new PortForward(kubeConfig).portForward(
      'default',
      'hello-7d9f-0',
      [80],
      output,
      null,
      input,
    );
    input.write('GET / HTTP/1.1\r\nHost: pod\r\nConnection: close\r\n\r\n');
    await until(() => Buffer.concat(received).toString().includes('Hello from hello'), 'the answer');
    assert.match(Buffer.concat(received).toString(), /^HTTP\/1\.1 200 OK\r\n/);
    if (typeof ws !== 'function') ws.close();
  });
});

describe('port-forward in the sandbox (npm start)', () => {
  let sandbox: Sandbox;
  let kubeConfig: KubeConfig;
  const forwards: ActivePortForward[] = [];

  before(async () => {
    sandbox = await startSandbox({ seed: 'demo', secondMs: 10 });
    const loaded = loadKubeconfig({ setting: sandbox.kubeconfigPath });
    assert.ok(loaded.ok);
    kubeConfig = loaded.kubeConfig;
  });
  after(async () => {
    for (const pf of forwards) await pf.close();
    await sandbox.stop();
  });

  const podOf = (app: string, ready: (pod: KubeObject) => boolean): Promise<KubeObject> =>
    waitFor(`a pod of ${app}`, () =>
      [...sandbox.simulator.server.store.objects('/pods', 'default')].find(
        (p) => p.metadata.labels?.['core.spinkube.dev/app-name'] === app && ready(p),
      ),
    );
  const phase = (pod: KubeObject): unknown => pod.status?.phase;
  const running = (pod: KubeObject): boolean =>
    (pod.status?.containerStatuses as { state?: { running?: unknown } }[] | undefined)?.[0]?.state
      ?.running !== undefined;
  const waitingFor = (pod: KubeObject): string | undefined =>
    (pod.status?.containerStatuses as { state?: { waiting?: { reason?: string } } }[] | undefined)?.[0]?.state
      ?.waiting?.reason;

  it('a ready SpinApp answers through port-forward like a Spin app', async () => {
    const pod = await podOf(DEMO_APPS.ready, (p) => phase(p) === 'Running' && running(p));
    const pf = await startPortForward(kubeConfig, {
      namespace: 'default',
      pod: pod.metadata.name!,
      port: 80,
    });
    forwards.push(pf);
    assert.deepEqual(await fetchThrough(pf.url), { status: 200, body: `Hello from ${DEMO_APPS.ready}\n` });
    const echoed = await fetchThrough(`${pf.url}echo/x`, { method: 'POST', body: 'ping' });
    assert.deepEqual(echoed, { status: 200, body: 'ping' });
  });

  it('a SpinApp whose image cannot be pulled refuses: the request fails and onError says so', async () => {
    const pod = await podOf(DEMO_APPS.imagePull, (p) =>
      /ErrImagePull|ImagePullBackOff/.test(waitingFor(p) ?? ''),
    );
    const pf = await startPortForward(kubeConfig, {
      namespace: 'default',
      pod: pod.metadata.name!,
      port: 80,
    });
    forwards.push(pf);
    const errors: Error[] = [];
    pf.onError = (e) => errors.push(e);
    await assert.rejects(fetchThrough(pf.url), /socket hang up|ECONNRESET/);
    await until(() => errors.length > 0, 'an error reported');
    assert.match(errors[0]!.message, /failed: error forwarding port 80 .*connection refused/);
    assert.deepEqual(sandbox.apps.started, [`default/${DEMO_APPS.ready}`]);
  });
});

describe('the pod port port-forward opens', () => {
  it("is spin-operator's http-app port, else the first TCP port, else 80", () => {
    const pod = (ports: object[] | undefined) => ({ spec: { containers: [{ name: 'app', ports }] } });
    assert.equal(podHttpPort(pod([{ name: 'http-app', containerPort: 80, protocol: 'TCP' }])), 80);
    assert.equal(
      podHttpPort(
        pod([
          { name: 'metrics', containerPort: 9090 },
          { name: 'http-app', containerPort: 3000 },
        ]),
      ),
      3000,
    );
    assert.equal(
      podHttpPort(
        pod([
          { containerPort: 53, protocol: 'UDP' },
          { name: 'web', containerPort: 8080 },
        ]),
      ),
      8080,
    );
    assert.equal(podHttpPort(pod(undefined)), 80);
    assert.equal(podHttpPort({}), 80);
  });
});
