// The Deploy command: build → push → SpinApp (spinapp.yaml next to spin.toml, else scaffolded) →
// apply → wait for ready, under one cancellable progress notification; asks only what it cannot
// infer, and shows the result with actions.
import * as vscode from 'vscode';
import { loadAppManifest } from '../../pipeline/appManifest';
import { buildApp } from '../../pipeline/build/buildApp';
import { deploySpinApp, objectsFromYaml, type DeployCluster } from '../../pipeline/deploy';
import type { KubeObject } from '../../cluster/kinds';
import { PipelineError, type PipelineListener } from '../../pipeline/events';
import { parseReference, pushApp } from '../../pipeline/oci/push';
import { scaffoldSpinApp, ScaffoldError, type ScaffoldOptions } from '../../pipeline/scaffold';
import type { PipelineClusters } from './cluster';
import type { RegistryCredentialStore } from './credentials';
import { chooseExecutor, chooseManifest, chooseNamespace, chooseReference } from './inputs';
import type { PipelineRunReporter } from './run';

/** Arguments of `spinkube.deploy` (all optional; a Uri from a menu counts as `manifest`). */
export interface DeployArgs {
  readonly manifest?: string | vscode.Uri;
  /** Image reference to push to and deploy, e.g. `localhost:5000/hello:dev`. */
  readonly reference?: string;
  readonly namespace?: string;
  readonly executor?: string;
  readonly skipBuild?: boolean;
  readonly skipPush?: boolean;
  /** Follow the rollout until available (default true). */
  readonly wait?: boolean;
  readonly timeoutSeconds?: number;
  readonly force?: boolean;
}

export interface DeployOutcome {
  readonly state: 'ready' | 'unfollowable' | 'applied';
  readonly name: string;
  readonly namespace: string;
  readonly image: string;
  readonly message: string;
  readonly digest?: string;
}

/** What a Deploy applies once it has built and pushed: kept so that Force can apply it again. */
export interface PreparedDeploy {
  readonly session: DeployCluster;
  readonly objects: readonly KubeObject[];
  readonly namespace: string;
  readonly image: string;
  readonly digest?: string;
  readonly wait: boolean;
  readonly timeoutMs: number;
}

/** An apply conflict met by a Deploy after its build and push: carries what to apply with force. */
export class DeployApplyConflict extends PipelineError {
  constructor(
    conflict: PipelineError,
    readonly prepared: PreparedDeploy,
  ) {
    super('apply-conflict', conflict.message, conflict.evidence);
  }
}

export interface DeployServices {
  readonly state: vscode.Memento;
  readonly clusters: PipelineClusters;
  readonly credentials: RegistryCredentialStore;
  readonly reporter: PipelineRunReporter;
}

export function deployArgsFrom(arg: unknown): DeployArgs {
  if (arg instanceof vscode.Uri) return { manifest: arg };
  if (typeof arg === 'object' && arg !== null) return arg as DeployArgs;
  return {};
}

export async function runDeploy(services: DeployServices, args: DeployArgs): Promise<DeployOutcome> {
  const manifestUri = await chooseManifest(args.manifest);
  const app = await loadAppManifest(manifestUri.fsPath);
  const session = services.clusters.session();
  const namespace = chooseNamespace(session, args.namespace);
  const executor = await chooseExecutor(session, namespace, args.executor);
  const reference = await chooseReference(services.state, manifestUri, args.reference, app.name);
  const required = [...app.variables].filter(([, v]) => v.required).map(([name]) => name);
  const config = vscode.workspace.getConfiguration('spinkube');
  const timeoutSeconds = args.timeoutSeconds ?? config.get<number>('deploy.timeoutSeconds', 300);
  const useSpinCli = config.get<string>('build.tool', 'builtin') === 'spin';
  const spinPath = config.get<string>('spinPath', '');

  return services.reporter.run(`Deploying ${app.name}`, async ({ signal, onEvent }) => {
    if (!args.skipBuild) {
      await buildApp({
        manifestPath: manifestUri.fsPath,
        trusted: vscode.workspace.isTrusted,
        useSpinCli,
        ...(spinPath && { spinPath }),
        signal,
        onEvent,
      });
    }
    let image = reference;
    let digest: string | undefined;
    if (!args.skipPush) {
      const registry = registryOf(reference);
      const credentials = registry ? await services.credentials.get(registry) : undefined;
      const pushed = await pushApp({
        manifestPath: manifestUri.fsPath,
        reference,
        insecureHosts: config.get<string[]>('registry.insecureHosts', []),
        ...(credentials && { credentials }),
        signal,
        onEvent,
      });
      // Deploying the digest makes every changed push a new rollout, even under the same tag.
      image = pushed.digestReference;
      digest = pushed.digest;
    }
    const objects =
      (await objectsBesideManifest(manifestUri, image, args.executor)) ??
      scaffoldObjects({ image, executor, namespace, requiredVariables: required });
    const prepared: PreparedDeploy = {
      session,
      objects,
      namespace,
      image,
      ...(digest && { digest }),
      wait: args.wait !== false,
      timeoutMs: timeoutSeconds * 1000,
    };
    try {
      return await applyPrepared(services, prepared, args.force ?? false, signal, onEvent);
    } catch (error) {
      if (error instanceof PipelineError && error.kind === 'apply-conflict') {
        throw new DeployApplyConflict(error, prepared);
      }
      throw error;
    }
  });
}

