// The `allowed_outbound_hosts` grammar (SPEC §1a.10) and the legacy `allowed_http_hosts` forms
// (SPEC §1a.15). Each check returns Spin's message for an invalid entry, or undefined.

export const DEFAULT_PORTS: Readonly<Record<string, number>> = {
  postgres: 5432,
  mysql: 3306,
  redis: 6379,
  mqtt: 1883,
  http: 80,
  https: 443,
};

export const INSECURE_ALLOW_ALL = 'insecure:allow-all';

const FORMAT_HINT =
  "Allowed hosts look like 'scheme://host:port', e.g. 'https://example.com' or 'redis://*:6379'; use '*://*:*' to allow everything.";

function hostProblem(host: string): string | undefined {
  if (host.startsWith('{')) return 'host lists are not yet supported';
  if (host === '*' || host === 'self' || host === 'self.alt') return undefined;
  if (host.startsWith('*.')) {
    const suffix = host.slice(2);
    if (suffix.includes('*')) return 'wildcards are allowed only as prefixes';
    return isDomainOrIp(suffix) && !/^[0-9.]+$/.test(suffix) ? undefined : 'wildcard suffix must be a domain';
  }
  if (host.startsWith('*')) return 'wildcards are allowed only as subdomains';
  if (host.includes('*')) return 'wildcards are allowed only as prefixes';
  if (/^[0-9a-fA-F.:[\]]+\/\d{1,3}$/.test(host)) return undefined;
  return isDomainOrIp(host) ? undefined : 'invalid international domain name';
}

function isDomainOrIp(host: string): boolean {
  if (/^\[[0-9a-fA-F:.]+\]$/.test(host)) return true;
  if (host.length === 0 || host.length > 253) return false;
  return host.split('.').every((label) => /^[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?$/.test(label));
}

function portProblem(port: string): string | undefined {
  if (port === '*') return undefined;
  if (port.startsWith('{')) return 'port lists are not yet supported';
  if (port.includes('..')) {
    const [a = '', b = ''] = port.split('..', 2);
    return /^\d+$/.test(a) && /^\d+$/.test(b) ? undefined : `port range "${port}" contains non-number`;
  }
  return /^\d+$/.test(port) ? undefined : `port "${port}" is not a number`;
}

/** Checks one literal (template-free) `allowed_outbound_hosts` entry. */
export function outboundHostProblem(entry: string): string | undefined {
  const value = entry.trim();
  if (value === INSECURE_ALLOW_ALL) {
    return "'insecure:allow-all' is not allowed - use '*://*:*' instead if you really want to allow all outbound traffic'";
  }
  const sep = value.indexOf('://');
  if (sep === -1) {
    if (['*', ':', '', '?'].includes(value)) {
      return `"${value}" is not an allowed outbound host format. ${FORMAT_HINT}`;
    }
    return `"${value}" does not contain a scheme (e.g., 'http://' or '*://')`;
  }
  const scheme = value.slice(0, sep);
  if (scheme.startsWith('{')) {
    return `Invalid allowed host scheme "${scheme}": scheme lists are not supported`;
  }
  if (scheme !== '*' && !/^[A-Za-z]+$/.test(scheme)) {
    return `Invalid allowed host scheme "${scheme}": only alphabetic characters are allowed`;
  }
  let rest = value.slice(sep + 3);
  if (rest.endsWith('/')) rest = rest.slice(0, -1);
  const cidr = /^([0-9a-fA-F.:[\]]+\/\d{1,3})(?::([^/]*))?$/.exec(rest);
  let host: string;
  let port: string | undefined;
  if (cidr) {
    host = cidr[1] ?? '';
    port = cidr[2];
  } else {
    if (rest.includes('/')) return `"${value}" has a path but is not allowed to`;
    const colon = rest.lastIndexOf(':');
    if (colon > rest.lastIndexOf(']')) {
      host = rest.slice(0, colon);
      port = rest.slice(colon + 1);
    } else host = rest;
  }
  const hostError = hostProblem(host);
  if (hostError) return `Invalid allowed host "${host}": ${hostError}`;
  if (port === undefined) {
    return DEFAULT_PORTS[scheme.toLowerCase()] === undefined
      ? `no port was provided and the scheme "${scheme}" does not have a known default port number`
      : undefined;
  }
  const portError = portProblem(port);
  return portError ? `Invalid allowed host port "${port}": ${portError}` : undefined;
}

/** Checks one legacy `allowed_http_hosts` entry (host, host:port, or an http(s) URL). */
export function httpHostProblem(entry: string): string | undefined {
  if (entry === INSECURE_ALLOW_ALL) return undefined;
  let rest = entry;
  const sep = entry.indexOf('://');
  if (sep !== -1) {
    const scheme = entry.slice(0, sep).toLowerCase();
    if (scheme !== 'http' && scheme !== 'https') return `${entry} isn't a valid host or host:port string`;
    rest = entry.slice(sep + 3);
  }
  if (rest.endsWith('/')) rest = rest.slice(0, -1);
  if (rest.includes('/')) return `${entry} contains a path, should be host and optional port only`;
  const [host = '', port, extra] = rest.split(':');
  if (host.length === 0) return `${entry} doesn't contain a host name`;
  if (extra !== undefined || (port !== undefined && !/^\d+$/.test(port)) || !isDomainOrIp(host)) {
    return `${entry} isn't a valid host or host:port string`;
  }
  return undefined;
}

/** The `allowed_outbound_hosts` entries equivalent to legacy `allowed_http_hosts` (SPEC §1a.15). */
export function convertHttpHosts(entries: readonly string[]): string[] {
  if (entries.includes(INSECURE_ALLOW_ALL)) return ['http://*:*', 'https://*:*', 'http://self'];
  const out: string[] = [];
  for (const entry of entries) {
    const bare = entry.replace(/^https?:\/\//, '').replace(/\/$/, '');
    if (bare === 'self') out.push('http://self');
    else out.push(`http://${bare}`, `https://${bare}`);
  }
  return [...new Set(out)];
}
