// What an expanded SpinApp shows besides its pods: its Deployment and Service (both named like the
// app, SPEC §1c.5) and its recent Warning events, each watched only while the app is open.
//   const details = openAppDetails(session, 'ns', 'app');  details.onChange.on(() => …);
//   details.deployment(), details.service(), details.warnings(podNames)  (newest first, at most 10);
//   details.state('deployment' | 'service' | 'events') → the watch's state (a 403 is no "not found");
//   details.close();
// Warning events are watched once per namespace (field selector type=Warning) and shared.
import { Emitter, type Disposable } from './emitter';
import { Kinds } from './kinds';
import type { Deployment, KubeEvent, Service } from './resources';
import type { CacheLease, ClusterSession } from './session';
import type { CacheState } from './watchCache';

export type AppDetailPart = 'deployment' | 'service' | 'events';

export interface AppDetails {
  /** Fires when a watched object or a watch's state changed. */
  readonly onChange: Emitter<void>;
  deployment(): Deployment | undefined;
  service(): Service | undefined;
  warnings(podNames?: readonly string[]): KubeEvent[];
  /** The state of the watch behind a part: an error (e.g. a 403) means its absence tells nothing. */
  state(part: AppDetailPart): CacheState;
  /** Resolves when the three watches have listed (or stopped on an error). */
  ready(): Promise<void>;
  close(): void;
}

const eventIndex = (e: KubeEvent): string[] => (e.involvedObject?.name ? [e.involvedObject.name] : []);

export function eventTime(e: KubeEvent): string {
  return e.lastTimestamp ?? e.eventTime ?? e.firstTimestamp ?? e.metadata?.creationTimestamp ?? '';
}

export function openAppDetails(
  session: ClusterSession,
  namespace: string,
  name: string,
  limit = 10,
): AppDetails {
  const onChange = new Emitter<void>();
  const byName = { namespace, fieldSelector: `metadata.name=${name}` };
  const deployments: CacheLease<Deployment> = session.acquire<Deployment>(Kinds.deployment, byName);
  const services: CacheLease<Service> = session.acquire<Service>(Kinds.service, byName);
  const events: CacheLease<KubeEvent> = session.acquire<KubeEvent>(
    Kinds.event,
    { namespace, fieldSelector: 'type=Warning' },
    { indexes: { involved: eventIndex } },
  );
  const subs: Disposable[] = [];
  for (const lease of [deployments, services, events] as CacheLease<object>[]) {
    subs.push(lease.cache.onChange.on(() => onChange.fire()));
    subs.push(lease.cache.onState.on(() => onChange.fire()));
  }
  const leases: Record<AppDetailPart, CacheLease<object>> = {
    deployment: deployments,
    service: services,
    events,
  };
  return {
    onChange,
    deployment: () => deployments.cache.getByName(namespace, name),
    state: (part) => leases[part].cache.state,
    service: () => services.cache.getByName(namespace, name),
    warnings(podNames = []) {
      const seen = new Set<string>();
      const out: KubeEvent[] = [];
      const replicaSetPrefix = `${name}-`;
      const names = new Set([name, ...podNames]);
      for (const value of events.cache.indexValues('involved')) {
        if (names.has(value) || value.startsWith(replicaSetPrefix)) {
          for (const e of events.cache.byIndex('involved', value)) {
            const uid = e.metadata?.uid ?? `${e.metadata?.name}`;
            if (!seen.has(uid)) {
              seen.add(uid);
              out.push(e);
            }
          }
        }
      }
      return out.sort((a, b) => eventTime(b).localeCompare(eventTime(a))).slice(0, limit);
    },
    async ready() {
      await Promise.allSettled([deployments.cache.ready(), services.cache.ready(), events.cache.ready()]);
    },
    close() {
      for (const s of subs) s.dispose();
      deployments.release();
      services.release();
      events.release();
      onChange.clear();
    },
  };
}
