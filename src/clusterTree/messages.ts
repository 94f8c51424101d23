// Tree items that explain a state instead of listing objects: no kubeconfig, connecting,
// reconnecting, credentials rejected, forbidden, SpinKube not installed. Each offers an action.
// A 403 message expands to what the user may do (forbiddenAccess.ts).
import type { ConnectionStatus } from '../cluster/clusterConnection';
import type { Section, SectionState } from '../cluster/spinKubeModel';
import type { CacheState } from '../cluster/watchCache';
import type { TreeElement, TreeNode } from './elements';

const QUICKSTART = 'https://www.spinkube.dev/docs/install/quickstart/';

function message(
  id: string,
  node: Omit<TreeNode, 'id' | 'collapsible'> & { collapsible?: TreeNode['collapsible'] },
): TreeElement {
  return {
    kind: 'message',
    id,
    node: { id, collapsible: 'none', contextValue: 'spinkube.message', ...node },
  };
}

export function rootMessage(status: Exclude<ConnectionStatus, { phase: 'connected' }>): TreeElement {
  const id = `msg:root:${status.phase}`;
  const openSetting = {
    command: 'workbench.action.openSettings',
    title: 'Choose a kubeconfig',
    arguments: ['spinkube.kubeconfig'],
  };
  switch (status.phase) {
    case 'noKubeconfig':
      return message(id, {
        label: 'No kubeconfig found',
        description: 'set spinkube.kubeconfig or KUBECONFIG',
        icon: { id: 'warning', color: 'list.warningForeground' },
        tooltip: `${status.message}\n\nClick to set spinkube.kubeconfig; see ${QUICKSTART} to create a cluster.`,
        command: openSetting,
        state: 'noKubeconfig',
      });
    case 'invalidKubeconfig':
      return message(id, {
        label: 'The kubeconfig cannot be used',
        description: status.message,
        icon: { id: 'error', color: 'testing.iconFailed' },
        tooltip: status.message,
        command: openSetting,
        state: 'invalidKubeconfig',
      });
    case 'noContext':
      return message(id, {
        label: 'No context in the kubeconfig',
        description: 'choose one',
        icon: { id: 'warning', color: 'list.warningForeground' },
        tooltip: status.message,
        command: { command: 'spinkube.cluster.switchContext', title: 'Switch Kubernetes Context' },
        state: 'noContext',
      });
  }
}

/** The message item shown at the top of a section, or undefined when the section is simply ready. */
export function messageFor(section: Section, state: SectionState): TreeElement | undefined {
  const id = `msg:${section}:${state.phase}`;
  const retry = { command: 'spinkube.cluster.refresh', title: 'Retry' };
  switch (state.phase) {
    case 'ready':
    case 'idle':
      return undefined;
    case 'connecting':
      return message(id, { label: 'Connecting…', icon: { id: 'loading~spin' }, state: 'connecting' });
    case 'reconnecting':
      return message(id, {
        label: 'Reconnecting…',
        description: `attempt ${state.attempt}: ${state.reason}`,
        icon: { id: 'loading~spin' },
        tooltip: `The connection to the cluster failed; retrying with backoff (attempt ${state.attempt}). What is shown may be out of date.\n\n${state.reason}`,
        command: retry,
        state: 'reconnecting',
      });
    case 'notInstalled':
      return message(id, {
        label: 'SpinKube is not installed',
        description: 'open the quickstart',
        icon: { id: 'warning', color: 'list.warningForeground' },
        tooltip: `${state.message}\n\nInstall the spin-operator CRDs and operator: ${QUICKSTART}`,
        command: { command: 'vscode.open', title: 'Open the SpinKube quickstart', arguments: [QUICKSTART] },
        state: 'notInstalled',
      });
    case 'error': {
      const [label, action] =
        state.kind === 'unauthorized'
          ? ['Credentials rejected (401)', 'log in again, then click to retry']
          : state.kind === 'forbidden'
            ? ['Not allowed (403)', 'click to switch context']
            : state.kind === 'notFound'
              ? ['SpinKube is not installed', 'click to retry']
              : ['Cannot list', 'click to retry'];
      const forbidden = state.kind === 'forbidden';
      return message(id, {
        label,
        description: `${action} · ${state.message}`,
        icon: { id: 'error', color: 'testing.iconFailed' },
        tooltip: state.message,
        command: forbidden
          ? { command: 'spinkube.cluster.switchContext', title: 'Switch Kubernetes Context' }
          : retry,
        state: `error:${state.kind}`,
        // under a 403, what the user may do instead (see forbiddenAccess.ts)
        collapsible: forbidden ? 'expanded' : 'none',
      });
    }
  }
}

/** The message above (or instead of) an expanded node's pods; undefined when pods are listed. */
export function nodePodsMessage(
  node: string,
  state: CacheState,
  count: number,
  namespaces: readonly string[],
): TreeElement | undefined {
  const id = `msg:node:${node}`;
  const where = namespaces.length ? ` in ${namespaces.join(', ')}` : '';
  switch (state.phase) {
    case 'idle':
    case 'connecting':
      return message(id, { label: 'Listing pods…', icon: { id: 'loading~spin' }, state: 'connecting' });
    case 'reconnecting':
      return message(id, {
        label: 'Reconnecting…',
        description: `attempt ${state.attempt}: ${state.reason}`,
        icon: { id: 'loading~spin' },
        tooltip: `The pod watch of this node failed; retrying. What is shown may be out of date.\n\n${state.reason}`,
        state: 'reconnecting',
      });
    case 'error':
      return message(id, {
        label: state.kind === 'forbidden' ? 'Not allowed to list pods (403)' : 'Cannot list pods',
        description: state.message,
        icon: { id: 'error', color: 'testing.iconFailed' },
        tooltip: state.message,
        command: { command: 'spinkube.cluster.refresh', title: 'Retry' },
        state: `error:${state.kind}`,
        collapsible: state.kind === 'forbidden' ? 'expanded' : 'none',
      });
    case 'ready':
      return count
        ? undefined
        : message(id, { label: `No pods on this node${where}`, icon: { id: 'info' }, state: 'empty' });
  }
}
