// Registry pushes through the proxy the environment names, as Docker and Spin do: HTTP_PROXY for a
// plain-HTTP registry (absolute-form requests the proxy forwards), NO_PROXY exempting it, and a
// proxy that is not there or refuses named in the message (never with its password). The real local
// registry listens on 127.0.0.1, and loopback is never proxied, so the push names it
// `registry.example.test:<port>`, a name only the test proxy resolves (as a corporate proxy resolves
// names the client cannot).
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { PipelineError } from '../../src/pipeline/events';
import { pushApp } from '../../src/pipeline/oci/push';
import { startHttpProxy, startSocks5Proxy, type TestProxy } from '../support/proxyServers';
import { startRegistry, type LocalRegistry } from '../support/registry';
import { closedPort } from '../support/tcpFaults';
import { wasmModule } from '../support/wasm';
import { rejectionOf } from '../support/rejection';
import { withEnvironment } from '../support/environment';

const PROXY_VARIABLES = ['HTTP_PROXY', 'http_proxy', 'HTTPS_PROXY', 'https_proxy', 'NO_PROXY', 'no_proxy'];
const APP_TOML =
  'spin_manifest_version = 2\n[application]\nname = "hello"\nversion = "0.1.0"\n' +
  '[[trigger.http]]\nroute = "/..."\ncomponent = "hello"\n' +
  '[component.hello]\nsource = "hello.wasm"\nfiles = [{ source = "assets", destination = "/" }]\n';

/** Runs `run` with exactly these proxy variables set (the others unset), then restores them. */
const withProxyEnvironment = <T>(vars: Record<string, string>, run: () => Promise<T>): Promise<T> =>
  withEnvironment({ ...Object.fromEntries(PROXY_VARIABLES.map((k) => [k, undefined])), ...vars }, run);

const rejection = (promise: Promise<unknown>): Promise<PipelineError> =>
  rejectionOf(promise, PipelineError, 'the push');

