// Cluster access through proxies, as kubectl: the kubeconfig's proxy-url (HTTP proxy with CONNECT,
// with or without Basic credentials; SOCKS5), else HTTP_PROXY / HTTPS_PROXY. Our transport lists and
// watches SpinApps on the API simulator through the proxy, port-forwards go through it, and a proxy
// that refuses or is not there gets a message that says so (without the proxy's password). HTTPS:
// through the CONNECT tunnel the API server's certificate is still checked against the cluster's CA
// and the client certificate is still presented.
import { strict as assert } from 'node:assert';
import { createServer as createHttpServer, request, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import {
  connect,
  createServer as createTcpServer,
  type AddressInfo,
  type Server as NetServer,
  type Socket,
} from 'node:net';
import { createServer as createTlsServer, type TLSSocket } from 'node:tls';
import { after, before, describe, it } from 'node:test';
import type { KubeConfig } from '@kubernetes/client-node';
import { stringify } from 'yaml';
import { ApiError } from '../../src/cluster/apiError';
import { loadKubeconfig } from '../../src/cluster/kubeconfig';
import { startPortForward } from '../../src/cluster/portForward';
import { createTransport } from '../../src/cluster/transport';
import { seedApp, seedSpinKubeBasics } from '../support/explorerSeed';
import { until } from '../support/fakeTransport';
import { startSimulator, type Simulator } from '../support/k8s-sim/index';
import { startHttpProxy, startSocks5Proxy, type TestProxy } from '../support/proxyServers';
import { tempFolder, type TempFolder } from '../support/tempFolder';
import { makeTestPki, type TestPki } from '../support/testCertificates';
import { rejectionOf } from '../support/rejection';
import { withEnvironment } from '../support/environment';

const TOKEN = 'proxy-test-token';
const SPINAPPS = '/apis/core.spinkube.dev/v1alpha1/namespaces/default/spinapps';
const PROXY_HOSTS = { 'kube.example.test': '127.0.0.1' };

interface ClusterEntry {
  readonly server: string;
  readonly proxyUrl?: string;
  readonly ca?: string;
  readonly clientCert?: string;
  readonly clientKey?: string;
}

const base64 = (pem: string): string => Buffer.from(pem).toString('base64');

interface NameList {
  items: { metadata: { name: string } }[];
}

const names = (list: NameList): string[] => list.items.map((i) => i.metadata.name).sort();

function get(url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve(Buffer.concat(chunks).toString()));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

const rejection = (promise: Promise<unknown>): Promise<ApiError> =>
  rejectionOf(promise, ApiError, 'the request');

function listen(server: NetServer): Promise<number> {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)),
  );
}

