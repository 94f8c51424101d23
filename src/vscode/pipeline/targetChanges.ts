// The "Change…" entries of Deploy's target quick pick: another image repository (remembered for
// the workspace, as Change Image Repository does), namespace or executor for this Deploy.
import * as vscode from 'vscode';
import type { ClusterSession } from '../../cluster/session';
import { PipelineError } from '../../pipeline/events';
import { askReference, listExecutors } from './inputs';
import type { DeployTarget, TargetChanges } from './deployTarget';

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

export function targetChanges(
  state: vscode.Memento,
  manifest: vscode.Uri,
  session: ClusterSession,
): TargetChanges {
  return {
    reference: async (target: DeployTarget) => ({
      ...target,
      reference: await askReference(state, manifest, target.appName, target.reference),
    }),
    namespace: async (target: DeployTarget) => {
      const value = await vscode.window.showInputBox({
        title: 'SpinKube: namespace to deploy to',
        value: target.namespace,
        ignoreFocusOut: true,
        validateInput: (text) =>
          DNS_LABEL.test(text.trim()) && text.trim().length <= 63
            ? undefined
            : 'A namespace is a DNS label: lowercase letters, digits and -, at most 63 characters.',
      });
      if (!value) throw new PipelineError('cancelled', 'Deploy cancelled.');
      return { ...target, namespace: value.trim() };
    },
    executor: async (target: DeployTarget) => {
      const names = await listExecutors(session, target.namespace);
      const picked = await vscode.window.showQuickPick(names.length > 0 ? names : [target.executor], {
        title: `SpinKube: SpinAppExecutor in ${target.namespace}`,
        ignoreFocusOut: true,
      });
      if (!picked) throw new PipelineError('cancelled', 'Deploy cancelled.');
      return { ...target, executor: picked };
    },
  };
}
