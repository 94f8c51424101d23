// The pipeline in VS Code: Build, Push, Deploy, Scaffold, Apply, Undeploy and registry
// credentials, the `spin` task type, and the live status-bar item. Created once in activate().
import * as vscode from 'vscode';
import { PipelineError } from '../../pipeline/events';
import { parseReference } from '../../pipeline/oci/push';
import { runApply, runBuild, runPush, runScaffold, runUndeploy } from './actions';
import { PipelineClusters, type PipelineClusterSource } from './cluster';
import { credentialAnswersFrom, RegistryCredentialStore } from './credentials';
import {
  DeployApplyConflict,
  deployArgsFrom,
  runDeploy,
  runForcedApply,
  type DeployArgs,
  type DeployOutcome,
  type DeployServices,
} from './deploy';
import { failureResult, showDeployed, showPipelineFailure } from './results';
import { PipelineRunReporter } from './run';

export type CommandResult<T> = T | ReturnType<typeof failureResult> | undefined;

export interface PipelineFeature {
  deploy(arg?: unknown): Promise<CommandResult<DeployOutcome>>;
  build(arg?: unknown): Promise<CommandResult<{ built: readonly string[] }>>;
  push(arg?: unknown): Promise<CommandResult<{ digest: string; reference: string }>>;
  scaffold(arg?: unknown): Promise<CommandResult<{ yaml: string; uri: string }>>;
  apply(arg?: unknown): Promise<CommandResult<{ applied: string[]; state: string; message: string }>>;
  undeploy(arg?: unknown): Promise<CommandResult<{ deleted: readonly string[] }>>;
  setRegistryCredentials(arg?: unknown): Promise<string | undefined>;
  /**
   * What the "Apply with Force" button of the last apply-conflict notification runs (undefined
   * when the last failure offered none): for Deploy, only the apply of what it already pushed.
   */
  retryWithForce(): Promise<CommandResult<unknown>>;
  /** The outcome of the last Deploy (for the API and tests). */
  readonly lastDeploy: DeployOutcome | undefined;
  /** Text of the status-bar item (visible while a pipeline runs). */
  readonly statusText: string;
}

export function createPipelineFeature(
  context: vscode.ExtensionContext,
  output: vscode.LogOutputChannel,
  cluster: PipelineClusterSource,
): PipelineFeature {
  const reporter = new PipelineRunReporter(output);
  const clusters = new PipelineClusters(cluster);
  const credentials = new RegistryCredentialStore(context.secrets);
  const services: DeployServices = { state: context.workspaceState, clusters, credentials, reporter };
  context.subscriptions.push(reporter, clusters);
  let lastDeploy: DeployOutcome | undefined;
  let forceRetry: (() => Promise<CommandResult<unknown>>) | undefined;

  /**
   * Runs a command body; failures are shown and returned as data. An apply conflict offers
   * "Apply with Force", which runs what `withForce` makes of the failure.
   */
  async function guarded<T>(
    body: () => Promise<T>,
    withForce?: (error: unknown) => () => Promise<CommandResult<unknown>>,
  ): Promise<CommandResult<T>> {
    forceRetry = undefined;
    try {
      return await body();
    } catch (error) {
      const conflict = error instanceof PipelineError && error.kind === 'apply-conflict';
      const retry = conflict && withForce ? withForce(error) : undefined;
      forceRetry = retry;
      showPipelineFailure(error, output, retry && (() => void retry()));
      return failureResult(error);
    }
  }

  function deployed(outcome: DeployOutcome): DeployOutcome {
    lastDeploy = outcome;
    const app = { kind: 'SpinApp' as const, name: outcome.name, namespace: outcome.namespace };
    if (outcome.state === 'ready') showDeployed(`SpinKube: ${outcome.message}`, app, clusters, output);
    else void vscode.window.showInformationMessage(`SpinKube: ${outcome.message}`);
    return outcome;
  }

  /** Force after a Deploy's conflict: apply again what it pushed (a conflict before that: deploy again). */
  const forceDeploy =
    (args: DeployArgs) =>
    (error: unknown): (() => Promise<CommandResult<unknown>>) =>
      error instanceof DeployApplyConflict
        ? () => guarded(async () => deployed(await runForcedApply(services, error.prepared)))
        : () => feature.deploy({ ...args, force: true });

  const feature: PipelineFeature = {
    get lastDeploy() {
      return lastDeploy;
    },
    get statusText() {
      return reporter.statusText;
    },
    deploy: (arg) => {
      const args: DeployArgs = deployArgsFrom(arg);
      return guarded(async () => deployed(await runDeploy(services, args)), forceDeploy(args));
    },
    retryWithForce: async () => {
      const retry = forceRetry;
      forceRetry = undefined;
      return retry?.();
    },
    build: (arg) => guarded(() => runBuild(services, arg)),
    push: (arg) =>
      guarded(async () => {
        const pushed = await runPush(services, arg);
        void vscode.window.showInformationMessage(`SpinKube: pushed ${pushed.reference} (${pushed.digest}).`);
        return pushed;
      }),
    scaffold: (arg) => guarded(() => runScaffold(services, arg)),
    apply: (arg) => {
      const base = typeof arg === 'object' && arg !== null && !(arg instanceof vscode.Uri) ? arg : {};
      return guarded(
        async () => {
          const result = await runApply(services, arg);
          void vscode.window.showInformationMessage(`SpinKube: ${result.message}`);
          return result;
        },
        () => () => feature.apply({ ...base, force: true }),
      );
    },
    undeploy: (arg) => guarded(() => runUndeploy(services, arg)),
    setRegistryCredentials: async (arg) => {
      const host = await credentials.prompt(suggestedRegistry(context), credentialAnswersFrom(arg));
      if (host) {
        void vscode.window.showInformationMessage(
          `SpinKube: credentials for ${host} saved in VS Code's secret storage.`,
        );
      }
      return host;
    },
  };
  return feature;
}

/** The registry of the last repository used in this workspace, to prefill the credentials prompt. */
function suggestedRegistry(context: vscode.ExtensionContext): string | undefined {
  for (const key of context.workspaceState.keys()) {
    if (!key.startsWith('spinkube.deploy.repository:')) continue;
    const value = context.workspaceState.get<string>(key);
    try {
      if (value) return parseReference(value).registry;
    } catch {
      // not a reference any more
    }
  }
  return undefined;
}
