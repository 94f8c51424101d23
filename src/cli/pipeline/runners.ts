// The body of each `spinkube` command: read inputs, call the pipeline, describe the outcome.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
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
import { loadAppManifest } from '../../pipeline/appManifest';
import { dockerConfigPath } from '../../pipeline/oci/credentials';
import { repositoryProblem } from '../../pipeline/oci/repositoryCheck';
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

/** A REF that is not a repository to push to is a usage error, before anything is built or packaged. */
async function checkReference(reference: string, manifest: string): Promise<void> {
  const appName = manifestExists(manifest)
    ? await loadAppManifest(manifest).then(
        (app) => app.name,
        () => 'app',
      )
    : 'app';
  const problem = repositoryProblem(reference, appName);
  if (problem) throw new PipelineError('usage', problem);
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
    force: parsed.values.force === true,
    onEvent: listener(ctx),
    ...(ctx.signal && { signal: ctx.signal }),
  });
  const upToDate = result.upToDate ?? [];
  const skipped = upToDate.length > 0 ? `; up to date: ${upToDate.join(', ')}` : '';
  return {
    message: `Built ${result.built.length} component(s)${skipped}`,
    built: result.built,
    ...(upToDate.length > 0 && { upToDate }),
  };
}

export async function runPush(parsed: ParsedCommand, ctx: CommandContext): Promise<CommandOutcome> {
  const reference = parsed.positionals[0] ?? '';
  const manifest = manifestPath(parsed.values, ctx);
  await checkReference(reference, manifest);
  if (!manifestExists(manifest)) {
    throw new PipelineError('manifest', `No spin.toml at ${manifest} (pass --file).`);
  }
  const outcome = await ctx.steps.push({
    manifestPath: manifest,
    reference,
    insecure: parsed.values.insecure === true,
    allowOutsideFiles: parsed.values['allow-outside-files'] === true,
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
  await checkReference(parsed.positionals[0] ?? '', manifestPath(parsed.values, ctx));
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

/** The cluster of `--kubeconfig` / `--context` (else KUBECONFIG and its current context). */
function connect(parsed: ParsedCommand, ctx: CommandContext): ReturnType<CliSteps['connect']> {
  const kubeconfig = stringOption(parsed.values, 'kubeconfig');
  const context = stringOption(parsed.values, 'context');
  return ctx.steps.connect({ env: ctx.env, ...(kubeconfig && { kubeconfig }), ...(context && { context }) });
}

/**
 * `deploy REF --build`: build (skipping unchanged components), push to REF, and the objects to
 * apply — spinapp.yaml next to spin.toml, else scaffolded — running the pushed digest.
 */
async function buildAndPush(
  parsed: ParsedCommand,
  ctx: CommandContext,
): Promise<{ objects: KubeObject[]; pushUnchanged: boolean }> {
  const reference = parsed.positionals[0];
  if (!reference) throw new PipelineError('usage', 'missing REF (usage: spinkube deploy REF --build)');
  const manifest = manifestPath(parsed.values, ctx);
  if (!manifestExists(manifest)) {
    throw new PipelineError('manifest', `No spin.toml at ${manifest} (pass --file).`);
  }
  const events = listener(ctx);
  const signal = ctx.signal && { signal: ctx.signal };
  await ctx.steps.build({ manifestPath: manifest, trusted: true, onEvent: events, ...signal });
  const pushed = await ctx.steps.push({
    manifestPath: manifest,
    reference,
    insecure: parsed.values.insecure === true,
    dockerConfigPath: dockerConfigPath(ctx.env),
    onEvent: events,
    ...signal,
  });
  const image = pushed.digestReference ?? reference;
  const beside = join(dirname(manifest), 'spinapp.yaml');
  const executor = stringOption(parsed.values, 'executor');
  let objects: KubeObject[];
  if (existsSync(beside)) {
    objects = objectsFromYaml(readText(beside, 'the SpinApp YAML'), beside);
    for (const object of objects.filter((o) => o.kind === 'SpinApp')) {
      const spec = ((object as { spec?: Record<string, unknown> }).spec ??= {});
      spec.image = image;
      if (executor) spec.executor = executor;
    }
  } else {
    objects = scaffold(image, parsed, ctx).objects.map((o) => o.object as KubeObject);
  }
  return { objects, pushUnchanged: pushed.unchanged === true };
}

export async function runDeploy(parsed: ParsedCommand, ctx: CommandContext): Promise<CommandOutcome> {
  const reference = parsed.positionals[0];
  const file = stringOption(parsed.values, 'file');
  const building = parsed.values.build === true;
  if (reference && (building || !file || !/\.ya?ml$/i.test(file))) {
    await checkReference(reference, manifestPath(parsed.values, ctx));
  }
  const timeoutSeconds = integerOption(parsed.values, 'timeout') ?? 300;
  if (timeoutSeconds <= 0) throw new PipelineError('usage', '--timeout must be a positive number of seconds');
  const built = building ? await buildAndPush(parsed, ctx) : undefined;
  const objects = built?.objects ?? deployObjects(parsed, ctx);
  const cluster = connect(parsed, ctx);
  try {
    const namespace = stringOption(parsed.values, 'namespace');
    const result = await deploySpinApp(cluster, objects, {
      wait: parsed.values.wait === true,
      timeoutMs: timeoutSeconds * 1000,
      force: parsed.values.force === true,
      skipUnchanged: building,
      onEvent: listener(ctx),
      ...(namespace && { namespace }),
      ...(ctx.signal && { signal: ctx.signal }),
    });
    const applied = result.applied.map((a) => `${a.kind}/${a.name}`);
    const nothingChanged = built?.pushUnchanged === true && result.unchanged;
    const message =
      nothingChanged && result.rollout?.state === 'ready'
        ? `Nothing changed: ${result.name} is already running in ${cluster.context} / ${result.namespace}`
        : result.rollout
          ? result.rollout.message
          : result.unchanged
            ? `SpinApp ${result.name} is unchanged in namespace ${result.namespace}`
            : `Applied ${applied.join(', ')} to namespace ${result.namespace}`;
    return {
      message,
      name: result.name,
      namespace: result.namespace,
      context: cluster.context,
      applied,
      ...(result.unchanged && { unchanged: true }),
      state: result.rollout?.state ?? 'applied',
      ...(result.rollout?.readyReplicas !== undefined && { readyReplicas: result.rollout.readyReplicas }),
    };
  } finally {
    cluster.dispose();
  }
}

export async function runUndeploy(parsed: ParsedCommand, ctx: CommandContext): Promise<CommandOutcome> {
  const name = parsed.positionals[0] ?? '';
  const cluster = connect(parsed, ctx);
  try {
    const namespace = stringOption(parsed.values, 'namespace');
    const result = await undeploy(cluster, { name, onEvent: listener(ctx), ...(namespace && { namespace }) });
    return { message: `Deleted ${result.deleted.join(', ')} from namespace ${result.namespace}`, ...result };
  } finally {
    cluster.dispose();
  }
}