describe('cluster access through a proxy', () => {
  let sim: Simulator;
  let simPort: number;
  let folder: TempFolder;
  let pod: string;
  let app: Server;
  const proxies: TestProxy[] = [];
  let configs = 0;

  /** A kubeconfig (loaded as the extension loads it) whose one cluster is `entry`. */
  function kubeconfig(entry: ClusterEntry): KubeConfig {
    const file = `kubeconfig-${++configs}`;
    const cluster: Record<string, string | boolean> = { server: entry.server };
    // client-node talks plain http only to a cluster marked insecure (as the simulator's own kubeconfig)
    if (entry.server.startsWith('http:')) cluster['insecure-skip-tls-verify'] = true;
    if (entry.proxyUrl) cluster['proxy-url'] = entry.proxyUrl;
    if (entry.ca) cluster['certificate-authority-data'] = base64(entry.ca);
    const user: Record<string, string> = { token: TOKEN };
    if (entry.clientCert && entry.clientKey) {
      user['client-certificate-data'] = base64(entry.clientCert);
      user['client-key-data'] = base64(entry.clientKey);
    }
    folder.write(
      file,
      stringify({
        apiVersion: 'v1',
        kind: 'Config',
        clusters: [{ name: 'behind-proxy', cluster }],
        users: [{ name: 'dev', user }],
        contexts: [{ name: 'behind-proxy', context: { cluster: 'behind-proxy', user: 'dev' } }],
        'current-context': 'behind-proxy',
      }),
    );
    const loaded = loadKubeconfig({ setting: folder.file(file) });
    assert.ok(loaded.ok, loaded.ok ? '' : loaded.message);
    return loaded.kubeConfig;
  }

  async function proxy(start: Promise<TestProxy>): Promise<TestProxy> {
    const started = await start;
    proxies.push(started);
    return started;
  }

  before(async () => {
    sim = await startSimulator({ token: TOKEN });
    simPort = Number(new URL(sim.url).port);
    seedSpinKubeBasics(sim);
    pod = seedApp(sim, { name: 'hello', replicas: 1 }).pods[0]?.metadata.name ?? 'no pod';
    seedApp(sim, { name: 'world', replicas: 1 });
    app = createHttpServer((_req, res) => res.end('Hello from hello\n'));
    sim.server.portForward.register('default', pod, 80, { host: '127.0.0.1', port: await listen(app) });
    folder = tempFolder('spinkube-proxy');
  });
  after(async () => {
    for (const p of proxies) await p.close();
    app.closeAllConnections();
    await new Promise((resolve) => app.close(resolve));
    await sim.stop();
    folder.remove();
  });

  for (const kind of ['HTTP', 'SOCKS5'] as const) {
    it(`lists and watches SpinApps through the kubeconfig's ${kind} proxy-url`, async () => {
      const p = await proxy(kind === 'HTTP' ? startHttpProxy() : startSocks5Proxy());
      const transport = createTransport(kubeconfig({ server: sim.url, proxyUrl: p.url }));
      const listed = names(await transport.request<NameList>({ path: SPINAPPS }));
      assert.ok(listed.includes('hello') && listed.includes('world'), listed.join(', '));
      assert.ok(p.tunnels >= 1, 'the proxy carried the request');
      assert.ok(p.targets.includes(`127.0.0.1:${simPort}`), `targets: ${p.targets.join(', ')}`);

      const seen: string[] = [];
      const watch = transport.stream({ path: SPINAPPS, query: { watch: true } }, (line) => {
        const event = JSON.parse(line) as { type: string; object: { metadata: { name: string } } };
        seen.push(`${event.type} ${event.object.metadata.name}`);
      });
      await watch.connected;
      await until(() => seen.length >= listed.length, 'the initial ADDED events');
      const late = `late-${kind.toLowerCase()}`;
      seedApp(sim, { name: late, replicas: 1 });
      await until(() => seen.includes(`ADDED ${late}`), `the ADDED event of ${late}`);
      watch.abort();
      await watch.done;
      assert.ok(seen.includes('ADDED hello') && seen.includes('ADDED world'), seen.join(', '));
    });
  }

  it('sends the credentials of the proxy URL; wrong ones get a clear message without the password', async () => {
    const p = await proxy(startHttpProxy({ credentials: 'alice:s3cr@t' }));
    const port = p.port;
    const right = createTransport(
      kubeconfig({ server: sim.url, proxyUrl: `http://alice:s3cr%40t@127.0.0.1:${port}` }),
    );
    assert.ok(names(await right.request<NameList>({ path: SPINAPPS })).includes('hello'));
    assert.equal(p.refused, 0);

    const wrong = createTransport(
      kubeconfig({ server: sim.url, proxyUrl: `http://alice:wr0ngpass@127.0.0.1:${port}` }),
    );
    const error = await rejection(wrong.request({ path: SPINAPPS }));
    assert.equal(error.kind, 'unreachable');
    assert.equal(
      error.message,
      `Cannot reach the cluster at ${sim.url} through the proxy 127.0.0.1:${port}: ` +
        'the proxy refused the credentials in the proxy URL (407 Proxy Authentication Required)',
    );
    const none = createTransport(kubeconfig({ server: sim.url, proxyUrl: `http://127.0.0.1:${port}` }));
    assert.match(
      (await rejection(none.request({ path: SPINAPPS }))).message,
      /the proxy requires credentials/,
    );
    assert.ok(p.refused >= 2);
  });

  it('says which proxy cannot be reached when nothing listens there', async () => {
    const gone = await startHttpProxy();
    await gone.close();
    const transport = createTransport(
      kubeconfig({ server: sim.url, proxyUrl: `http://127.0.0.1:${gone.port}` }),
    );
    const error = await rejection(transport.request({ path: SPINAPPS }));
    assert.equal(error.kind, 'unreachable');
    assert.match(
      error.message,
      new RegExp(
        `^Cannot reach the cluster at ${sim.url} through the proxy 127\\.0\\.0\\.1:${gone.port}: .*ECONNREFUSED`,
      ),
    );
  });

  // (the test's own timeout only stops a hang: before the fix the request waited forever)
  it(
    'a proxy that never answers fails the request when its timeout ends, naming the proxy',
    { timeout: 20_000 },
    async () => {
      const silent = createTcpServer(() => undefined);
      const port = await listen(silent);
      try {
        const transport = createTransport(
          kubeconfig({ server: sim.url, proxyUrl: `http://127.0.0.1:${port}` }),
        );
        const error = await rejection(transport.request({ path: SPINAPPS, timeoutMs: 200 }));
        assert.equal(
          error.message,
          `Cannot reach the cluster at ${sim.url} through the proxy 127.0.0.1:${port}: the proxy did not answer in time`,
        );
      } finally {
        silent.close();
      }
    },
  );

  it('a bad proxy-url fails every request with a message naming the cluster, without crashing', async () => {
    const transport = createTransport(kubeconfig({ server: sim.url, proxyUrl: 'ftp://bob:pw9@proxy:21' }));
    const error = await rejection(transport.request({ path: SPINAPPS }));
    assert.match(
      error.message,
      /^The proxy-url of the kubeconfig cluster "behind-proxy" is "ftp:\/\/\*\*\*@proxy:21"/,
    );
    assert.ok(!error.message.includes('pw9'));
  });

  for (const kind of ['HTTP', 'SOCKS5'] as const) {
    it(`takes HTTP_PROXY from the environment for an http server; the ${kind} proxy resolves its name`, async () => {
      const p = await proxy(
        kind === 'HTTP' ? startHttpProxy({ hosts: PROXY_HOSTS }) : startSocks5Proxy({ hosts: PROXY_HOSTS }),
      );
      const kc = kubeconfig({ server: `http://kube.example.test:${simPort}` });
      const list = await withEnvironment({ HTTP_PROXY: p.url, NO_PROXY: 'other.example.test' }, () =>
        createTransport(kc).request<NameList>({ path: SPINAPPS }),
      );
      assert.ok(names(list).includes('hello'));
      assert.deepEqual(p.targets, [`kube.example.test:${simPort}`]);
    });
  }

  for (const kind of ['HTTP', 'SOCKS5'] as const) {
    it(`port-forwards through the ${kind} proxy`, async () => {
      const p = await proxy(
        kind === 'HTTP' ? startHttpProxy({ credentials: 'pf:pf-secret' }) : startSocks5Proxy(),
      );
      const proxyUrl = kind === 'HTTP' ? `http://pf:pf-secret@127.0.0.1:${p.port}` : p.url;
      const pf = await startPortForward(kubeconfig({ server: sim.url, proxyUrl }), {
        namespace: 'default',
        pod,
        port: 80,
      });
      try {
        const before = p.tunnels;
        assert.equal(await get(pf.url), 'Hello from hello\n');
        assert.ok(p.tunnels > before, 'the tunnel went through the proxy');
      } finally {
        await pf.close();
      }
    });
  }

  it('a port-forward through a proxy that refuses the credentials says so', async () => {
    const p = await proxy(startHttpProxy({ credentials: 'pf:pf-secret' }));
    const kc = kubeconfig({ server: sim.url, proxyUrl: `http://pf:not-it@127.0.0.1:${p.port}` });
    const error = await rejection(startPortForward(kc, { namespace: 'default', pod, port: 80 }));
    assert.match(
      error.message,
      new RegExp(`through the proxy 127\\.0\\.0\\.1:${p.port}: the proxy refused the credentials`),
    );
    assert.ok(!error.message.includes('not-it'));
  });

  describe('an https API server through the CONNECT tunnel', () => {
    let pki: TestPki;
    let otherCa: string;
    let tlsServer: Server;
    let tlsPort: number;
    let tlsFront: NetServer;
    let frontPort: number;
    const frontSockets = new Set<Socket>();

    before(async () => {
      pki = makeTestPki({ dns: ['kube.example.test'], ips: ['127.0.0.1'] });
      otherCa = makeTestPki({ ips: ['127.0.0.1'] }).ca;
      // Answers with the client certificate it was shown, as the API server authenticates by it.
      tlsServer = createHttpsServer(
        { key: pki.serverKey, cert: pki.serverCert, ca: pki.ca, requestCert: true, rejectUnauthorized: true },
        (req, res) => {
          const subject = (req.socket as TLSSocket).getPeerCertificate().subject;
          res.setHeader('Content-Type', 'application/json');
          res.end(
            JSON.stringify({ kind: 'SpinAppList', items: [{ metadata: { name: `for-${subject?.CN}` } }] }),
          );
        },
      );
      tlsPort = await listen(tlsServer);
      // The simulator behind TLS (client certificate required), as a real API server is.
      tlsFront = createTlsServer(
        { key: pki.serverKey, cert: pki.serverCert, ca: pki.ca, requestCert: true, rejectUnauthorized: true },
        (socket) => {
          const upstream = connect(simPort, '127.0.0.1');
          for (const s of [socket, upstream]) {
            frontSockets.add(s);
            s.on('error', () => s.destroy());
            s.on('close', () => frontSockets.delete(s));
          }
          socket.on('close', () => upstream.destroy());
          upstream.on('close', () => socket.destroy());
          socket.pipe(upstream).pipe(socket);
        },
      );
      frontPort = await listen(tlsFront);
    });
    after(async () => {
      for (const s of frontSockets) s.destroy();
      await new Promise((resolve) => tlsFront.close(resolve));
      tlsServer.closeAllConnections();
      await new Promise((resolve) => tlsServer.close(resolve));
    });

    const entry = (server: string, ca: string, proxyUrl?: string): ClusterEntry => ({
      server,
      ca,
      proxyUrl,
      clientCert: pki.clientCert,
      clientKey: pki.clientKey,
    });

    for (const kind of ['HTTP', 'SOCKS5'] as const) {
      it(`verifies the server with the cluster's CA and presents the client certificate (${kind})`, async () => {
        const p = await proxy(kind === 'HTTP' ? startHttpProxy() : startSocks5Proxy());
        const kc = kubeconfig(entry(`https://127.0.0.1:${tlsPort}`, pki.ca, p.url));
        const list = await createTransport(kc).request<NameList>({ path: SPINAPPS });
        assert.deepEqual(names(list), ['for-alice']);
        assert.ok(p.targets.includes(`127.0.0.1:${tlsPort}`));
      });
    }

    for (const kind of ['HTTP', 'SOCKS5'] as const) {
      it(`port-forwards over wss through the ${kind} proxy, with the cluster's CA and client certificate`, async () => {
        const p = await proxy(
          kind === 'HTTP' ? startHttpProxy({ credentials: 'pf:tls' }) : startSocks5Proxy(),
        );
        const proxyUrl = kind === 'HTTP' ? `http://pf:tls@127.0.0.1:${p.port}` : p.url;
        const kc = kubeconfig(entry(`https://127.0.0.1:${frontPort}`, pki.ca, proxyUrl));
        const pf = await startPortForward(kc, { namespace: 'default', pod, port: 80 });
        try {
          assert.equal(await get(pf.url), 'Hello from hello\n');
          assert.ok(p.targets.includes(`127.0.0.1:${frontPort}`));
        } finally {
          await pf.close();
        }
        const untrusted = kubeconfig(entry(`https://127.0.0.1:${frontPort}`, otherCa, proxyUrl));
        const error = await rejection(startPortForward(untrusted, { namespace: 'default', pod, port: 80 }));
        assert.match(error.message, new RegExp(`through the proxy 127\\.0\\.0\\.1:${p.port}: .*certificate`));
      });
    }

    it('refuses a server whose certificate the cluster CA did not sign, and says so', async () => {
      const p = await proxy(startHttpProxy());
      const kc = kubeconfig(entry(`https://127.0.0.1:${tlsPort}`, otherCa, p.url));
      const error = await rejection(createTransport(kc).request({ path: SPINAPPS }));
      assert.equal(error.kind, 'unreachable');
      assert.match(error.message, new RegExp(`through the proxy 127\\.0\\.0\\.1:${p.port}: .*certificate`));
      assert.equal(p.tunnels, 1, 'the tunnel was open: the refusal is TLS, end to end');
    });

    it('takes HTTPS_PROXY from the environment and checks the name the proxy resolved', async () => {
      const p = await proxy(startHttpProxy({ hosts: PROXY_HOSTS }));
      const kc = kubeconfig(entry(`https://kube.example.test:${tlsPort}`, pki.ca));
      const list = await withEnvironment({ HTTPS_PROXY: p.url, HTTP_PROXY: 'http://127.0.0.1:9' }, () =>
        createTransport(kc).request<NameList>({ path: SPINAPPS }),
      );
      assert.deepEqual(names(list), ['for-alice']);
      assert.deepEqual(p.targets, [`kube.example.test:${tlsPort}`]);
    });
  });
});
