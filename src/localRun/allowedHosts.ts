// Is an outbound request allowed by a component's `allowed_outbound_hosts`? Spin's rules: each
// entry is `scheme://host[:port]` with `*` for any part, `*.domain` as a host prefix, CIDR ranges
// and port ranges `a..b`; a URL without a port uses its scheme's default port; an empty list
// denies everything.
import { BlockList, isIP } from 'node:net';
import { DEFAULT_PORTS } from '../language/spinToml/outboundHosts';

export interface OutboundTarget {
  readonly scheme: string;
  readonly host: string;
  readonly port: number;
}

interface AllowedHost {
  readonly scheme: string;
  readonly host: string;
  readonly ports: { readonly from: number; readonly to: number } | 'any';
}

function parseEntry(entry: string): AllowedHost | undefined {
  const sep = entry.indexOf('://');
  if (sep === -1) return undefined;
  const scheme = entry.slice(0, sep).toLowerCase();
  const rest = entry.slice(sep + 3).replace(/\/$/, '');
  const cidr = /^([0-9a-fA-F.:[\]]+\/\d{1,3})(?::(.*))?$/.exec(rest);
  let host = rest;
  let port: string | undefined;
  if (cidr) [host, port] = [cidr[1] ?? '', cidr[2]];
  else {
    const colon = rest.lastIndexOf(':');
    if (colon > rest.lastIndexOf(']')) [host, port] = [rest.slice(0, colon), rest.slice(colon + 1)];
  }
  if (port === undefined) {
    const known = DEFAULT_PORTS[scheme];
    if (known === undefined) return scheme === '*' ? { scheme, host, ports: 'any' } : undefined;
    return { scheme, host: host.toLowerCase(), ports: { from: known, to: known } };
  }
  if (port === '*') return { scheme, host: host.toLowerCase(), ports: 'any' };
  const [from = '', to = from] = port.split('..');
  return { scheme, host: host.toLowerCase(), ports: { from: Number(from), to: Number(to) } };
}

function hostMatches(pattern: string, host: string): boolean {
  if (pattern === '*') return true;
  if (pattern.startsWith('*.')) return host.endsWith(pattern.slice(1));
  if (pattern.includes('/')) {
    const [network = '', bits = ''] = pattern.split('/');
    const type = isIP(host);
    if (type === 0 || isIP(network) !== type) return false;
    const list = new BlockList();
    list.addSubnet(network, Number(bits), type === 6 ? 'ipv6' : 'ipv4');
    return list.check(host, type === 6 ? 'ipv6' : 'ipv4');
  }
  return pattern.replace(/^\[|\]$/g, '') === host.replace(/^\[|\]$/g, '');
}

export function isAllowed(allowed: readonly string[], target: OutboundTarget): boolean {
  return allowed.some((entry) => {
    const parsed = parseEntry(entry.trim());
    if (!parsed) return false;
    if (parsed.scheme !== '*' && parsed.scheme !== target.scheme) return false;
    if (parsed.ports !== 'any' && (target.port < parsed.ports.from || target.port > parsed.ports.to)) {
      return false;
    }
    return hostMatches(parsed.host, target.host.toLowerCase());
  });
}

/** The target of `scheme` + `authority` (`host[:port]`), with the scheme's default port. */
export function outboundTarget(scheme: string, authority: string): OutboundTarget {
  const bracket = authority.startsWith('[') ? authority.indexOf(']') : -1;
  const colon = authority.lastIndexOf(':');
  const hasPort = colon > bracket && colon !== -1;
  const host = hasPort ? authority.slice(0, colon) : authority;
  const port = hasPort ? Number(authority.slice(colon + 1)) : (DEFAULT_PORTS[scheme] ?? 0);
  return { scheme, host: host.replace(/^\[|\]$/g, ''), port };
}
