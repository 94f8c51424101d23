// The body of each `spinkube` command: read inputs, call the pipeline, describe the outcome.
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { KubeObject } from '../../cluster/kinds';
import { deploySpinApp, objectsFromYaml, undeploy } from '../../pipeline/deploy';
import { PipelineError, type PipelineListener } from '../../pipeline/events';
import {
  requiredVariableNames,
  scaffoldSpinApp,
  ScaffoldError,
  type ScaffoldOptions,
} from '../../pipeline/scaffold';
import {
  integerOption,
  listOption,
  pairsOption,
  stringOption,
  type OptionValues,
  type ParsedCommand,
} from './args';
import type { Reporter } from './reporter';
import { dockerConfigPath } from '../../pipeline/oci/credentials';
import { manifestExists, type CliSteps } from './steps';

/** What a command returns on success: its message and any result fields for --json. */
export interface CommandOutcome {
  readonly message: string;
  readonly [key: string]: unknown;
}

export interface CommandContext {
  readonly reporter: Reporter;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  readonly steps: CliSteps;
  readonly signal?: AbortSignal;
}

const listener =
  (ctx: CommandContext): PipelineListener =>
  (event) =>
    ctx.reporter.event(event);

function manifestPath(values: OptionValues, ctx: CommandContext): string {
  return resolve(ctx.cwd, stringOption(values, 'file') ?? 'spin.toml');
}

function readText(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'it does not exist' : String(error);
    throw new PipelineError('manifest', `Cannot read ${what} ${path}: ${reason}.`);
  }
}

export async function runBuild(parsed: ParsedCommand, ctx: CommandContext): Promise<CommandOutcome> {
  const manifest = manifestPath(parsed.values, ctx);
  if (!manifestExists(manifest)) {
    throw new PipelineError('manifest', `No spin.toml at ${manifest} (pass --file).`);
  }
  const result = await ctx.steps.build({
    manifestPath: manifest,
    components: listOption(parsed.values, 'component'),
    trusted: true,
    useSpinCli: parsed.values.spin === true,
    onEvent: listener(ctx),
    ...(ctx.signal && { signal: ctx.signal }),
  });
  return { message: `Built ${result.built.length} component(s)`, built: result.built };
}

export async function runPush(parsed: ParsedCommand, ctx: CommandContext): Promise<CommandOutcome> {
  const reference = parsed.positionals[0] ?? '';
  const manifest = manifestPath(parsed.values, ctx);
  if (!manifestExists(manifest)) {
    throw new PipelineError('manifest', `No spin.toml at ${manifest} (pass --file).`);
  }
  const outcome = await ctx.steps.push({
    manifestPath: manifest,
    reference,
    insecure: parsed.values.insecure === true,
    dockerConfigPath: dockerConfigPath(ctx.env),
    onEvent: listener(ctx),
    ...(ctx.signal && { signal: ctx.signal }),
  });
  const message = outcome.digest
    ? `Pushed with digest ${outcome.digest}`
    : 'Pushed; the registry did not return the digest';
  return { message, reference, ...(outcome.digest && { digest: outcome.digest }) };
}

/** The scaffold flags, shared by `scaffold` and `deploy REF`. */
function scaffoldOptions(image: string, parsed: ParsedCommand, ctx: CommandContext): ScaffoldOptions {
  const v = parsed.values;
  const manifest = manifestPath(v, ctx);
  const required = manifestExists(manifest) ? requiredVariableNames(readText(manifest, 'the manifest')) : [];
  const runtimeConfigFile = stringOption(v, 'runtime-config-file');
  const numbers = {
    replicas: integerOption(v, 'replicas'),
    maxReplicas: integerOption(v, 'max-replicas'),
    targetCpuUtilization: integerOption(v, 'autoscaler-target-cpu-utilization'),
    targetMemoryUtilization: integerOption(v, 'autoscaler-target-memory-utilization'),
  };
  const strings = {
    autoscaler: stringOption(v, 'autoscaler'),
    executor: stringOption(v, 'executor'),
    cpuLimit: stringOption(v, 'cpu-limit'),
    cpuRequest: stringOption(v, 'cpu-request'),
    memoryLimit: stringOption(v, 'memory-limit'),
    memoryRequest: stringOption(v, 'memory-request'),
    serviceAccountName: stringOption(v, 'service-account-name'),
    name: stringOption(v, 'name'),
    namespace: stringOption(v, 'namespace'),
  };
  const defined = Object.fromEntries(
    Object.entries({ ...numbers, ...strings }).filter(([, x]) => x !== undefined),
  );
  return {
    image,
    ...defined,
    azureIdentity: v['azure-identity'] === true,
    imagePullSecrets: listOption(v, 'image-pull-secret'),
    variables: pairsOption(v, 'variable'),
    components: listOption(v, 'component'),
    requiredVariables: required,
    ...(runtimeConfigFile !== undefined && {
      runtimeConfig: readText(resolve(ctx.cwd, runtimeConfigFile), 'the runtime config file'),
    }),
  };
}

