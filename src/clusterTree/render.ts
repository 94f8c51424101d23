// How each element of the cluster tree looks (label, description, icon, context value) and its
// lazily built tooltip. Plain data; no VS Code.
import type { AppDetails } from '../cluster/appDetails';
import { eventTime } from '../cluster/appDetails';
import type { AppState } from '../cluster/appStatus';
import { podFailure } from '../cluster/appStatus';
import type { ClusterConnection } from '../cluster/clusterConnection';
import { objectKey } from '../cluster/kinds';
import { age, type Pod } from '../cluster/resources';
import type { Section, SectionState, SpinKubeModel } from '../cluster/spinKubeModel';
import type { TreeElement, TreeNode } from './elements';

export interface RenderContext {
  readonly connection: ClusterConnection;
  readonly model: SpinKubeModel | undefined;
  details(appKey: string): AppDetails | undefined;
  /** A pod of an expanded node (from its field-selector watch). */
  nodePod(node: string, key: string): Pod | undefined;
  /** How the item under a 403 looks (what the user may do). */
  accessNode(el: Extract<TreeElement, { kind: 'access' }>): TreeNode;
}

export const SECTION_TITLES: Record<Section, string> = {
  apps: 'Apps',
  nodes: 'Nodes',
  executors: 'Executors',
  runtimeClasses: 'Runtime classes',
  health: 'SpinKube health',
};

const SECTION_ICONS: Record<Section, string> = {
  apps: 'rocket',
  nodes: 'server',
  executors: 'gear',
  runtimeClasses: 'symbol-class',
  health: 'pulse',
};

export const APP_ICONS: Record<AppState, { id: string; color?: string }> = {
  ready: { id: 'pass-filled', color: 'testing.iconPassed' },
  progressing: { id: 'sync~spin', color: 'charts.yellow' },
  failed: { id: 'error', color: 'testing.iconFailed' },
  unknown: { id: 'question', color: 'disabledForeground' },
};

const nameOf = (key: string): string => key.slice(key.indexOf('/') + 1);

export function podSummary(pod: Pod): { text: string; state: string } {
  const restarts = (pod.status?.containerStatuses ?? []).reduce((n, c) => n + (c.restartCount ?? 0), 0);
  const failure = podFailure(pod);
  const phase = failure?.reason ?? pod.status?.phase ?? 'Pending';
  const node = pod.spec?.nodeName ?? 'unscheduled';
  const ready =
    (pod.status?.containerStatuses ?? []).every((c) => c.ready) && pod.status?.phase === 'Running';
  return {
    text: `${phase} · ${restarts} restart${restarts === 1 ? '' : 's'} · ${node}`,
    state: failure ? 'failed' : ready ? 'ready' : 'progressing',
  };
}

