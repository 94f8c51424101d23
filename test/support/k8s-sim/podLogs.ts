// Container logs, as the node's container runtime would keep them. The simulator derives them
// from standard pod status: a container that starts (state.running.startedAt) prints Spin's
// start-up lines; a container that terminates prints its termination message (which a kubelet
// fills from the log tail with terminationMessagePolicy FallbackToLogsOnError).
import type { ServerResponse } from 'node:http';
import { ApiError, badRequest, notFound } from './apiErrors.js';
import type { Change, ObjectStore } from './store.js';
import type { KubeObject, ResourceType } from './types.js';

interface LogLine {
  time: string;
  text: string;
}

interface ContainerLog {
  lines: LogLine[];
  followers: Set<(line: LogLine) => void>;
}

interface ContainerStatus {
  name: string;
  restartCount?: number;
  state?: {
    running?: { startedAt?: string };
    waiting?: { reason?: string; message?: string };
    terminated?: { exitCode?: number; finishedAt?: string; message?: string; reason?: string };
  };
  lastState?: { terminated?: { finishedAt?: string; message?: string } };
}

const MAX_LINES = 5000;

function statuses(pod: KubeObject | undefined): ContainerStatus[] {
  return ((pod?.status as { containerStatuses?: ContainerStatus[] } | undefined)?.containerStatuses ??
    []) as ContainerStatus[];
}

export class PodLogs {
  private readonly logs = new Map<string, ContainerLog>();
  private readonly enders = new Map<string, Set<() => void>>();

  constructor(private readonly store: ObjectStore) {
    store.subscribe('/pods', (ch) => this.onPodChange(ch));
  }

  /** Appends lines to a container's log (programmatic use in tests and the sandbox). */
  append(namespace: string, pod: string, container: string, lines: readonly string[]): void {
    const log = this.log(`${namespace}/${pod}/${container}`);
    for (const text of lines) {
      const line = { time: new Date().toISOString(), text };
      log.lines.push(line);
      for (const f of log.followers) f(line);
    }
    if (log.lines.length > MAX_LINES) log.lines.splice(0, log.lines.length - MAX_LINES);
  }

  private log(id: string): ContainerLog {
    let log = this.logs.get(id);
    if (!log) {
      log = { lines: [], followers: new Set() };
      this.logs.set(id, log);
    }
    return log;
  }

  private onPodChange(ch: Change): void {
    const ns = ch.namespace;
    const pod = ch.name;
    if (ch.type === 'DELETED') {
      for (const c of statuses(ch.object)) this.logs.delete(`${ns}/${pod}/${c.name}`);
      for (const end of this.enders.get(`${ns}/${pod}`) ?? []) end();
      this.enders.delete(`${ns}/${pod}`);
      return;
    }
    const before = new Map(statuses(ch.previous).map((s) => [s.name, s]));
    for (const s of statuses(ch.object)) {
      const prev = before.get(s.name);
      const terminated = s.state?.terminated ?? s.lastState?.terminated;
      const prevTerminated = prev?.state?.terminated ?? prev?.lastState?.terminated;
      if (terminated?.message && terminated.finishedAt !== prevTerminated?.finishedAt) {
        this.append(
          ns,
          pod,
          s.name,
          terminated.message.split('\n').filter((l) => l.length > 0),
        );
      }
      const started = s.state?.running?.startedAt;
      if (started && started !== prev?.state?.running?.startedAt) {
        this.append(ns, pod, s.name, [
          'Serving http://0.0.0.0:80',
          'Available Routes:',
          `  ${s.name}: http://0.0.0.0:80 (wildcard)`,
        ]);
      }
    }
  }

  handle(type: ResourceType, pod: KubeObject, q: URLSearchParams, res: ServerResponse): void {
    const name = pod.metadata.name!;
    const ns = pod.metadata.namespace ?? '';
    const containers = ((pod.spec?.containers as { name: string }[] | undefined) ?? []).map((c) => c.name);
    let container = q.get('container') ?? '';
    if (!container) {
      if (containers.length !== 1) {
        throw badRequest(
          `a container name must be specified for pod ${name}, choose one of: [${containers.join(' ')}]`,
        );
      }
      container = containers[0]!;
    }
    if (!containers.includes(container)) {
      throw badRequest(`container ${container} is not valid for pod ${name}`);
    }
    const log = this.logs.get(`${ns}/${name}/${container}`);
    const status = statuses(pod).find((s) => s.name === container);
    if (!log || log.lines.length === 0) {
      const waiting = status?.state?.waiting;
      if (!status || waiting) {
        const reason = waiting?.reason;
        const why =
          reason === 'ImagePullBackOff' || reason === 'ErrImagePull'
            ? 'trying and failing to pull image'
            : (reason ?? 'ContainerCreating');
        throw badRequest(`container "${container}" in pod "${name}" is waiting to start: ${why}`);
      }
    }
    void type;
    const timestamps = q.get('timestamps') === 'true';
    const format = (l: LogLine): string => (timestamps ? `${l.time} ${l.text}\n` : `${l.text}\n`);
    let lines = log?.lines ?? [];
    const tail = q.get('tailLines');
    if (tail !== null) {
      const n = Number(tail);
      if (!Number.isInteger(n) || n < 0) {
        throw badRequest(`tailLines: Invalid value: ${tail}: must be greater than or equal to 0`);
      }
      lines = n === 0 ? [] : lines.slice(-n);
    }
    const since = q.get('sinceSeconds');
    if (since !== null) {
      const cutoff = Date.now() - Number(since) * 1000;
      lines = lines.filter((l) => Date.parse(l.time) >= cutoff);
    }
    res.writeHead(200, {
      'Content-Type': 'text/plain',
      'Transfer-Encoding': 'chunked',
      'Cache-Control': 'no-cache, private',
    });
    const text = lines.map(format).join('');
    const limitBytes = q.get('limitBytes') ? Number(q.get('limitBytes')) : 0;
    if (limitBytes > 0) {
      res.end(text.slice(0, limitBytes));
      return;
    }
    if (q.get('follow') !== 'true') {
      res.end(text);
      return;
    }
    if (text) res.write(text);
    const target = this.log(`${ns}/${name}/${container}`);
    const follower = (l: LogLine): void => {
      res.write(format(l));
    };
    target.followers.add(follower);
    const podKey = `${ns}/${name}`;
    const end = (): void => {
      target.followers.delete(follower);
      this.enders.get(podKey)?.delete(end);
      if (!res.writableEnded) res.end();
    };
    let set = this.enders.get(podKey);
    if (!set) {
      set = new Set();
      this.enders.set(podKey, set);
    }
    set.add(end);
    res.on('close', end);
  }
}

export function podNotFound(type: ResourceType, name: string): ApiError {
  return notFound(type, name);
}
