// The `spin` task type: `{ "type": "spin", "task": "build", "manifest"?, "components"? }` runs the
// components' build commands (as `spin build`) in a task terminal, so builds appear under
// Run Task and their compiler errors land in Problems through the contributed matchers (file
// paths re-based from each command's directory to the workspace folder the matchers resolve against).
import * as path from 'node:path';
import * as vscode from 'vscode';
import { buildApp } from '../../pipeline/build/buildApp';
import { rebaseDiagnosticPath } from '../../pipeline/build/diagnosticPaths';
import { PipelineError, type PipelineEvent } from '../../pipeline/events';

export const SPIN_TASK_TYPE = 'spin';
/** Problem matchers contributed in package.json for the toolchains Spin apps are built with. */
export const SPIN_PROBLEM_MATCHERS = ['$spin-rustc', '$spin-tsc', '$spin-go'];

interface SpinTaskDefinition extends vscode.TaskDefinition {
  readonly task: 'build';
  readonly manifest?: string;
  readonly components?: string[];
}

/**
 * The `spin` task provider. Activation registers a stand-in for it (src/client/lazyFeatures.ts)
 * that loads this code only when VS Code asks for tasks.
 */
export function spinTaskProvider(): vscode.TaskProvider {
  return {
    provideTasks: async () => {
      const manifests = await vscode.workspace.findFiles(
        '**/spin.toml',
        '**/{node_modules,target,.git,.spin}/**',
        50,
      );
      return manifests.flatMap((uri) => {
        const folder = vscode.workspace.getWorkspaceFolder(uri);
        if (!folder) return [];
        const relative = path.relative(folder.uri.fsPath, uri.fsPath);
        return [spinBuildTask({ type: SPIN_TASK_TYPE, task: 'build', manifest: relative }, folder)];
      });
    },
    resolveTask: (task) => {
      const definition = task.definition as SpinTaskDefinition;
      if (definition.task !== 'build') return undefined;
      const scope = typeof task.scope === 'object' ? task.scope : vscode.workspace.workspaceFolders?.[0];
      return scope ? spinBuildTask(definition, scope) : undefined;
    },
  };
}

function spinBuildTask(definition: SpinTaskDefinition, folder: vscode.WorkspaceFolder): vscode.Task {
  const manifest = path.resolve(folder.uri.fsPath, definition.manifest ?? 'spin.toml');
  const label =
    definition.manifest && definition.manifest !== 'spin.toml' ? `build ${definition.manifest}` : 'build';
  const task = new vscode.Task(
    definition,
    folder,
    label,
    'spin',
    new vscode.CustomExecution(
      async () => new BuildTerminal(manifest, definition.components ?? [], folder.uri.fsPath),
    ),
    SPIN_PROBLEM_MATCHERS,
  );
  task.group = vscode.TaskGroup.Build;
  task.presentationOptions = { reveal: vscode.TaskRevealKind.Always, clear: true };
  return task;
}

/** A task terminal that runs the build in-process and prints its output. */
class BuildTerminal implements vscode.Pseudoterminal {
  private readonly written = new vscode.EventEmitter<string>();
  private readonly closed = new vscode.EventEmitter<number>();
  readonly onDidWrite = this.written.event;
  readonly onDidClose = this.closed.event;
  private readonly controller = new AbortController();

  constructor(
    private readonly manifest: string,
    private readonly components: readonly string[],
    /** The folder the problem matchers resolve file paths against (`${workspaceFolder}`). */
    private readonly folder: string,
  ) {}

  open(): void {
    void this.run();
  }

  close(): void {
    this.controller.abort();
  }

  handleInput(data: string): void {
    if (data === '\x03') this.controller.abort();
  }

  private line(text: string): void {
    this.written.fire(text.replace(/\r?\n/g, '\r\n') + '\r\n');
  }

  private async run(): Promise<void> {
    const onEvent = (event: PipelineEvent) => {
      // Compiler output names files relative to the command's directory; the matchers read them
      // relative to the workspace folder.
      if (event.type === 'output') {
        this.line(event.cwd ? rebaseDiagnosticPath(event.line, event.cwd, this.folder) : event.line);
      } else if (event.type !== 'progress') this.line(event.message);
    };
    try {
      await buildApp({
        manifestPath: this.manifest,
        components: this.components,
        trusted: vscode.workspace.isTrusted,
        signal: this.controller.signal,
        onEvent,
      });
      this.finish(0);
    } catch (error) {
      this.line(error instanceof Error ? error.message : String(error));
      this.finish(error instanceof PipelineError && error.kind === 'cancelled' ? 130 : 1);
    }
  }

  /**
   * Closes the terminal a moment after the last write: VS Code reads the lines of a task terminal
   * for the problem matchers after it has seen the exit (microsoft/vscode#92868), so lines written
   * just before closing would never reach Problems.
   */
  private finish(code: number): void {
    setTimeout(() => this.closed.fire(code), CLOSE_DELAY_MS);
  }
}

/** How long the task terminal stays open after its last line (see finish()). */
const CLOSE_DELAY_MS = 1000;
