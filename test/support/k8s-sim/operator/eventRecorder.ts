// Records core/v1 Events the way client-go's recorder does: one Event per (object, reason,
// message), later repeats bump `count` and `lastTimestamp`.
import { randomBytes } from 'node:crypto';
import type { KubeObject } from '../types.js';
import type { KubeClient } from './kubeClient.js';

export interface EventSource {
  component: string;
  host?: string;
}

function now(): string {
  return new Date().toISOString().replace(/\.\d+Z$/, 'Z');
}

export class EventRecorder {
  private readonly seen = new Map<string, { name: string; namespace: string; count: number }>();

  constructor(private readonly client: KubeClient) {}

  async record(
    source: EventSource,
    involved: KubeObject,
    type: 'Normal' | 'Warning',
    reason: string,
    message: string,
  ): Promise<void> {
    const namespace = involved.metadata.namespace ?? 'default';
    const key = `${involved.metadata.uid}|${source.component}|${reason}|${message}`;
    const previous = this.seen.get(key);
    const time = now();
    try {
      if (previous) {
        previous.count++;
        await this.client.mergePatch(
          { apiVersion: 'v1', plural: 'events', namespace: previous.namespace, name: previous.name },
          { count: previous.count, lastTimestamp: time },
        );
        return;
      }
      const name = `${involved.metadata.name}.${randomBytes(8).toString('hex')}`;
      this.seen.set(key, { name, namespace, count: 1 });
      const event: KubeObject = {
        apiVersion: 'v1',
        kind: 'Event',
        metadata: { name, namespace },
        involvedObject: {
          apiVersion: involved.apiVersion,
          kind: involved.kind,
          name: involved.metadata.name,
          namespace: involved.metadata.namespace,
          uid: involved.metadata.uid,
          resourceVersion: involved.metadata.resourceVersion,
        },
        reason,
        message,
        type,
        count: 1,
        firstTimestamp: time,
        lastTimestamp: time,
        source,
        reportingComponent: source.component,
        reportingInstance: source.host ?? '',
      };
      await this.client.create({ apiVersion: 'v1', plural: 'events', namespace }, event);
    } catch {
      // Events are best effort, as in client-go.
      this.seen.delete(key);
    }
  }
}