/**
 * Applies again, with force, what a Deploy built and pushed before its apply met a conflict:
 * no build, no push — the same objects (and image) to the same cluster, then the rollout.
 */
export function runForcedApply(services: DeployServices, prepared: PreparedDeploy): Promise<DeployOutcome> {
  const name = prepared.objects.find((o) => o.kind === 'SpinApp')?.metadata?.name ?? 'the SpinApp';
  return services.reporter.run(`Applying ${name} with force`, ({ signal, onEvent }) =>
    applyPrepared(services, prepared, true, signal, onEvent),
  );
}

async function applyPrepared(
  services: DeployServices,
  prepared: PreparedDeploy,
  force: boolean,
  signal: AbortSignal,
  onEvent: PipelineListener,
): Promise<DeployOutcome> {
  const result = await deploySpinApp(prepared.session, prepared.objects, {
    namespace: prepared.namespace,
    wait: prepared.wait,
    timeoutMs: prepared.timeoutMs,
    force,
    signal,
    onEvent,
  });
  services.clusters.refreshExplorer();
  return {
    state: result.rollout?.state ?? 'applied',
    name: result.name,
    namespace: result.namespace,
    image: prepared.image,
    message: result.rollout?.message ?? `Applied SpinApp "${result.name}" to namespace ${result.namespace}.`,
    ...(prepared.digest && { digest: prepared.digest }),
  };
}

/** Names of the SpinApp YAML files Deploy uses when one lies next to spin.toml. */
const SPINAPP_FILES = ['spinapp.yaml', 'spinapp.yml'];

/**
 * The objects of `spinapp.yaml` next to spin.toml, with the SpinApp's image set to what was just
 * pushed (and its executor when one was given); undefined when there is no such file.
 */
async function objectsBesideManifest(
  manifest: vscode.Uri,
  image: string,
  executor: string | undefined,
): Promise<KubeObject[] | undefined> {
  for (const name of SPINAPP_FILES) {
    const uri = vscode.Uri.joinPath(manifest, '..', name);
    let text: string;
    try {
      text = Buffer.from(await vscode.workspace.fs.readFile(uri)).toString('utf8');
    } catch {
      continue;
    }
    const objects = objectsFromYaml(text, vscode.workspace.asRelativePath(uri));
    const app = objects.find((o) => o.kind === 'SpinApp') as
      (KubeObject & { spec?: Record<string, unknown> }) | undefined;
    if (!app) continue;
    app.spec = { ...app.spec, image, ...(executor && { executor }) };
    return objects;
  }
  return undefined;
}

function scaffoldObjects(options: ScaffoldOptions): KubeObject[] {
  try {
    return scaffoldSpinApp(options).objects.map((o) => o.object as KubeObject);
  } catch (error) {
    if (error instanceof ScaffoldError) throw new PipelineError('usage', error.message);
    throw error;
  }
}

function registryOf(reference: string): string | undefined {
  try {
    return parseReference(reference).registry;
  } catch {
    return undefined;
  }
}
