// Which proxy carries the connections to one API server, and the Node agent that goes through it,
// decided as kubectl (client-go on Go's net/http) decides:
//   1. the kubeconfig cluster's `proxy-url` (http, https, socks5, socks5h), for every server;
//   2. otherwise the environment like Go's http.ProxyFromEnvironment: HTTPS_PROXY / https_proxy for
//      https servers, HTTP_PROXY / http_proxy for http servers (upper case first; a value without a
//      scheme means http://), except for `localhost`, loopback addresses and hosts NO_PROXY /
//      no_proxy matches (comma separated: `*`; `foo.com` = foo.com and its subdomains; `.foo.com` =
//      its subdomains only; `*.foo.com` = `.foo.com`; IP; CIDR; each but CIDR with an optional `:port`).
//
//   const { agent, proxy } = createClusterAgent({ name, server, proxyUrl }, tls);   // ApiError if the proxy URL is bad
//   proxyFailure(server, proxy, error) → ApiError('unreachable', 'Cannot reach the cluster at … through the proxy host:port: …')
// Proxy credentials (http://user:pass@proxy:3128) are sent to the proxy, never shown: messages name
// the proxy by host:port only.
import * as http from 'node:http';
import * as https from 'node:https';
import { BlockList, isIP } from 'node:net';
import { checkServerIdentity, type PeerCertificate } from 'node:tls';
import { HttpProxyAgent, HttpsProxyAgent } from 'hpagent';
import { SocksProxyAgent, type SocksProxyAgentOptions } from 'socks-proxy-agent';
import { ApiError } from './apiError';

export type ProxyEnvironment = Readonly<Record<string, string | undefined>>;

/** The kubeconfig cluster an agent is for. */
export interface ProxiedCluster {
  readonly name: string;
  readonly server: string;
  /** The cluster's `proxy-url` (client-node's `cluster.proxyUrl`). */
  readonly proxyUrl?: string;
}

/** TLS settings for the API server (what the transport gets from applyToHTTPSOptions). */
export type ServerTls = Pick<https.AgentOptions, 'ca' | 'cert' | 'key' | 'rejectUnauthorized' | 'servername'>;

export interface ProxyChoice {
  /** The proxy URL, credentials included: hand it to an agent, never to a message. */
  readonly url: URL;
  readonly protocol: 'http' | 'socks';
  /** host:port of the proxy, safe to show. */
  readonly address: string;
  /** Where the proxy came from: the kubeconfig's proxy-url, or the named environment variable. */
  readonly source: string;
}

export interface ClusterAgent {
  readonly agent: http.Agent;
  /** The proxy the agent goes through; undefined for a direct connection. */
  readonly proxy: ProxyChoice | undefined;
}

const PROXY_SCHEMES = ['http:', 'https:', 'socks5:', 'socks5h:'];
const DEFAULT_PORTS: Readonly<Record<string, string>> = {
  'http:': '80',
  'https:': '443',
  'socks5:': '1080',
  'socks5h:': '1080',
};

/** A proxy URL as it may be shown: anything that could be credentials (before an `@`) is masked. */
export function redactProxyUrl(value: string): string {
  return value.replace(
    /^([a-z][a-z0-9+.-]*:\/\/)?.*@/i,
    (_all, scheme: string | undefined) => `${scheme ?? ''}***@`,
  );
}

function firstSet(env: ProxyEnvironment, ...names: string[]): { name: string; value: string } | undefined {
  for (const name of names) {
    const value = env[name]?.trim();
    if (value) return { name, value };
  }
  return undefined;
}

function parseProxy(value: string, source: string, describe: string, allowBare: boolean): ProxyChoice {
  const bad = (why: string): ApiError =>
    new ApiError('other', `${describe} is "${redactProxyUrl(value)}", ${why}`);
  let url: URL;
  try {
    url = new URL(value);
    // Go reads a variable without scheme://host (`proxy:3128`) as http://.
    if (allowBare && !url.host) url = new URL(`http://${value}`);
  } catch {
    if (!allowBare) throw bad('which is not a URL (e.g. http://proxy.example.com:3128).');
    try {
      url = new URL(`http://${value}`);
    } catch {
      throw bad('which is not a URL (e.g. http://proxy.example.com:3128).');
    }
  }
  if (!PROXY_SCHEMES.includes(url.protocol)) {
    throw bad(
      `whose scheme ${url.protocol.replace(/:$/, '')} is not supported (use http, https, socks5 or socks5h).`,
    );
  }
  if (!url.hostname) throw bad('which names no proxy host.');
  const port = url.port || DEFAULT_PORTS[url.protocol] || '';
  return {
    url,
    protocol: url.protocol.startsWith('socks') ? 'socks' : 'http',
    address: `${url.hostname}:${port}`,
    source,
  };
}

