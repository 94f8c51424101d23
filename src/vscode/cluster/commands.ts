// Commands of the cluster explorer. Each receives the tree element it was invoked on (context menu,
// inline action) or asks for a SpinApp when run from the palette.
import * as vscode from 'vscode';
import { ApiError } from '../../cluster/apiError';
import { deleteObject, restartSpinApp, scaleSpinApp, validReplicas } from '../../cluster/clusterActions';
import { APP_NAME_LABEL, Kinds, resourcePath, SPINKUBE_GROUP } from '../../cluster/kinds';
import type { Pod, SpinApp } from '../../cluster/resources';
import { liveUri } from './liveDocuments';
import { LogViews } from './logTerminal';
import { PortForwards } from './portForwards';
import { chooseNamespaces, switchContext } from './pickers';
import { requireTarget, type ObjectTarget } from './targets';
import type { CommandFactory } from '../commands/deps';
import type { ClusterCommandDeps } from './commandDeps';
import { revealManifest } from './revealManifest';

function pickApp(deps: ClusterCommandDeps): () => Promise<string | undefined> {
  return async () => {
    const keys = deps.cluster.connection.model?.appKeys() ?? [];
    if (!keys.length) {
      void vscode.window.showInformationMessage('SpinKube: no SpinApps are shown in the cluster explorer.');
      return undefined;
    }
    return vscode.window.showQuickPick([...keys].sort(), { placeHolder: 'SpinApp (namespace/name)' });
  };
}

function session(deps: ClusterCommandDeps) {
  const s = deps.cluster.connection.session;
  if (!s) throw new Error('Not connected to a cluster: choose a kubeconfig context first.');
  return s;
}

async function withTarget(
  deps: ClusterCommandDeps,
  arg: unknown,
  run: (target: ObjectTarget) => Promise<unknown>,
): Promise<unknown> {
  const target = await requireTarget(arg, deps.cluster, pickApp(deps));
  if (!target) return undefined;
  return run(target);
}

function explain(error: unknown): string {
  if (error instanceof ApiError && error.kind === 'forbidden') return `Not allowed: ${error.message}`;
  return error instanceof Error ? error.message : String(error);
}

let views: LogViews | undefined;
function logViews(deps: ClusterCommandDeps): LogViews {
  if (!views) {
    const created = new LogViews();
    views = created;
    deps.context.subscriptions.push(created, { dispose: () => (views = undefined) });
  }
  return views;
}
let forwards: PortForwards | undefined;
function portForwards(deps: ClusterCommandDeps): PortForwards {
  if (!forwards) {
    const created = new PortForwards(deps);
    forwards = created;
    deps.context.subscriptions.push(created, { dispose: () => (forwards = undefined) });
  }
  return forwards;
}

/** The pods of an app from the explorer's pod index, or (view hidden) one request by the app label. */
async function appPods(deps: ClusterCommandDeps, target: ObjectTarget): Promise<Pod[]> {
  const model = deps.cluster.connection.model;
  if (target.kind.kind === 'Pod') {
    const known = target.appKey
      ? model?.appPods(target.appKey).find((p) => p.metadata?.name === target.name)
      : undefined;
    return [known ?? { metadata: { namespace: target.namespace, name: target.name } }];
  }
  if (!target.appKey) return [];
  if (model && model.sectionState('apps').phase === 'ready') return model.appPods(target.appKey);
  const list = await session(deps).transport.request<{ items?: Pod[] }>({
    path: resourcePath(Kinds.pod, target.namespace),
    query: { labelSelector: `${APP_NAME_LABEL}=${target.name}` },
  });
  return list?.items ?? [];
}

