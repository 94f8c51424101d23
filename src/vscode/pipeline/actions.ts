// Build, Push, Scaffold SpinApp YAML, Apply current YAML and Undeploy, for the VS Code commands.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { loadAppManifest } from '../../pipeline/appManifest';
import { buildApp } from '../../pipeline/build/buildApp';
import { applyObjects, deploySpinApp, isOurs, objectsFromYaml, undeploy } from '../../pipeline/deploy';
import { SPINKUBE_GROUP, resourcePath, spinAppKind, type KubeObject } from '../../cluster/kinds';
import { PipelineError } from '../../pipeline/events';
import { parseReference, pushApp } from '../../pipeline/oci/push';
import { scaffoldSpinApp, ScaffoldError } from '../../pipeline/scaffold';
import type { DeployServices } from './deploy';
import { chooseManifest, chooseNamespace, chooseReference } from './inputs';

export interface ManifestArgs {
  readonly manifest?: string | vscode.Uri;
}

function manifestArg(arg: unknown): string | vscode.Uri | undefined {
  if (arg instanceof vscode.Uri || typeof arg === 'string') return arg;
  if (typeof arg === 'object' && arg !== null) return (arg as ManifestArgs).manifest;
  return undefined;
}

export async function runBuild(
  services: DeployServices,
  arg: unknown,
): Promise<{ built: readonly string[] }> {
  if (!vscode.workspace.isTrusted) {
    throw new PipelineError(
      'untrusted',
      'This folder is not trusted: SpinKube does not run its build commands. Trust the folder to build.',
    );
  }
  const manifest = await chooseManifest(manifestArg(arg));
  const config = vscode.workspace.getConfiguration('spinkube');
  const spinPath = config.get<string>('spinPath', '');
  return services.reporter.run(
    `Building ${vscode.workspace.asRelativePath(manifest)}`,
    ({ signal, onEvent }) =>
      buildApp({
        manifestPath: manifest.fsPath,
        trusted: vscode.workspace.isTrusted,
        useSpinCli: config.get<string>('build.tool', 'builtin') === 'spin',
        ...(spinPath && { spinPath }),
        signal,
        onEvent,
      }),
  );
}

export async function runPush(
  services: DeployServices,
  arg: unknown,
): Promise<{ digest: string; reference: string }> {
  const manifest = await chooseManifest(manifestArg(arg));
  const app = await loadAppManifest(manifest.fsPath);
  const given =
    typeof arg === 'object' && arg !== null ? (arg as { reference?: string }).reference : undefined;
  const reference = await chooseReference(services.state, manifest, given, app.name);
  const registry = parseReference(reference).registry;
  const credentials = await services.credentials.get(registry);
  const insecureHosts = vscode.workspace
    .getConfiguration('spinkube')
    .get<string[]>('registry.insecureHosts', []);
  return services.reporter.run(`Pushing ${app.name}`, async ({ signal, onEvent }) => {
    const pushed = await pushApp({
      manifestPath: manifest.fsPath,
      reference,
      insecureHosts,
      ...(credentials && { credentials }),
      signal,
      onEvent,
    });
    return { digest: pushed.digest, reference: pushed.reference };
  });
}

export interface ScaffoldArgs extends ManifestArgs {
  readonly reference?: string;
  /** 'untitled' opens a new editor; 'file' writes spinapp.yaml next to spin.toml. Asked when absent. */
  readonly target?: 'untitled' | 'file';
  readonly executor?: string;
}

export async function runScaffold(
  services: DeployServices,
  arg: unknown,
): Promise<{ yaml: string; uri: string }> {
  const args: ScaffoldArgs =
    typeof arg === 'object' && arg !== null && !(arg instanceof vscode.Uri) ? (arg as ScaffoldArgs) : {};
  const manifest = await chooseManifest(manifestArg(arg));
  const app = await loadAppManifest(manifest.fsPath);
  const reference = await chooseReference(services.state, manifest, args.reference, app.name);
  const required = [...app.variables].filter(([, v]) => v.required).map(([name]) => name);
  let yaml: string;
  try {
    yaml = scaffoldSpinApp({
      image: reference,
      requiredVariables: required,
      ...(args.executor && { executor: args.executor }),
    }).yaml;
  } catch (error) {
    if (error instanceof ScaffoldError) throw new PipelineError('usage', error.message);
    throw error;
  }
  let target = args.target;
  if (!target) {
    const picked = await vscode.window.showQuickPick(
      [
        { label: 'Open in a new editor', target: 'untitled' as const },
        { label: 'Write spinapp.yaml next to spin.toml', target: 'file' as const },
      ],
      { placeHolder: 'Where should the SpinApp YAML go?' },
    );
    if (!picked) throw new PipelineError('cancelled', 'Scaffold cancelled.');
    target = picked.target;
  }
  if (target === 'file') {
    const uri = vscode.Uri.file(path.join(path.dirname(manifest.fsPath), 'spinapp.yaml'));
    await vscode.workspace.fs.writeFile(uri, Buffer.from(yaml, 'utf8'));
    await vscode.window.showTextDocument(uri, { preview: false });
    return { yaml, uri: uri.toString() };
  }
  const doc = await vscode.workspace.openTextDocument({ language: 'yaml', content: yaml });
  await vscode.window.showTextDocument(doc, { preview: false });
  return { yaml, uri: doc.uri.toString() };
}