/** The host (without IPv6 brackets) and port (explicit or the scheme's default) a URL connects to. */
function hostAndPort(url: URL): { host: string; port: string } {
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  return { host, port: url.port || (url.protocol === 'https:' ? '443' : '80') };
}

function ipFamily(address: string): 'ipv4' | 'ipv6' | undefined {
  const family = isIP(address);
  return family === 4 ? 'ipv4' : family === 6 ? 'ipv6' : undefined;
}

function isLoopback(host: string): boolean {
  const family = ipFamily(host);
  if (family === 'ipv4') return host.startsWith('127.');
  if (family === 'ipv6') {
    const loopback = new BlockList();
    loopback.addAddress('::1', 'ipv6');
    loopback.addSubnet('::ffff:127.0.0.0', 104, 'ipv6');
    return loopback.check(host, 'ipv6');
  }
  return false;
}

/** Splits `host:port`, `[v6]:port` or `[v6]`; anything else is a host alone (a bare IPv6 included). */
function splitEntry(entry: string): { host: string; port: string } {
  const bracketed = /^\[([^\]]*)\](?::(.*))?$/.exec(entry);
  if (bracketed) return { host: bracketed[1] ?? '', port: bracketed[2] ?? '' };
  const colon = entry.indexOf(':');
  if (colon >= 0 && colon === entry.lastIndexOf(':')) {
    return { host: entry.slice(0, colon), port: entry.slice(colon + 1) };
  }
  return { host: entry, port: '' };
}

function cidrMatches(entry: string, host: string): boolean | undefined {
  const slash = entry.indexOf('/');
  if (slash < 0) return undefined;
  const network = entry.slice(0, slash);
  const prefix = Number(entry.slice(slash + 1));
  const family = ipFamily(network);
  if (!family || !Number.isInteger(prefix) || prefix < 0 || prefix > (family === 'ipv4' ? 32 : 128)) {
    return undefined;
  }
  const hostFamily = ipFamily(host);
  if (hostFamily !== family) return false;
  const list = new BlockList();
  list.addSubnet(network, prefix, family);
  return list.check(host, family);
}

/** Whether NO_PROXY (Go's rules) exempts the server URL from the environment's proxy. */
export function noProxyMatches(server: URL, noProxy: string): boolean {
  const { host, port } = hostAndPort(server);
  const hostFamily = ipFamily(host);
  for (const raw of noProxy.split(',')) {
    const entry = raw.trim().toLowerCase();
    if (!entry) continue;
    if (entry === '*') return true;
    const cidr = cidrMatches(entry, host);
    if (cidr !== undefined) {
      if (cidr) return true;
      continue;
    }
    const split = splitEntry(entry);
    let entryHost = split.host;
    if (!entryHost) continue;
    const entryFamily = ipFamily(entryHost);
    if (entryFamily) {
      if (hostFamily !== entryFamily) continue;
      const same = new BlockList();
      same.addAddress(entryHost, entryFamily);
      if (same.check(host, hostFamily) && (!split.port || split.port === port)) return true;
      continue;
    }
    if (entryHost.startsWith('*.')) entryHost = entryHost.slice(1);
    const subdomainsOnly = entryHost.startsWith('.');
    const suffix = subdomainsOnly ? entryHost : `.${entryHost}`;
    const matches = host.endsWith(suffix) || (!subdomainsOnly && host === entryHost);
    if (matches && (!split.port || split.port === port)) return true;
  }
  return false;
}

/**
 * The proxy for a cluster, or undefined for a direct connection. Throws an ApiError naming the
 * cluster (or variable) and the masked value when the proxy URL is unusable.
 */
export function chooseProxy(
  cluster: ProxiedCluster,
  env: ProxyEnvironment = process.env,
): ProxyChoice | undefined {
  if (cluster.proxyUrl?.trim()) {
    return parseProxy(
      cluster.proxyUrl.trim(),
      'kubeconfig proxy-url',
      `The proxy-url of the kubeconfig cluster "${cluster.name}"`,
      false,
    );
  }
  let server: URL;
  try {
    server = new URL(cluster.server);
  } catch {
    return undefined; // the transport reports the bad server address itself
  }
  return proxyFromEnvironment(server, env, `proxy for the kubeconfig cluster "${cluster.name}"`);
}