describe('push through a proxy from the environment', () => {
  let registry: LocalRegistry;
  let tokenRegistry: LocalRegistry;
  let appDir: string;
  let manifestPath: string;
  const proxies: TestProxy[] = [];
  const PROXY_HOSTS = { 'registry.example.test': '127.0.0.1' };
  const named = (r: LocalRegistry): string => `registry.example.test:${r.host.split(':')[1] ?? ''}`;

  async function proxy(credentials?: string): Promise<TestProxy> {
    const started = await startHttpProxy({ hosts: PROXY_HOSTS, ...(credentials ? { credentials } : {}) });
    proxies.push(started);
    return started;
  }

  before(async () => {
    registry = await startRegistry();
    tokenRegistry = await startRegistry({ auth: 'token' });
    appDir = mkdtempSync(join(tmpdir(), 'spinkube-push-proxy-'));
    const files: Record<string, Buffer> = {
      'hello.wasm': wasmModule(200_000),
      'assets/index.html': Buffer.alloc(3000, 'p'),
    };
    writeFileSync(join(appDir, 'spin.toml'), APP_TOML);
    for (const [name, content] of Object.entries(files)) {
      mkdirSync(dirname(join(appDir, name)), { recursive: true });
      writeFileSync(join(appDir, name), content);
    }
    manifestPath = join(appDir, 'spin.toml');
  });
  after(async () => {
    for (const p of proxies) await p.close();
    await registry.stop();
    await tokenRegistry.stop();
    rmSync(appDir, { recursive: true, force: true });
  });

  it('pushes a plain-HTTP registry through HTTP_PROXY, every request relayed by the proxy', async () => {
    const relay = await proxy();
    const host = named(registry);
    const result = await withProxyEnvironment({ HTTP_PROXY: relay.url }, () =>
      pushApp({ manifestPath, reference: `${host}/demo/hello:v1`, insecureHosts: [host] }),
    );
    assert.equal(result.reference, `${host}/demo/hello:v1`);
    assert.ok(result.uploadedBytes > 200_000);
    assert.ok(relay.forwarded >= 5, `the proxy relayed ${relay.forwarded} requests`);
    assert.deepEqual([...new Set(relay.targets)], [host]);
    // The registry itself has the manifest the push reported.
    const manifest = await fetch(`http://${registry.host}/v2/demo/hello/manifests/v1`, {
      headers: { Accept: 'application/vnd.oci.image.manifest.v1+json' },
    });
    assert.equal(manifest.status, 200);
    assert.equal(manifest.headers.get('docker-content-digest'), result.digest);
  });

  it('sends the credentials of the proxy URL to the proxy, and says so when it refuses them', async () => {
    const relay = await proxy('corp:s3cret-pw');
    const host = named(registry);
    const { port } = new URL(relay.url);
    const pushed = await withProxyEnvironment({ http_proxy: `http://corp:s3cret-pw@127.0.0.1:${port}` }, () =>
      pushApp({ manifestPath, reference: `${host}/demo/auth:v1`, insecureHosts: [host] }),
    );
    assert.ok(pushed.digest.startsWith('sha256:'));
    assert.ok(relay.forwarded > 0);
    assert.equal(relay.refused, 0);

    const error = await rejection(
      withProxyEnvironment({ HTTP_PROXY: `http://corp:wrong-pw@127.0.0.1:${port}` }, () =>
        pushApp({ manifestPath, reference: `${host}/demo/auth:v2`, insecureHosts: [host] }),
      ),
    );
    assert.equal(error.kind, 'registry-unreachable');
    assert.match(error.message, new RegExp(`through the proxy 127\\.0\\.0\\.1:${port}: `));
    assert.match(error.message, /refused the credentials .*407/);
    assert.doesNotMatch(`${error.message} ${error.evidence.join(' ')}`, /wrong-pw/);
  });

  it('goes through the proxy to a token registry whose realm on loopback it reaches directly', async () => {
    const relay = await proxy();
    const host = named(tokenRegistry);
    const credentials = { username: tokenRegistry.username ?? '', password: tokenRegistry.password ?? '' };
    const result = await withProxyEnvironment({ HTTP_PROXY: relay.url }, () =>
      pushApp({ manifestPath, reference: `${host}/team/app:1`, insecureHosts: [host], credentials }),
    );
    assert.ok(result.uploadedBytes > 0);
    assert.ok(tokenRegistry.tokenRequests.some((r) => r.granted));
    assert.deepEqual([...new Set(relay.targets)], [host]);
  });

  it('pushes through a SOCKS5 proxy named by HTTP_PROXY, the proxy resolving the name', async () => {
    const relay = await startSocks5Proxy({ hosts: PROXY_HOSTS });
    proxies.push(relay);
    const host = named(registry);
    const result = await withProxyEnvironment({ HTTP_PROXY: relay.url }, () =>
      pushApp({ manifestPath, reference: `${host}/demo/socks:v1`, insecureHosts: [host] }),
    );
    assert.ok(result.digest.startsWith('sha256:'));
    assert.ok(relay.tunnels > 0);
    assert.deepEqual([...new Set(relay.targets)], [host]);
  });

  it('tunnels to an HTTPS registry through HTTPS_PROXY with CONNECT, TLS still checked end to end', async () => {
    const relay = await proxy();
    const host = named(registry);
    // The registry speaks plain HTTP: the tunnel opens, and TLS inside it fails, as it must.
    const error = await rejection(
      withProxyEnvironment({ HTTPS_PROXY: relay.url }, () =>
        pushApp({ manifestPath, reference: `${host}/demo/tls:v1` }),
      ),
    );
    assert.ok(relay.tunnels > 0);
    assert.deepEqual([...new Set(relay.targets)], [host]);
    assert.equal(relay.forwarded, 0);
    assert.equal(error.kind, 'registry-unreachable');
    assert.match(
      error.message,
      new RegExp(`Cannot reach the registry ${host} through the proxy 127\\.0\\.0\\.1:`),
    );
  });

  it('goes direct to a registry NO_PROXY names (and so cannot resolve the proxy-only name)', async () => {
    const relay = await proxy();
    const host = named(registry);
    const error = await rejection(
      withProxyEnvironment({ HTTP_PROXY: relay.url, NO_PROXY: 'localhost,.example.test' }, () =>
        pushApp({ manifestPath, reference: `${host}/demo/direct:v1`, insecureHosts: [host] }),
      ),
    );
    assert.equal(error.kind, 'registry-unreachable');
    assert.doesNotMatch(error.message, /proxy/);
    assert.match(error.message, /Cannot reach the registry registry\.example\.test/);
    assert.equal(relay.forwarded + relay.tunnels, 0);
  });

  it('names a dead proxy with its host:port and the reason, never its password', async () => {
    const port = await closedPort();
    const host = named(registry);
    const error = await rejection(
      withProxyEnvironment({ HTTP_PROXY: `http://corp:hunter2@127.0.0.1:${port}` }, () =>
        pushApp({ manifestPath, reference: `${host}/demo/dead:v1`, insecureHosts: [host] }),
      ),
    );
    assert.equal(error.kind, 'registry-unreachable');
    assert.match(
      error.message,
      new RegExp(
        `Cannot reach the registry ${host} through the proxy 127\\.0\\.0\\.1:${port} .*ECONNREFUSED`,
      ),
    );
    assert.doesNotMatch(`${error.message} ${error.evidence.join(' ')}`, /hunter2/);
  });

  it('names the variable when its proxy URL is unusable', async () => {
    const host = named(registry);
    const error = await rejection(
      withProxyEnvironment({ HTTP_PROXY: 'ftp://corp:hunter2@proxy.example.test' }, () =>
        pushApp({ manifestPath, reference: `${host}/demo/bad:v1`, insecureHosts: [host] }),
      ),
    );
    assert.match(error.message, /HTTP_PROXY .*scheme ftp is not supported/);
    assert.doesNotMatch(error.message, /hunter2/);
  });
});