export const clusterCommands: Record<string, CommandFactory<ClusterCommandDeps>> = {
  'spinkube.cluster.refresh': (deps) => () => deps.cluster.refresh(),
  'spinkube.cluster.switchContext': (deps) => () => switchContext(deps),
  'spinkube.cluster.chooseNamespaces': (deps) => () => chooseNamespaces(deps),
  'spinkube.cluster.openYaml': (deps) => (arg) =>
    withTarget(deps, arg, async (t) => {
      const doc = await vscode.workspace.openTextDocument(liveUri(session(deps).context, 'yaml', t));
      await vscode.languages.setTextDocumentLanguage(doc, 'yaml');
      return vscode.window.showTextDocument(doc, { preview: true });
    }),
  'spinkube.cluster.describe': (deps) => (arg) =>
    withTarget(deps, arg, async (t) => {
      const doc = await vscode.workspace.openTextDocument(liveUri(session(deps).context, 'describe', t));
      return vscode.window.showTextDocument(doc, { preview: true });
    }),
  'spinkube.cluster.followLogs': (deps) => (arg) =>
    withTarget(deps, arg, async (t) => {
      const pods = (await appPods(deps, t)).map((p) => ({
        namespace: p.metadata?.namespace ?? '',
        name: p.metadata?.name ?? '',
      }));
      if (!pods.length) {
        return vscode.window.showInformationMessage(`SpinKube: ${t.name} has no pods to follow.`);
      }
      return logViews(deps).follow(`${t.namespace}/${t.name}`, t.name, session(deps).transport, pods);
    }),
  'spinkube.cluster.stopLogs': (deps) => () => {
    if (!logViews(deps).stopActive()) {
      void vscode.window.showInformationMessage('SpinKube: no logs are being followed.');
    }
  },
  'spinkube.cluster.scale': (deps) => (arg) =>
    withTarget(deps, arg, async (t) => {
      const current = deps.cluster.connection.model?.app(t.appKey ?? '')?.object.spec?.replicas;
      const text = await vscode.window.showInputBox({
        title: `Scale ${t.name}`,
        prompt: 'Number of replicas',
        value: String(current ?? 1),
        validateInput: (v) => {
          const r = validReplicas(v);
          return typeof r === 'string' ? r : undefined;
        },
      });
      if (text === undefined) return undefined;
      const replicas = validReplicas(text);
      if (typeof replicas === 'string') return undefined;
      const group = deps.cluster.connection.model?.apiGroup ?? SPINKUBE_GROUP;
      await scaleSpinApp(session(deps).transport, group, t.namespace ?? 'default', t.name, replicas).catch(
        (e: unknown) => {
          throw new Error(`Could not scale ${t.name}: ${explain(e)}`);
        },
      );
      return vscode.window.setStatusBarMessage(`SpinKube: ${t.name} scaled to ${replicas}`, 4000);
    }),
  'spinkube.cluster.restart': (deps) => (arg) =>
    withTarget(deps, arg, async (t) => {
      const group = deps.cluster.connection.model?.apiGroup ?? SPINKUBE_GROUP;
      await restartSpinApp(session(deps).transport, group, t.namespace ?? 'default', t.name).catch(
        (e: unknown) => {
          throw new Error(`Could not restart ${t.name}: ${explain(e)}`);
        },
      );
      return vscode.window.setStatusBarMessage(`SpinKube: restarting ${t.name} (new pods roll out)`, 4000);
    }),
  'spinkube.cluster.delete': (deps) => (arg) =>
    withTarget(deps, arg, async (t) => {
      const what = `${t.kind.kind} ${t.namespace ? `${t.namespace}/` : ''}${t.name}`;
      const answer = await vscode.window.showWarningMessage(
        `Delete ${what}?`,
        {
          modal: true,
          detail: t.kind.kind === 'SpinApp' ? 'Its Deployment, Service and pods go with it.' : undefined,
        },
        'Delete',
      );
      if (answer !== 'Delete') return undefined;
      await deleteObject(session(deps).transport, t.kind, t.namespace, t.name).catch((e: unknown) => {
        throw new Error(`Could not delete ${what}: ${explain(e)}`);
      });
      return vscode.window.setStatusBarMessage(`SpinKube: deleted ${what}`, 4000);
    }),
  'spinkube.cluster.portForward': (deps) => (arg) =>
    withTarget(deps, arg, async (t) => portForwards(deps).start(t, await appPods(deps, t))),
  'spinkube.cluster.listPortForwards': (deps) => async () => {
    await portForwards(deps).showList();
    return portForwards(deps).list();
  },
  'spinkube.cluster.stopPortForward': (deps) => async (arg) => {
    const key = typeof arg === 'string' ? arg : undefined;
    const all = portForwards(deps).list();
    const chosen =
      key ??
      (all.length === 1
        ? all[0]?.key
        : await vscode.window.showQuickPick(
            all.map((e) => e.key),
            { placeHolder: 'Port-forward to stop' },
          ));
    return chosen ? portForwards(deps).stop(chosen) : false;
  },
  'spinkube.cluster.copyImage': (deps) => (arg) =>
    withTarget(deps, arg, async (t) => {
      const image =
        deps.cluster.connection.model?.app(t.appKey ?? '')?.object.spec?.image ??
        (
          await session(deps)
            .transport.request<SpinApp>({ path: t.apiPath })
            .catch(() => undefined)
        )?.spec?.image;
      if (!image) throw new Error(`${t.name} has no image reference.`);
      await vscode.env.clipboard.writeText(image);
      return vscode.window.setStatusBarMessage(`SpinKube: copied ${image}`, 4000);
    }),
  'spinkube.cluster.revealManifest': (deps) => (arg) => withTarget(deps, arg, (t) => revealManifest(t.name)),
};