/**
 * The proxy the environment names for connections to `target` (Go's http.ProxyFromEnvironment, as
 * described above), or undefined for a direct connection. `purpose` completes the message of an
 * unusable value: `The environment variable HTTPS_PROXY (<purpose>) is "…", which is not a URL …`.
 */
export function proxyFromEnvironment(
  target: URL,
  env: ProxyEnvironment,
  purpose: string,
): ProxyChoice | undefined {
  const variable =
    target.protocol === 'https:'
      ? firstSet(env, 'HTTPS_PROXY', 'https_proxy')
      : target.protocol === 'http:'
        ? firstSet(env, 'HTTP_PROXY', 'http_proxy')
        : undefined;
  if (!variable) return undefined;
  const { host } = hostAndPort(target);
  if (host === 'localhost' || isLoopback(host)) return undefined;
  const noProxy = firstSet(env, 'NO_PROXY', 'no_proxy');
  if (noProxy && noProxyMatches(target, noProxy.value)) return undefined;
  return parseProxy(
    variable.value,
    variable.name,
    `The environment variable ${variable.name} (${purpose})`,
    true,
  );
}

/**
 * The agent for requests to the cluster: direct, or through its proxy (an https server through an
 * http(s) proxy is a CONNECT tunnel, TLS to the API server still verified with `tls`).
 */
export function createClusterAgent(
  cluster: ProxiedCluster,
  tls: ServerTls,
  options: { readonly env?: ProxyEnvironment; readonly keepAlive?: boolean } = {},
): ClusterAgent {
  const keepAlive = options.keepAlive ?? true;
  const secure = /^https:/i.test(cluster.server);
  const proxy = chooseProxy(cluster, options.env);
  if (!proxy) {
    const agent = secure ? new https.Agent({ keepAlive, ...tls }) : new http.Agent({ keepAlive });
    return { agent, proxy };
  }
  if (proxy.protocol === 'socks') {
    // Go hands the host name to a SOCKS5 proxy (it resolves it), for socks5 as for socks5h.
    const remoteDns = new URL(proxy.url.href.replace(/^socks5:/, 'socks5h:'));
    // It checks the certificate against `localhost` when the server is an IP address: check the
    // server's own name (or the kubeconfig's tls-server-name) instead.
    const serverName = tls.servername || hostAndPort(new URL(cluster.server)).host;
    const secureOptions = {
      ...tls,
      checkServerIdentity: (_host: string, cert: PeerCertificate) => checkServerIdentity(serverName, cert),
    };
    const socksOptions: SocksProxyAgentOptions = { keepAlive, ...(secure ? secureOptions : {}) };
    return { agent: new SocksProxyAgent(remoteDns, socksOptions), proxy };
  }
  const agent = secure
    ? new HttpsProxyAgent({ keepAlive, proxy: proxy.url, ...tls })
    : new HttpProxyAgent({ keepAlive, proxy: proxy.url });
  return { agent, proxy };
}

/** Why a connection through `proxy` failed, in words, without the proxy's password. */
export function proxyReason(error: unknown, proxy: ProxyChoice): string {
  let message = error instanceof Error ? error.message : String(error);
  const answered = /^Bad response: (\d+)$/.exec(message);
  if (answered) {
    const status = Number(answered[1]);
    const hasCredentials = Boolean(proxy.url.username || proxy.url.password);
    if (status === 407) {
      message = hasCredentials
        ? 'the proxy refused the credentials in the proxy URL (407 Proxy Authentication Required)'
        : 'the proxy requires credentials; put them in the proxy URL, e.g. http://user:password@host:port (407 Proxy Authentication Required)';
    } else {
      message = `the proxy refused the connection (it answered HTTP ${status})`;
    }
  }
  if (/^Proxy (timeout|connection timed out)$/.test(message)) message = 'the proxy did not answer in time';
  for (const secret of [proxy.url.password, safeDecode(proxy.url.password)]) {
    if (secret) message = message.split(secret).join('***');
  }
  return message;
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** The message for a connection that failed while going through a proxy. */
export function proxyFailure(server: string, proxy: ProxyChoice, error: unknown): ApiError {
  return new ApiError(
    'unreachable',
    `Cannot reach the cluster at ${server} through the proxy ${proxy.address}: ${proxyReason(error, proxy)}`,
  );
}
