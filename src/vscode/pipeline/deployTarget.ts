// Where a Deploy goes, said before it goes there: the first Deploy of a workspace to a context —
// and every Deploy to a context that looks like production or is listed in
// `spinkube.deploy.confirmContexts` — shows context, namespace, executor and image in one quick
// pick with "Deploy" and "Change…" entries.
import * as vscode from 'vscode';
import { PipelineError } from '../../pipeline/events';

export interface DeployTarget {
  readonly appName: string;
  readonly context: string;
  readonly server: string;
  readonly namespace: string;
  readonly executor: string;
  readonly reference: string;
}

/** What "Change…" entries do: each returns the target with one part changed (or throws cancelled). */
export interface TargetChanges {
  readonly reference: (target: DeployTarget) => Promise<DeployTarget>;
  readonly namespace: (target: DeployTarget) => Promise<DeployTarget>;
  readonly executor: (target: DeployTarget) => Promise<DeployTarget>;
}

const CONFIRMED_KEY = 'spinkube.deploy.confirmedContexts';
const PRODUCTION = /(^|[^a-z])(prod|production|prd|live)([^a-z]|$)/i;

/** Whether a context's name or API server suggests production. */
export function looksLikeProduction(context: string, server: string): boolean {
  let host = server;
  try {
    host = new URL(server).hostname;
  } catch {
    // not a URL: match what is there
  }
  return PRODUCTION.test(context) || PRODUCTION.test(host);
}

/** `sample-app to kind-prod / default` */
export function targetTitle(target: Pick<DeployTarget, 'appName' | 'context' | 'namespace'>): string {
  return `${target.appName} to ${target.context} / ${target.namespace}`;
}

/**
 * Why this Deploy must be confirmed, or undefined when it may go ahead silently. A Deploy started
 * with its image given (a script, a test) is only stopped for a production context.
 */
function reasonToAsk(state: vscode.Memento, target: DeployTarget, interactive: boolean): string | undefined {
  const listed = vscode.workspace.getConfiguration('spinkube').get<string[]>('deploy.confirmContexts', []);
  if (listed.includes(target.context)) {
    return `${target.context} is listed in spinkube.deploy.confirmContexts`;
  }
  if (looksLikeProduction(target.context, target.server)) return `${target.context} looks like production`;
  const confirmed = state.get<string[]>(CONFIRMED_KEY, []);
  if (interactive && !confirmed.includes(target.context)) {
    return `first Deploy of this workspace to ${target.context}`;
  }
  return undefined;
}

interface TargetItem extends vscode.QuickPickItem {
  readonly action: 'deploy' | keyof TargetChanges;
}

export interface ConfirmOptions {
  /** true: always show the target; false: never; undefined: when reasonToAsk says so. */
  readonly ask: boolean | undefined;
  /** Started from the palette or a menu (not with its image given by a script). */
  readonly interactive: boolean;
}

/**
 * Shows the target when it must be confirmed, lets the user change its parts, and returns what to
 * deploy to; remembers that this workspace has deployed to the context.
 */
export async function confirmDeployTarget(
  state: vscode.Memento,
  initial: DeployTarget,
  changes: TargetChanges,
  { ask, interactive }: ConfirmOptions,
): Promise<DeployTarget> {
  let target = initial;
  const reason = reasonToAsk(state, target, interactive);
  if (ask === false || (ask === undefined && reason === undefined)) return target;
  for (;;) {
    const items: TargetItem[] = [
      {
        label: '$(rocket) Deploy',
        description: targetTitle(target),
        detail: `executor ${target.executor} · image ${target.reference}`,
        action: 'deploy',
      },
      { label: '$(edit) Change Image Repository…', description: target.reference, action: 'reference' },
      { label: '$(symbol-namespace) Change Namespace…', description: target.namespace, action: 'namespace' },
      { label: '$(server-process) Change Executor…', description: target.executor, action: 'executor' },
    ];
    const picked = await vscode.window.showQuickPick(items, {
      title: `SpinKube: Deploy ${targetTitle(target)}?`,
      placeHolder: reason ? `Deploy? (${reason})` : 'Deploy?',
      ignoreFocusOut: true,
    });
    if (!picked) throw new PipelineError('cancelled', 'Deploy cancelled.');
    if (picked.action === 'deploy') break;
    target = await changes[picked.action](target);
  }
  const confirmed = state.get<string[]>(CONFIRMED_KEY, []);
  if (!confirmed.includes(target.context)) await state.update(CONFIRMED_KEY, [...confirmed, target.context]);
  return target;
}