export function renderNode(el: TreeElement, ctx: RenderContext): TreeNode {
  const model = ctx.model;
  switch (el.kind) {
    case 'message':
      return el.node;
    case 'access':
      return ctx.accessNode(el);
    case 'context': {
      const status = ctx.connection.status;
      const scope = ctx.connection.namespaces.length
        ? ctx.connection.namespaces.join(', ')
        : 'all namespaces';
      return {
        id: el.id,
        label: status.phase === 'connected' ? status.context : 'no context',
        description: scope,
        icon: { id: 'plug' },
        contextValue: 'spinkube.context',
        collapsible: 'none',
        command: { command: 'spinkube.cluster.switchContext', title: 'Switch Kubernetes Context' },
        tooltip:
          status.phase === 'connected' ? `${status.context} · ${status.server} · ${scope}` : status.message,
        state: status.phase,
      };
    }
    case 'section': {
      const state = model?.sectionState(el.section) ?? { phase: 'idle' as const };
      const count = sectionCount(el.section, model);
      return {
        id: el.id,
        label: SECTION_TITLES[el.section],
        description: sectionDescription(state, count),
        icon: { id: SECTION_ICONS[el.section] },
        contextValue: `spinkube.section.${el.section}`,
        collapsible: el.section === 'apps' || el.section === 'health' ? 'expanded' : 'collapsed',
        state: state.phase,
      };
    }
    case 'namespace':
      return {
        id: el.id,
        label: el.namespace,
        icon: { id: 'folder' },
        collapsible: 'collapsed',
        contextValue: 'spinkube.namespace',
      };
    case 'range':
      return {
        id: el.id,
        label: el.label,
        description: `${el.keys.length}`,
        icon: { id: 'list-unordered' },
        collapsible: 'collapsed',
        contextValue: 'spinkube.range',
      };
    case 'app': {
      const info = model?.app(el.key);
      if (!info) return { id: el.id, label: nameOf(el.key), collapsible: 'none', state: 'deleted' };
      // apps outside the context's namespace say where they live
      const ns = info.object.metadata?.namespace ?? '';
      const home = model?.session.defaultNamespace;
      return {
        id: el.id,
        label: info.object.metadata?.name ?? nameOf(el.key),
        description: ns && home && ns !== home ? `${ns} · ${info.description}` : info.description,
        icon: APP_ICONS[info.status.state],
        contextValue: `spinkube.app.${info.status.state}`,
        collapsible: 'collapsed',
        state: info.status.state,
      };
    }
    case 'deployment': {
      const d = ctx.details(el.appKey)?.deployment();
      return {
        id: el.id,
        label: `Deployment ${nameOf(el.appKey)}`,
        description: d ? `${d.status?.readyReplicas ?? 0}/${d.spec?.replicas ?? 0} ready` : 'not found',
        icon: { id: 'layers' },
        contextValue: d ? 'spinkube.deployment' : 'spinkube.missing',
        collapsible: 'none',
        state: d ? 'present' : 'missing',
      };
    }
    case 'service': {
      const s = ctx.details(el.appKey)?.service();
      const ports = (s?.spec?.ports ?? []).map((p) => p.port).join(',');
      return {
        id: el.id,
        label: `Service ${nameOf(el.appKey)}`,
        description: s ? `${s.spec?.type ?? 'ClusterIP'} ${s.spec?.clusterIP ?? ''}:${ports}` : 'not found',
        icon: { id: 'globe' },
        contextValue: s ? 'spinkube.service' : 'spinkube.missing',
        collapsible: 'none',
        state: s ? 'present' : 'missing',
      };
    }
    case 'pod': {
      const pod = findPod(el, ctx);
      if (!pod) return { id: el.id, label: nameOf(el.key), collapsible: 'none', state: 'deleted' };
      const summary = podSummary(pod);
      return {
        id: el.id,
        label: pod.metadata?.name ?? nameOf(el.key),
        description: summary.text,
        icon:
          summary.state === 'failed'
            ? { id: 'error', color: 'testing.iconFailed' }
            : summary.state === 'ready'
              ? { id: 'vm-running', color: 'testing.iconPassed' }
              : { id: 'vm-outline' },
        contextValue: 'spinkube.pod',
        collapsible: 'none',
        state: summary.state,
      };
    }
    case 'events': {
      const n = ctx.details(el.appKey)?.warnings(podNames(el.appKey, model)).length ?? 0;
      return {
        id: el.id,
        label: 'Warnings',
        description: String(n),
        icon: { id: 'warning', color: n ? 'list.warningForeground' : undefined },
        collapsible: n ? 'collapsed' : 'none',
        contextValue: 'spinkube.events',
      };
    }
    case 'event': {
      const e = ctx
        .details(el.appKey)
        ?.warnings(podNames(el.appKey, model))
        .find((x) => x.metadata?.uid === el.uid);
      return {
        id: el.id,
        label: e ? `${e.reason ?? 'Warning'}: ${e.message ?? ''}` : 'event',
        description: e
          ? `${e.involvedObject?.kind ?? ''} ${e.involvedObject?.name ?? ''} · ${age(eventTime(e))}`
          : '',
        icon: { id: 'warning', color: 'list.warningForeground' },
        collapsible: 'none',
        contextValue: 'spinkube.event',
        tooltip: e?.message,
      };
    }
    case 'node': {
      const n = model?.node(el.name);
      if (!n) return { id: el.id, label: el.name, collapsible: 'none', state: 'deleted' };
      const spin =
        n.spin.capable === 'yes' ? 'Spin ✓' : n.spin.capable === 'no' ? 'no Spin' : `Spin ${n.spin.capable}`;
      return {
        id: el.id,
        label: n.name,
        description: `${n.ready ? 'Ready' : 'NotReady'} · ${n.kubeletVersion} · ${spin} · ${n.spinPods}/${n.podCapacity ?? '?'} pods`,
        icon: !n.ready
          ? { id: 'server', color: 'testing.iconFailed' }
          : n.spin.capable === 'yes'
            ? { id: 'server', color: 'testing.iconPassed' }
            : { id: 'server', color: 'charts.yellow' },
        contextValue: 'spinkube.node',
        collapsible: 'collapsed',
        state: `${n.ready ? 'ready' : 'notReady'},spin=${n.spin.capable}`,
      };
    }
    case 'executor': {
      const e = model?.executor(el.key);
      const cfg = e?.spec?.deploymentConfig;
      return {
        id: el.id,
        label: e?.metadata?.name ?? nameOf(el.key),
        description: [
          e?.metadata?.namespace,
          cfg?.runtimeClassName
            ? `runtime class ${cfg.runtimeClassName}`
            : cfg?.spinImage
              ? `spin image ${cfg.spinImage}`
              : '',
          e?.spec?.createDeployment === false ? 'no Deployment' : '',
        ]
          .filter(Boolean)
          .join(' · '),
        icon: { id: 'gear' },
        contextValue: 'spinkube.executor',
        collapsible: 'none',
      };
    }
    case 'runtimeClass': {
      const rc = model?.runtimeClasses().find((r) => r.metadata?.name === el.name);
      const selector = Object.entries(rc?.scheduling?.nodeSelector ?? {})
        .map(([k, v]) => `${k}=${v}`)
        .join(',');
      return {
        id: el.id,
        label: el.name,
        description: `handler ${rc?.handler ?? '?'}${selector ? ` · nodes ${selector}` : ''}`,
        icon: { id: 'symbol-class' },
        contextValue: 'spinkube.runtimeclass',
        collapsible: 'none',
      };
    }
    case 'check': {
      const c = model?.health().find((x) => x.id === el.checkId);
      const result = c?.result ?? 'unknown';
      return {
        id: el.id,
        label: c?.title ?? el.checkId,
        description: c?.detail,
        icon:
          result === 'pass'
            ? { id: 'pass', color: 'testing.iconPassed' }
            : result === 'fail'
              ? { id: 'error', color: 'testing.iconFailed' }
              : { id: 'question' },
        contextValue: `spinkube.check.${result}`,
        collapsible: 'none',
        tooltip: c?.fix ? `${c.detail}\n\nWhat to do: ${c.fix}` : c?.detail,
        state: result,
      };
    }
  }
}

