// Commands of the cluster explorer. Each receives the tree element it was invoked on (context menu,
// inline action) or asks for a SpinApp when run from the palette.
import * as vscode from 'vscode';
import { ApiError } from '../../cluster/apiError';
import { deleteObject, restartSpinApp, scaleSpinApp, validReplicas } from '../../cluster/clusterActions';
import { APP_NAME_LABEL, Kinds, resourcePath, SPINKUBE_GROUP } from '../../cluster/kinds';
import { followPodLogs, type LogFollow } from '../../cluster/podLogs';
import { podHttpPort } from '../../cluster/podHttpPort';
import { startPortForward, type ActivePortForward } from '../../cluster/portForward';
import type { Pod, SpinApp } from '../../cluster/resources';
import { liveUri } from './liveDocuments';
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

const logFollows = new Map<string, { follow: LogFollow; channel: vscode.OutputChannel }>();
const forwards = new Map<string, ActivePortForward>();

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
      const id = `${t.namespace}/${t.name}`;
      const previous = logFollows.get(id);
      previous?.follow.stop();
      const channel = previous?.channel ?? vscode.window.createOutputChannel(`SpinKube logs: ${t.name}`);
      const prefix = pods.length > 1 || t.kind.kind !== 'Pod';
      const follow = followPodLogs(
        session(deps).transport,
        pods,
        (pod, line) => channel.appendLine(prefix ? `[${pod}] ${line}` : line),
        { onError: (pod, e) => channel.appendLine(`[${pod}] log stream ended: ${explain(e)}`) },
      );
      logFollows.set(id, { follow, channel });
      channel.show(true);
      return follow;
    }),
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
    withTarget(deps, arg, async (t) => {
      const pods = await appPods(deps, t);
      const ready = pods.find(
        (p) => p.status?.phase === 'Running' && (p.status.containerStatuses ?? []).every((c) => c.ready),
      );
      if (!ready?.metadata?.name) {
        throw new Error(
          t.kind.kind === 'Pod'
            ? `Pod ${t.name} is not running and ready: nothing to forward to.`
            : `${t.name} has no ready pod to forward to.`,
        );
      }
      const key = `${t.namespace}/${t.name}`;
      await forwards.get(key)?.close();
      const port = podHttpPort(ready);
      const pf = await startPortForward(session(deps).kubeConfig, {
        namespace: ready.metadata.namespace ?? 'default',
        pod: ready.metadata.name,
        port,
      });
      let shown = false;
      pf.onError = (e) => {
        deps.output.warn(`port-forward ${key}: ${e.message}`);
        // the browser only sees a reset connection: say why once, where the user looks
        if (!shown) void vscode.window.showWarningMessage(`SpinKube: ${e.message}`);
        shown = true;
      };
      forwards.set(key, pf);
      deps.context.subscriptions.push({ dispose: () => void pf.close() });
      deps.output.info(`port-forward ${key}: ${pf.url} → pod ${ready.metadata.name}:${port}`);
      await vscode.env.openExternal(vscode.Uri.parse(pf.url));
      return pf;
    }),
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
