// One line per request for the run's log: `GET /hello/x → hello 200 3.1 ms`.
import type { RequestLogEntry } from './localListener';

export function requestLogLine(entry: RequestLogEntry): string {
  const target = entry.componentId ? `${entry.componentId} ` : '';
  return `${entry.method} ${entry.path} → ${target}${entry.status} ${entry.milliseconds.toFixed(1)} ms`;
}
