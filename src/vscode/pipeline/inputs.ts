// What Deploy (and Push, Scaffold) must know, asked only when it cannot be inferred: which
// spin.toml, which image repository (remembered per workspace), which namespace and executor.
import * as vscode from 'vscode';
import type { ClusterSession } from '../../cluster/session';
import { SPINKUBE_GROUP, resourcePath, spinAppExecutorKind } from '../../cluster/kinds';
import { PipelineError } from '../../pipeline/events';
import { parseReference } from '../../pipeline/oci/push';

const REPOSITORY_KEY = 'spinkube.deploy.repository';
const DEFAULT_EXECUTOR = 'containerd-shim-spin';

function cancelled(what: string): PipelineError {
  return new PipelineError('cancelled', `No ${what} chosen.`);
}

/** A path or URI given as a command argument, or the spin.toml of the active editor, or the only one, or a pick. */
export async function chooseManifest(given: unknown): Promise<vscode.Uri> {
  if (given instanceof vscode.Uri) return given;
  if (typeof given === 'string' && given) {
    return given.includes('://') ? vscode.Uri.parse(given) : vscode.Uri.file(given);
  }
  const active = vscode.window.activeTextEditor?.document.uri;
  if (active && active.path.endsWith('/spin.toml')) return active;
  const found = await vscode.workspace.findFiles(
    '**/spin.toml',
    '**/{node_modules,target,.git,.spin}/**',
    50,
  );
  if (found.length === 0) throw new PipelineError('manifest', 'No spin.toml in this workspace.');
  if (found.length === 1 && found[0]) return found[0];
  const picked = await vscode.window.showQuickPick(
    found
      .map((uri) => ({ label: vscode.workspace.asRelativePath(uri), uri }))
      .sort((a, b) => a.label.localeCompare(b.label)),
    { placeHolder: 'Which Spin app?', ignoreFocusOut: true },
  );
  if (!picked) throw cancelled('spin.toml');
  return picked.uri;
}

/** The image reference to push to: given, remembered for this manifest, the setting, or asked (then remembered). */
export async function chooseReference(
  state: vscode.Memento,
  manifest: vscode.Uri,
  given: string | undefined,
  appName: string,
): Promise<string> {
  const key = `${REPOSITORY_KEY}:${manifest.toString()}`;
  if (given) {
    await state.update(key, given);
    return given;
  }
  const remembered = state.get<string>(key);
  if (remembered) return remembered;
  const setting = vscode.workspace.getConfiguration('spinkube').get<string>('registry.repository', '');
  const value = await vscode.window.showInputBox({
    title: 'SpinKube: image repository',
    prompt: `Where to push ${appName} (e.g. ghcr.io/you/${appName}:latest or localhost:5000/${appName}:dev). Remembered for this workspace.`,
    value: setting ? `${setting.replace(/\/+$/, '')}` : '',
    ignoreFocusOut: true,
    validateInput: (text) => referenceProblem(text),
  });
  if (!value) throw cancelled('image repository');
  await state.update(key, value.trim());
  return value.trim();
}

export function referenceProblem(text: string): string | undefined {
  try {
    parseReference(text.trim());
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** The namespace: given, the setting, else the context's namespace. */
export function chooseNamespace(session: ClusterSession, given: string | undefined): string {
  const setting = vscode.workspace.getConfiguration('spinkube').get<string>('deploy.namespace', '');
  return given || setting || session.defaultNamespace;
}

/** The executor: given, the setting, the only one in the namespace, `containerd-shim-spin` when it is there, else a pick. */
export async function chooseExecutor(
  session: ClusterSession,
  namespace: string,
  given: string | undefined,
): Promise<string> {
  const setting = vscode.workspace.getConfiguration('spinkube').get<string>('deploy.executor', '');
  if (given || setting) return given || setting;
  const names = await listExecutors(session, namespace);
  if (names.length === 0) return DEFAULT_EXECUTOR;
  if (names.length === 1 && names[0]) return names[0];
  if (names.includes(DEFAULT_EXECUTOR)) return DEFAULT_EXECUTOR;
  const picked = await vscode.window.showQuickPick(names, {
    placeHolder: `Which SpinAppExecutor in ${namespace}?`,
    ignoreFocusOut: true,
  });
  if (!picked) throw cancelled('executor');
  return picked;
}

async function listExecutors(session: ClusterSession, namespace: string): Promise<string[]> {
  try {
    const group = (await session.spinKubeGroup()) ?? SPINKUBE_GROUP;
    const list = await session.transport.request<{ items?: { metadata?: { name?: string } }[] }>({
      path: resourcePath(spinAppExecutorKind(group), namespace),
    });
    return (list?.items ?? []).map((i) => i.metadata?.name ?? '').filter((n) => n);
  } catch {
    return [];
  }
}