function scaffold(image: string, parsed: ParsedCommand, ctx: CommandContext) {
  try {
    return scaffoldSpinApp(scaffoldOptions(image, parsed, ctx));
  } catch (error) {
    if (error instanceof ScaffoldError) throw new PipelineError('usage', error.message);
    throw error;
  }
}

export async function runScaffold(parsed: ParsedCommand, ctx: CommandContext): Promise<CommandOutcome> {
  const result = scaffold(parsed.positionals[0] ?? '', parsed, ctx);
  const out = stringOption(parsed.values, 'out');
  if (out) {
    const path = resolve(ctx.cwd, out);
    writeFileSync(path, result.yaml);
    return { message: `Wrote ${path}`, name: result.name, path, yaml: result.yaml };
  }
  ctx.reporter.text(result.yaml);
  return { message: '', name: result.name, yaml: result.yaml };
}

function deployObjects(parsed: ParsedCommand, ctx: CommandContext): KubeObject[] {
  const reference = parsed.positionals[0];
  const file = stringOption(parsed.values, 'file');
  if (file && /\.ya?ml$/i.test(file)) {
    const path = resolve(ctx.cwd, file);
    const objects = objectsFromYaml(readText(path, 'the SpinApp YAML'), path);
    const executor = stringOption(parsed.values, 'executor');
    for (const object of objects) {
      if (object.kind !== 'SpinApp') continue;
      const spec = ((object as { spec?: Record<string, unknown> }).spec ??= {});
      if (reference) spec.image = reference;
      if (executor) spec.executor = executor;
    }
    return objects;
  }
  if (!reference) {
    throw new PipelineError(
      'usage',
      'missing REF (usage: spinkube deploy REF, or spinkube deploy -f app.yaml)',
    );
  }
  return scaffold(reference, parsed, ctx).objects.map((o) => o.object as KubeObject);
}

export async function runDeploy(parsed: ParsedCommand, ctx: CommandContext): Promise<CommandOutcome> {
  const objects = deployObjects(parsed, ctx);
  const timeoutSeconds = integerOption(parsed.values, 'timeout') ?? 300;
  if (timeoutSeconds <= 0) throw new PipelineError('usage', '--timeout must be a positive number of seconds');
  const cluster = ctx.steps.connect({
    env: ctx.env,
    ...(stringOption(parsed.values, 'kubeconfig') && {
      kubeconfig: stringOption(parsed.values, 'kubeconfig'),
    }),
    ...(stringOption(parsed.values, 'context') && { context: stringOption(parsed.values, 'context') }),
  });
  try {
    const namespace = stringOption(parsed.values, 'namespace');
    const result = await deploySpinApp(cluster, objects, {
      wait: parsed.values.wait === true,
      timeoutMs: timeoutSeconds * 1000,
      force: parsed.values.force === true,
      onEvent: listener(ctx),
      ...(namespace && { namespace }),
      ...(ctx.signal && { signal: ctx.signal }),
    });
    const applied = result.applied.map((a) => `${a.kind}/${a.name}`);
    const message = result.rollout
      ? result.rollout.message
      : `Applied ${applied.join(', ')} to namespace ${result.namespace}`;
    return {
      message,
      name: result.name,
      namespace: result.namespace,
      context: cluster.context,
      applied,
      state: result.rollout?.state ?? 'applied',
      ...(result.rollout?.readyReplicas !== undefined && { readyReplicas: result.rollout.readyReplicas }),
    };
  } finally {
    cluster.dispose();
  }
}

export async function runUndeploy(parsed: ParsedCommand, ctx: CommandContext): Promise<CommandOutcome> {
  const name = parsed.positionals[0] ?? '';
  const cluster = ctx.steps.connect({
    env: ctx.env,
    ...(stringOption(parsed.values, 'kubeconfig') && {
      kubeconfig: stringOption(parsed.values, 'kubeconfig'),
    }),
    ...(stringOption(parsed.values, 'context') && { context: stringOption(parsed.values, 'context') }),
  });
  try {
    const namespace = stringOption(parsed.values, 'namespace');
    const result = await undeploy(cluster, { name, onEvent: listener(ctx), ...(namespace && { namespace }) });
    return { message: `Deleted ${result.deleted.join(', ')} from namespace ${result.namespace}`, ...result };
  } finally {
    cluster.dispose();
  }
}