function findPod(el: Extract<TreeElement, { kind: 'pod' }>, ctx: RenderContext): Pod | undefined {
  if (el.node !== undefined) return ctx.nodePod(el.node, el.key);
  return ctx.model?.appPods(el.appKey ?? '').find((p) => objectKey(p) === el.key);
}

export function podNames(appKey: string, model: SpinKubeModel | undefined): string[] {
  return (model?.appPods(appKey) ?? []).map((p) => p.metadata?.name ?? '');
}

function sectionCount(section: Section, model: SpinKubeModel | undefined): number | undefined {
  if (!model) return undefined;
  if (section === 'apps') return model.appCount();
  if (section === 'nodes') return model.nodes().length;
  if (section === 'executors') return model.executors().length;
  if (section === 'runtimeClasses') return model.runtimeClasses().length;
  return undefined;
}

function sectionDescription(state: SectionState, count: number | undefined): string {
  switch (state.phase) {
    case 'ready':
      return count === undefined ? '' : String(count);
    case 'connecting':
      return 'connecting…';
    case 'reconnecting':
      return `reconnecting… (attempt ${state.attempt})`;
    case 'error':
      return `error: ${state.kind}`;
    case 'notInstalled':
      return 'not installed';
    case 'idle':
      return '';
  }
}
