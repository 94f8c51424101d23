// A readable "describe" of any object: identity, labels, status conditions and its events.
import { listEventsFor } from '../cluster/clusterActions';
import type { KubeObject } from '../cluster/kinds';
import { age, type Condition, type KubeEvent } from '../cluster/resources';
import type { KubeTransport } from '../cluster/transport';
import { eventTime } from '../cluster/appDetails';

export async function describeObject(t: KubeTransport, obj: KubeObject, namespace?: string): Promise<string> {
  const m = obj.metadata ?? {};
  const lines: string[] = [
    `Name:        ${m.name ?? ''}`,
    ...(m.namespace ? [`Namespace:   ${m.namespace}`] : []),
    `Kind:        ${obj.kind ?? ''} (${obj.apiVersion ?? ''})`,
    `Created:     ${m.creationTimestamp ?? ''} (${age(m.creationTimestamp)} ago)`,
    `Labels:      ${formatMap(m.labels)}`,
    `Annotations: ${formatMap(m.annotations)}`,
  ];
  const spec = (obj as { spec?: Record<string, unknown> }).spec;
  if (spec && typeof spec === 'object') {
    lines.push('', 'Spec:');
    for (const [k, v] of Object.entries(spec)) lines.push(`  ${k}: ${short(v)}`);
  }
  const status = (obj as { status?: { conditions?: Condition[] } & Record<string, unknown> }).status;
  if (status && typeof status === 'object') {
    lines.push('', 'Status:');
    for (const [k, v] of Object.entries(status)) if (k !== 'conditions') lines.push(`  ${k}: ${short(v)}`);
    const conditions = status.conditions ?? [];
    if (conditions.length) {
      lines.push('', 'Conditions:', '  Type              Status   Reason                        Message');
      for (const c of conditions) {
        lines.push(`  ${pad(c.type, 17)} ${pad(c.status, 8)} ${pad(c.reason, 29)} ${c.message ?? ''}`);
      }
    }
  }
  let events: KubeEvent[] = [];
  let eventsNote = '';
  try {
    events = await listEventsFor(t, namespace ?? m.namespace, m.name ?? '');
  } catch (error) {
    eventsNote = `  (events could not be read: ${error instanceof Error ? error.message : String(error)})`;
  }
  lines.push('', 'Events:');
  if (eventsNote) lines.push(eventsNote);
  else if (!events.length) lines.push('  <none>');
  else {
    events.sort((a, b) => eventTime(a).localeCompare(eventTime(b)));
    lines.push('  Type     Reason               Age    Count  Message');
    for (const e of events) {
      lines.push(
        `  ${pad(e.type, 8)} ${pad(e.reason, 20)} ${pad(age(eventTime(e)), 6)} ${pad(String(e.count ?? 1), 6)} ${e.message ?? ''}`,
      );
    }
  }
  return lines.join('\n') + '\n';
}

function pad(s: string | undefined, n: number): string {
  return (s ?? '').padEnd(n);
}

function formatMap(map: Record<string, string> | undefined): string {
  const entries = Object.entries(map ?? {});
  return entries.length ? entries.map(([k, v]) => `${k}=${v}`).join('\n             ') : '<none>';
}

function short(v: unknown): string {
  const text = typeof v === 'string' ? v : JSON.stringify(v);
  return text.length > 200 ? `${text.slice(0, 197)}...` : text;
}
