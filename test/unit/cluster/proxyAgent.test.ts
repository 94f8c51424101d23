// Which proxy a cluster's connections go through (kubectl's rules), and what the user reads when the
// proxy setting is wrong or the proxy fails.
import { strict as assert } from 'node:assert';
import * as http from 'node:http';
import * as https from 'node:https';
import { describe, it } from 'node:test';
import { HttpProxyAgent, HttpsProxyAgent } from 'hpagent';
import { SocksProxyAgent } from 'socks-proxy-agent';
import { ApiError } from '../../../src/cluster/apiError';
import {
  chooseProxy,
  createClusterAgent,
  noProxyMatches,
  proxyFailure,
  redactProxyUrl,
  type ProxyEnvironment,
} from '../../../src/cluster/proxyAgent';

const HTTPS_SERVER = 'https://kube.example.com:6443';
const HTTP_SERVER = 'http://kube.example.com:8080';

function proxyOf(server: string, env: ProxyEnvironment, proxyUrl?: string): string | undefined {
  const choice = chooseProxy({ name: 'prod', server, proxyUrl }, env);
  return choice && `${choice.url.protocol}//${choice.address} (${choice.source})`;
}

function thrown(run: () => unknown): ApiError {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof ApiError, `expected an ApiError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected an error');
}

describe('the proxy for a cluster', () => {
  it('is the kubeconfig proxy-url first, over the environment and NO_PROXY, loopback included', () => {
    const env = { HTTPS_PROXY: 'http://env-proxy:3128', NO_PROXY: '*' };
    assert.equal(
      proxyOf(HTTPS_SERVER, env, 'http://corp-proxy:8080'),
      'http://corp-proxy:8080 (kubeconfig proxy-url)',
    );
    assert.equal(
      proxyOf('https://127.0.0.1:6443', {}, 'socks5://127.0.0.1:1080'),
      'socks5://127.0.0.1:1080 (kubeconfig proxy-url)',
    );
  });

  it('comes from HTTPS_PROXY for https servers and HTTP_PROXY for http servers', () => {
    const env = { HTTPS_PROXY: 'http://secure-proxy:3128', HTTP_PROXY: 'http://plain-proxy:3129' };
    assert.equal(proxyOf(HTTPS_SERVER, env), 'http://secure-proxy:3128 (HTTPS_PROXY)');
    assert.equal(proxyOf(HTTP_SERVER, env), 'http://plain-proxy:3129 (HTTP_PROXY)');
    assert.equal(proxyOf(HTTPS_SERVER, { HTTP_PROXY: 'http://plain-proxy:3129' }), undefined);
    assert.equal(proxyOf(HTTP_SERVER, { HTTPS_PROXY: 'http://secure-proxy:3128' }), undefined);
    assert.equal(proxyOf(HTTPS_SERVER, {}), undefined);
  });

  it('reads the lower-case variables too, the upper-case ones first', () => {
    assert.equal(proxyOf(HTTPS_SERVER, { https_proxy: 'http://lower:1' }), 'http://lower:1 (https_proxy)');
    assert.equal(proxyOf(HTTP_SERVER, { http_proxy: 'http://lower:2' }), 'http://lower:2 (http_proxy)');
    assert.equal(
      proxyOf(HTTPS_SERVER, { HTTPS_PROXY: 'http://upper:1', https_proxy: 'http://lower:1' }),
      'http://upper:1 (HTTPS_PROXY)',
    );
    assert.equal(
      proxyOf(HTTPS_SERVER, { HTTPS_PROXY: 'http://p:1', no_proxy: 'kube.example.com' }),
      undefined,
    );
  });

  it('reads a variable without scheme as http, with the default port of its scheme', () => {
    assert.equal(
      proxyOf(HTTPS_SERVER, { HTTPS_PROXY: 'proxy.corp:3128' }),
      'http://proxy.corp:3128 (HTTPS_PROXY)',
    );
    assert.equal(
      proxyOf(HTTPS_SERVER, { HTTPS_PROXY: '10.0.0.1:3128' }),
      'http://10.0.0.1:3128 (HTTPS_PROXY)',
    );
    assert.equal(
      proxyOf(HTTPS_SERVER, { HTTPS_PROXY: 'https://proxy.corp' }),
      'https://proxy.corp:443 (HTTPS_PROXY)',
    );
    assert.equal(
      proxyOf(HTTPS_SERVER, { HTTPS_PROXY: 'socks5h://proxy.corp' }),
      'socks5h://proxy.corp:1080 (HTTPS_PROXY)',
    );
  });

  it('never comes from the environment for localhost or loopback addresses', () => {
    const env = { HTTPS_PROXY: 'http://proxy:3128', HTTP_PROXY: 'http://proxy:3128' };
    for (const server of [
      'https://localhost:6443',
      'https://127.0.0.1:6443',
      'http://127.45.6.7:8080',
      'https://[::1]:6443',
    ]) {
      assert.equal(proxyOf(server, env), undefined, server);
    }
    assert.equal(proxyOf('https://10.1.2.3:6443', env), 'http://proxy:3128 (HTTPS_PROXY)');
    assert.equal(proxyOf('https://localhost.example.com', env), 'http://proxy:3128 (HTTPS_PROXY)');
  });
});

describe('NO_PROXY', () => {
  const exempt = (server: string, noProxy: string): boolean => noProxyMatches(new URL(server), noProxy);

  it('* exempts every host', () => {
    assert.equal(exempt(HTTPS_SERVER, '*'), true);
    assert.equal(exempt(HTTPS_SERVER, 'other.org, *'), true);
    assert.equal(proxyOf(HTTPS_SERVER, { HTTPS_PROXY: 'http://p:1', NO_PROXY: '*' }), undefined);
  });

  it('a domain exempts itself and its subdomains, not names that merely end the same', () => {
    assert.equal(exempt('https://example.com', 'example.com'), true);
    assert.equal(exempt('https://kube.example.com:6443', 'example.com'), true);
    assert.equal(exempt('https://a.b.example.com', 'EXAMPLE.com'), true);
    assert.equal(exempt('https://notexample.com', 'example.com'), false);
    assert.equal(exempt('https://example.com.evil.org', 'example.com'), false);
  });

  it('a leading dot or *. exempts the subdomains only (as Go does)', () => {
    assert.equal(exempt('https://kube.example.com', '.example.com'), true);
    assert.equal(exempt('https://example.com', '.example.com'), false);
    assert.equal(exempt('https://kube.example.com', '*.example.com'), true);
    assert.equal(exempt('https://example.com', '*.example.com'), false);
  });

  it('an entry with a port exempts that port only (the scheme default when the URL has none)', () => {
    assert.equal(exempt('https://kube.example.com:6443', 'example.com:6443'), true);
    assert.equal(exempt('https://kube.example.com:8443', 'example.com:6443'), false);
    assert.equal(exempt('https://kube.example.com', 'kube.example.com:443'), true);
    assert.equal(exempt('https://10.0.0.5:6443', '10.0.0.5:6443'), true);
    assert.equal(exempt('https://10.0.0.5:6443', '10.0.0.5:443'), false);
    assert.equal(exempt('https://[fd00::5]:6443', '[fd00::5]:6443'), true);
  });

  it('exempts IP addresses and CIDR ranges, IPv4 and IPv6', () => {
    assert.equal(exempt('https://10.0.0.5:6443', '10.0.0.5'), true);
    assert.equal(exempt('https://10.0.0.6:6443', '10.0.0.5'), false);
    assert.equal(exempt('https://10.20.30.40:6443', '10.0.0.0/8'), true);
    assert.equal(exempt('https://11.20.30.40:6443', '10.0.0.0/8'), false);
    assert.equal(exempt('https://192.168.1.200', '192.168.1.128/25'), true);
    assert.equal(exempt('https://192.168.1.100', '192.168.1.128/25'), false);
    assert.equal(exempt('https://[fd00::1:2]:6443', 'fd00::/8'), true);
    assert.equal(exempt('https://[fd00:0::5]:6443', 'fd00::5'), true);
    assert.equal(exempt('https://[fe80::1]', 'fd00::/8'), false);
    // a name is not matched by an IP range, nor an IP by a domain
    assert.equal(exempt('https://kube.internal', '10.0.0.0/8'), false);
  });

  it('ignores blanks and malformed entries, and keeps the proxy for other hosts', () => {
    assert.equal(exempt(HTTPS_SERVER, ' , ,'), false);
    assert.equal(exempt(HTTPS_SERVER, ':6443, 10.0.0.0/99'), false);
    assert.equal(
      proxyOf(HTTPS_SERVER, { HTTPS_PROXY: 'http://p:1', NO_PROXY: 'internal.corp, 10.0.0.0/8' }),
      'http://p:1 (HTTPS_PROXY)',
    );
  });
});

describe('a bad proxy setting', () => {
  it('names the kubeconfig cluster and the value, for a value that is not a URL or an unknown scheme', () => {
    const notUrl = thrown(() => chooseProxy({ name: 'prod', server: HTTPS_SERVER, proxyUrl: 'proxy:3128' }));
    assert.equal(
      notUrl.message,
      'The proxy-url of the kubeconfig cluster "prod" is "proxy:3128", whose scheme proxy is not supported (use http, https, socks5 or socks5h).',
    );
    const garbage = thrown(() =>
      chooseProxy({ name: 'prod', server: HTTPS_SERVER, proxyUrl: 'http://[oops' }),
    );
    assert.equal(
      garbage.message,
      'The proxy-url of the kubeconfig cluster "prod" is "http://[oops", which is not a URL (e.g. http://proxy.example.com:3128).',
    );
    const ftp = thrown(() =>
      chooseProxy({ name: 'staging', server: HTTPS_SERVER }, { HTTPS_PROXY: 'ftp://proxy.corp:21' }),
    );
    assert.match(
      ftp.message,
      /^The environment variable HTTPS_PROXY \(proxy for the kubeconfig cluster "staging"\)/,
    );
    assert.match(ftp.message, /scheme ftp is not supported/);
  });

  it('never shows the credentials of the proxy URL', () => {
    const bad = thrown(() =>
      createClusterAgent(
        { name: 'prod', server: HTTPS_SERVER, proxyUrl: 'ftp://alice:hunter2@proxy.corp:21' },
        {},
      ),
    );
    assert.equal(bad.kind, 'other');
    assert.ok(!bad.message.includes('hunter2') && !bad.message.includes('alice'), bad.message);
    assert.match(bad.message, /"ftp:\/\/\*\*\*@proxy\.corp:21"/);
    assert.equal(redactProxyUrl('http://u:p@ss@host:1'), 'http://***@host:1');
    assert.equal(redactProxyUrl('http://host:1'), 'http://host:1');
  });
});

describe('the agent for a cluster', () => {
  const tls = { ca: 'CA PEM', rejectUnauthorized: true };
  const agentFor = (server: string, proxyUrl?: string) =>
    createClusterAgent({ name: 'prod', server, proxyUrl }, tls, { env: {} });

  it('connects directly with keep-alive and the TLS settings when there is no proxy', () => {
    const direct = agentFor(HTTPS_SERVER);
    assert.equal(direct.proxy, undefined);
    assert.ok(direct.agent instanceof https.Agent);
    assert.equal((direct.agent as https.Agent).options.ca, 'CA PEM');
    assert.equal((direct.agent as unknown as { keepAlive: boolean }).keepAlive, true);
    const plain = agentFor(HTTP_SERVER);
    assert.ok(plain.agent instanceof http.Agent && !(plain.agent instanceof https.Agent));
  });

  it('tunnels through an http(s) proxy, keeping the TLS settings for the API server', () => {
    const tunnel = agentFor(HTTPS_SERVER, 'http://alice:s3cret@proxy.corp:3128');
    assert.ok(tunnel.agent instanceof HttpsProxyAgent);
    assert.equal((tunnel.agent as https.Agent).options.ca, 'CA PEM');
    assert.equal(tunnel.proxy?.address, 'proxy.corp:3128');
    assert.ok(agentFor(HTTP_SERVER, 'https://proxy.corp').agent instanceof HttpProxyAgent);
  });

  it('goes through a SOCKS5 proxy for socks5 and socks5h, letting the proxy resolve names', () => {
    for (const proxyUrl of ['socks5://proxy.corp:1080', 'socks5h://proxy.corp:1080']) {
      const socks = agentFor(HTTPS_SERVER, proxyUrl);
      assert.ok(socks.agent instanceof SocksProxyAgent);
      assert.equal((socks.agent as SocksProxyAgent).shouldLookup, false, proxyUrl);
    }
  });
});

describe('a failure through the proxy', () => {
  const choice = (proxyUrl: string) => chooseProxy({ name: 'prod', server: HTTPS_SERVER, proxyUrl })!;

  it('says which cluster and which proxy, as an unreachable error', () => {
    const error = proxyFailure(
      HTTPS_SERVER,
      choice('http://proxy.corp:3128'),
      new Error('connect ECONNREFUSED 10.0.0.9:3128'),
    );
    assert.equal(error.kind, 'unreachable');
    assert.equal(
      error.message,
      'Cannot reach the cluster at https://kube.example.com:6443 through the proxy proxy.corp:3128: connect ECONNREFUSED 10.0.0.9:3128',
    );
  });

  it('explains a 407, with or without credentials, and never shows them', () => {
    const without = proxyFailure(
      HTTPS_SERVER,
      choice('http://proxy.corp:3128'),
      new Error('Bad response: 407'),
    );
    assert.match(without.message, /through the proxy proxy\.corp:3128: the proxy requires credentials/);
    const wrong = proxyFailure(
      HTTPS_SERVER,
      choice('http://alice:p%40ss@proxy.corp:3128'),
      new Error('Bad response: 407 for alice:p@ss'),
    );
    assert.ok(!wrong.message.includes('p@ss') && !wrong.message.includes('p%40ss'), wrong.message);
    const refused = proxyFailure(
      HTTPS_SERVER,
      choice('http://alice:pw1@proxy.corp:3128'),
      new Error('Bad response: 407'),
    );
    assert.match(
      refused.message,
      /the proxy refused the credentials in the proxy URL \(407 Proxy Authentication Required\)$/,
    );
    assert.ok(!refused.message.includes('pw1'));
    const forbidden = proxyFailure(
      HTTPS_SERVER,
      choice('http://proxy.corp:3128'),
      new Error('Bad response: 403'),
    );
    assert.match(forbidden.message, /the proxy refused the connection \(it answered HTTP 403\)$/);
  });
});
