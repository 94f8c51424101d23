// How the push reaches one host (a registry or its token realm): directly, or through the proxy the
// environment names, as Docker and Spin do (HTTPS_PROXY for https hosts, HTTP_PROXY for plain-HTTP
// ones, NO_PROXY exempting hosts, loopback never proxied; the cluster's rules, shared).
//   - https host through an http(s) proxy: a CONNECT tunnel, TLS to the registry verified as usual;
//   - plain-HTTP host through an http(s) proxy: absolute-form requests to the proxy (as Go does), so
//     a proxy that only allows CONNECT to port 443 still carries them;
//   - through a SOCKS5 proxy: a tunnel, the proxy resolving the host name.
// Keep-alive and maxSockets hold on every route. Proxy credentials go to the proxy only.
import * as http from 'node:http';
import * as https from 'node:https';
import { checkServerIdentity, type PeerCertificate } from 'node:tls';
import { HttpsProxyAgent } from 'hpagent';
import { SocksProxyAgent } from 'socks-proxy-agent';
import { ApiError } from '../../cluster/apiError';
import { proxyFromEnvironment, type ProxyChoice, type ProxyEnvironment } from '../../cluster/proxyAgent';
import { PipelineError } from '../events';

export interface RegistryRoute {
  readonly agent: http.Agent;
  /** The proxy on the way; undefined for a direct connection. */
  readonly proxy: ProxyChoice | undefined;
  /** Set for absolute-form requests: send them to this proxy (the agent connects to it). */
  readonly forwardTo?: URL;
  /** The Proxy-Authorization header those requests carry, when the proxy URL has credentials. */
  readonly proxyAuthorization?: string;
}

export interface RouteOptions {
  readonly maxSockets: number;
  readonly env?: ProxyEnvironment;
}

function decoded(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** The route to `target`'s host; a PipelineError names the variable when its proxy URL is unusable. */
export function registryRoute(target: URL, options: RouteOptions): RegistryRoute {
  const base = { keepAlive: true, maxSockets: options.maxSockets };
  const secure = target.protocol === 'https:';
  let proxy: ProxyChoice | undefined;
  try {
    proxy = proxyFromEnvironment(target, options.env ?? process.env, `proxy for the registry ${target.host}`);
  } catch (error) {
    if (error instanceof ApiError) throw new PipelineError('registry-error', error.message);
    throw error;
  }
  if (!proxy) return { agent: secure ? new https.Agent(base) : new http.Agent(base), proxy };
  if (proxy.protocol === 'socks') {
    const remoteDns = new URL(proxy.url.href.replace(/^socks5:/, 'socks5h:'));
    const serverName = target.hostname.replace(/^\[(.*)\]$/, '$1');
    const tls = secure
      ? {
          checkServerIdentity: (_host: string, cert: PeerCertificate) =>
            checkServerIdentity(serverName, cert),
        }
      : {};
    return { agent: new SocksProxyAgent(remoteDns, { ...base, ...tls }), proxy };
  }
  if (secure) return { agent: new HttpsProxyAgent({ ...base, proxy: proxy.url }), proxy };
  const { username, password } = proxy.url;
  const proxyAuthorization =
    username || password
      ? `Basic ${Buffer.from(`${decoded(username)}:${decoded(password)}`).toString('base64')}`
      : undefined;
  const agent = proxy.url.protocol === 'https:' ? new https.Agent(base) : new http.Agent(base);
  return { agent, proxy, forwardTo: proxy.url, ...(proxyAuthorization ? { proxyAuthorization } : {}) };
}

/** The arguments of http(s).request for `url` on this route. */
export function routedRequest(
  route: RegistryRoute | undefined,
  url: URL,
  headers: Record<string, string>,
): { transport: typeof http | typeof https; target: URL; path?: string; headers: Record<string, string> } {
  const forward = route?.forwardTo;
  if (!forward) return { transport: url.protocol === 'https:' ? https : http, target: url, headers };
  const withProxy: Record<string, string> = { ...headers, Host: url.host };
  if (route.proxyAuthorization) withProxy['Proxy-Authorization'] = route.proxyAuthorization;
  return {
    transport: forward.protocol === 'https:' ? https : http,
    target: new URL(forward.origin),
    path: url.href,
    headers: withProxy,
  };
}