export interface ApplyArgs {
  /** YAML text to apply instead of the active editor's. */
  readonly yaml?: string;
  readonly namespace?: string;
  readonly force?: boolean;
  readonly wait?: boolean;
}

export async function runApply(
  services: DeployServices,
  arg: unknown,
): Promise<{ applied: string[]; state: string; message: string }> {
  const args: ApplyArgs =
    typeof arg === 'object' && arg !== null && !(arg instanceof vscode.Uri) ? (arg as ApplyArgs) : {};
  let text = args.yaml;
  let source = 'the YAML';
  if (text === undefined) {
    const editor = vscode.window.activeTextEditor;
    const document =
      arg instanceof vscode.Uri ? await vscode.workspace.openTextDocument(arg) : editor?.document;
    if (!document) throw new PipelineError('usage', 'Open the YAML to apply first.');
    text = document.getText();
    source = vscode.workspace.asRelativePath(document.uri);
  }
  const objects = objectsFromYaml(text, source);
  const session = services.clusters.session();
  const namespace = chooseNamespace(session, args.namespace);
  const hasSpinApp = objects.some((o) => o.kind === 'SpinApp');
  return services.reporter.run(`Applying ${source}`, async ({ signal, onEvent }) => {
    const force = args.force ?? false;
    if (hasSpinApp) {
      const result = await deploySpinApp(session, objects, {
        namespace,
        force,
        wait: args.wait !== false,
        signal,
        onEvent,
      });
      services.clusters.refreshExplorer();
      return {
        applied: result.applied.map((a) => `${a.kind}/${a.name}`),
        state: result.rollout?.state ?? 'applied',
        message: result.rollout?.message ?? `Applied to namespace ${result.namespace}.`,
      };
    }
    const applied = await applyObjects(session, objects, { namespace, force, signal, onEvent });
    services.clusters.refreshExplorer();
    const names = applied.map((a) => `${a.kind}/${a.name}`);
    return { applied: names, state: 'applied', message: `Applied ${names.join(', ')}.` };
  });
}

export interface UndeployArgs {
  readonly name?: string;
  readonly namespace?: string;
  /** false: do not ask for confirmation (scripts and tests). */
  readonly confirm?: boolean;
}

/** The name/namespace of an explorer item or argument object, when it has them. */
function appFromArg(arg: unknown): UndeployArgs {
  if (typeof arg !== 'object' || arg === null) return {};
  const a = arg as {
    name?: unknown;
    namespace?: unknown;
    confirm?: unknown;
    app?: { name?: unknown; namespace?: unknown };
  };
  const name = typeof a.name === 'string' ? a.name : typeof a.app?.name === 'string' ? a.app.name : undefined;
  const namespace =
    typeof a.namespace === 'string'
      ? a.namespace
      : typeof a.app?.namespace === 'string'
        ? a.app.namespace
        : undefined;
  return {
    ...(name && { name }),
    ...(namespace && { namespace }),
    ...(a.confirm === false && { confirm: false }),
  };
}

export async function runUndeploy(
  services: DeployServices,
  arg: unknown,
): Promise<{ deleted: readonly string[]; leftInPlace: readonly string[] } | undefined> {
  const args = appFromArg(arg);
  const session = services.clusters.session();
  const namespace = chooseNamespace(session, args.namespace);
  const name = args.name ?? (await pickOurApp(services, namespace));
  if (args.confirm !== false) {
    const answer = await vscode.window.showWarningMessage(
      `Undeploy SpinApp "${name}" from namespace ${namespace}? Its Deployment, Service and pods are removed with it.`,
      { modal: true },
      'Undeploy',
    );
    if (answer !== 'Undeploy') return undefined;
  }
  const result = await services.reporter.run(`Undeploying ${name}`, ({ onEvent }) =>
    undeploy(session, { name, namespace, onEvent }),
  );
  services.clusters.refreshExplorer();
  const undeployed = `SpinKube: undeployed ${result.deleted.join(', ')} from ${namespace}.`;
  if (result.leftInPlace.length > 0) {
    // Companions it could not check (not allowed to read them) may still be there.
    void vscode.window.showWarningMessage(
      `${undeployed} Left in place, as SpinKube could not check them: ${result.leftInPlace.join(', ')}. Delete them with kubectl if they are no longer needed (the Output channel says why).`,
    );
  } else {
    void vscode.window.showInformationMessage(undeployed);
  }
  return { deleted: result.deleted, leftInPlace: result.leftInPlace };
}

async function pickOurApp(services: DeployServices, namespace: string): Promise<string> {
  const session = services.clusters.session();
  const group = (await session.spinKubeGroup()) ?? SPINKUBE_GROUP;
  const list = await session.transport.request<{ items?: KubeObject[] }>({
    path: resourcePath(spinAppKind(group), namespace),
  });
  const ours = (list?.items ?? [])
    .filter(isOurs)
    .map((o) => o.metadata?.name ?? '')
    .filter((n) => n);
  if (ours.length === 0) {
    throw new PipelineError('usage', `No SpinApp deployed by SpinKube in namespace ${namespace}.`);
  }
  const picked = await vscode.window.showQuickPick(ours, {
    placeHolder: `Undeploy which SpinApp from ${namespace}?`,
  });
  if (!picked) throw new PipelineError('cancelled', 'Undeploy cancelled.');
  return picked;
}
