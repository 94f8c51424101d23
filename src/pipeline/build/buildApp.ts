// `spin build` without Spin: runs each selected component's build commands in Spin's order,
// with Spin's progress lines and failure messages, streaming the commands' output as events.
// A component whose watched files and source are as its last successful build left them is
// skipped ("hello: up to date"; buildState.ts), unless the build is forced.
import * as path from 'node:path';
import { loadAppManifest, type AppComponent } from '../appManifest';
import { PipelineError, type PipelineListener } from '../events';
import { buildOrder } from './buildOrder';
import { BuildState } from './buildState';
import { runShellCommand, type ShellCommandResult } from './runShellCommand';

export interface BuildOptions {
  readonly manifestPath: string;
  /** Only these component ids (Spin's `-c`); all when absent or empty. */
  readonly components?: readonly string[];
  readonly signal?: AbortSignal;
  readonly onEvent?: PipelineListener;
  /** False in an untrusted workspace: nothing is run. */
  readonly trusted: boolean;
  /** Run `spin build` instead of the commands themselves. */
  readonly useSpinCli?: boolean;
  readonly spinPath?: string;
  /** The build commands' environment (default: this process's). */
  readonly env?: NodeJS.ProcessEnv;
  /** Run every build command, even for components that are up to date. */
  readonly force?: boolean;
}

export interface BuildResult {
  /** Ids of the components whose commands ran, in build order. */
  readonly built: readonly string[];
  /** Ids of the components skipped as up to date. */
  readonly upToDate?: readonly string[];
}

const NO_BUILD_COMMAND = 'None of the components have a build command.';
const NO_BUILD_HINT =
  'For information on specifying a build command, see https://spinframework.dev/build#setting-up-for-spin-build.';

export async function buildApp(options: BuildOptions): Promise<BuildResult> {
  if (!options.trusted) {
    throw new PipelineError(
      'untrusted',
      'This folder is not trusted: SpinKube does not run the build commands of its spin.toml. Trust the folder to build.',
    );
  }
  const emit = options.onEvent ?? (() => undefined);
  const manifest = await loadAppManifest(options.manifestPath);
  if (options.useSpinCli) return buildWithSpin(options, manifest.manifestPath);

  const wanted = options.components ?? [];
  const known = new Set(manifest.components.map((c) => c.id));
  const unknown = wanted.filter((id) => !known.has(id));
  if (unknown.length > 0) throw new PipelineError('usage', `Unknown component(s) ${unknown.join(', ')}`);
  const selected = manifest.components.filter((c) => wanted.length === 0 || wanted.includes(c.id));

  emit({ type: 'start', step: 'build', message: `Building ${manifest.name || manifest.manifestPath}` });
  if (selected.every((c) => c.build === undefined)) {
    emit({ type: 'output', step: 'build', line: NO_BUILD_COMMAND });
    emit({ type: 'output', step: 'build', line: NO_BUILD_HINT });
    emit({ type: 'done', step: 'build', message: NO_BUILD_COMMAND });
    return { built: [] };
  }
  const built: string[] = [];
  const upToDate: string[] = [];
  const state = await BuildState.load(manifest.root);
  try {
    for (const component of buildOrder(selected, manifest.root)) {
      if (!component.build) continue;
      const inputs = await state.inputsOf(component);
      if (!options.force && (await state.upToDate(component, inputs))) {
        emit({ type: 'progress', step: 'build', message: `${component.id}: up to date` });
        upToDate.push(component.id);
        continue;
      }
      state.forget(component.id);
      await buildComponent(component, manifest.root, options, emit);
      await state.recordBuild(component, inputs);
      built.push(component.id);
    }
  } finally {
    await state.save();
  }
  const done =
    built.length === 0 ? 'All Spin components are up to date' : 'Finished building all Spin components';
  emit({ type: 'done', step: 'build', message: done });
  return { built, upToDate };
}

async function buildComponent(
  component: AppComponent,
  root: string,
  { signal, env = process.env }: BuildOptions,
  emit: PipelineListener,
): Promise<void> {
  const build = component.build;
  if (!build) return;
  const { commands, workdir } = build;
  if (workdir !== undefined && path.isAbsolute(workdir)) {
    throw new PipelineError('manifest', 'The workdir specified in the application file must be relative.');
  }
  const cwd = workdir === undefined ? root : path.join(root, workdir);
  const count = commands.length;
  if (count > 1) {
    emit({ type: 'start', step: 'build', message: `Building component ${component.id} (${count} commands)` });
  }
  for (const [index, command] of commands.entries()) {
    const message =
      count > 1
        ? `Running build step ${index + 1}/${count} for component ${component.id} with '${command}'`
        : `Building component ${component.id} with \`${command}\``;
    emit({ type: count > 1 ? 'progress' : 'start', step: 'build', message, fraction: index / count });
    if (workdir !== undefined) emit({ type: 'output', step: 'build', line: `Working directory: "${cwd}"` });
    const tail: string[] = [];
    const result = await runShellCommand(command, {
      cwd,
      env,
      signal,
      onLine: (line, stream) => {
        tail.push(line);
        if (tail.length > 20) tail.shift();
        emit({ type: 'output', step: 'build', line, stream, cwd });
      },
    });
    checkResult(result, component.id, command, tail);
  }
}

function checkResult(result: ShellCommandResult, id: string, command: string, tail: string[]): void {
  switch (result.kind) {
    case 'exited':
      if (result.code === 0) return;
      throw new PipelineError(
        'build-failed',
        `Build command for component ${id} failed with status Exited(${result.code})`,
        tail,
      );
    case 'signaled':
      throw new PipelineError(
        'build-failed',
        `Build command for component ${id} failed with status Signaled(${result.signal})`,
        tail,
      );
    case 'spawn-failed':
      throw new PipelineError(
        'build-failed',
        `Cannot spawn build process '${command}' for component ${id}: ${result.error.message}`,
      );
    case 'cancelled':
      throw new PipelineError('cancelled', `The build of component ${id} was cancelled.`);
  }
}

async function buildWithSpin(options: BuildOptions, manifestPath: string): Promise<BuildResult> {
  const emit = options.onEvent ?? (() => undefined);
  const spin = options.spinPath || 'spin';
  const args = ['build', '-f', manifestPath, ...(options.components ?? []).flatMap((c) => ['-c', c])];
  emit({ type: 'start', step: 'build', message: `Running ${spin} ${args.join(' ')}` });
  const tail: string[] = [];
  const result = await runShellCommand(spin, {
    cwd: path.dirname(manifestPath),
    env: options.env ?? process.env,
    signal: options.signal,
    argv: args,
    onLine: (line, stream) => {
      tail.push(line);
      if (tail.length > 20) tail.shift();
      emit({ type: 'output', step: 'build', line, stream });
    },
  });
  if (result.kind === 'cancelled') throw new PipelineError('cancelled', 'The build was cancelled.');
  if (result.kind === 'spawn-failed') {
    throw new PipelineError('build-failed', `Cannot run the Spin CLI (${spin}): ${result.error.message}`);
  }
  if (result.kind === 'signaled' || result.code !== 0) {
    const last = [...tail].reverse().find((l) => l.trim() !== '');
    throw new PipelineError('build-failed', last ?? `spin build failed`, tail);
  }
  emit({ type: 'done', step: 'build', message: 'Finished building all Spin components' });
  return { built: options.components ? [...options.components] : [] };
}
