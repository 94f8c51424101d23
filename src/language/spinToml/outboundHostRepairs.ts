// Corrections offered for an invalid `allowed_outbound_hosts` entry: a missing scheme
// (`example.com` → `https://example.com`, `http://…`, `*://…:*`), a missing port where the scheme
// has no default one (`tcp://db` → `tcp://db:*`), and a mistyped separator (`http//host`,
// `https:/host`). Only corrections that are themselves valid entries are offered.
import { outboundHostProblem } from './outboundHosts';

/** `scheme` followed by a broken `://`: `http//`, `http:/`, `http:`, `http:///`. */
const BROKEN_SEPARATOR = /^([A-Za-z]+|\*)(?:\/\/|:\/(?!\/)|:(?!\/)|:\/{3,})(?=[^/:])(.+)$/;

function candidatesFor(entry: string): string[] {
  const value = entry.trim();
  const sep = value.indexOf('://');
  if (sep === -1) {
    const typo = BROKEN_SEPARATOR.exec(value);
    if (typo && !/^\d+$/.test(typo[2] ?? '')) return [`${typo[1] ?? ''}://${typo[2] ?? ''}`];
    const hasPort = /:(\d+|\*|\d+\.\.\d+)$/.test(value);
    return [`https://${value}`, `http://${value}`, `*://${value}${hasPort ? '' : ':*'}`];
  }
  const rest = value.slice(sep + 3);
  const hasPort = rest.lastIndexOf(':') > rest.lastIndexOf(']');
  return hasPort ? [] : [`${value.replace(/\/$/, '')}:*`];
}

/** Valid entries the user probably meant, most likely first; empty when none is evident. */
export function outboundHostRepairs(entry: string): string[] {
  if (outboundHostProblem(entry) === undefined) return [];
  return [...new Set(candidatesFor(entry))].filter((c) => outboundHostProblem(c) === undefined);
}
