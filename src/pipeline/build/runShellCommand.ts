// Runs one command line through the system shell, streaming its output line by line, and kills
// the whole process tree when cancelled (the shell and everything it started).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface ShellCommandOptions {
  readonly cwd: string;
  /** The command's whole environment, given explicitly (nothing else of the host's is added). */
  readonly env: NodeJS.ProcessEnv;
  readonly signal?: AbortSignal;
  readonly onLine: (line: string, stream: 'stdout' | 'stderr') => void;
  /** Run this program with these arguments instead of a shell command line. */
  readonly argv?: readonly string[];
}

export type ShellCommandResult =
  | { readonly kind: 'exited'; readonly code: number }
  | { readonly kind: 'signaled'; readonly signal: NodeJS.Signals }
  | { readonly kind: 'spawn-failed'; readonly error: Error }
  | { readonly kind: 'cancelled' };

/** How long a cancelled tree gets between SIGTERM and SIGKILL. */
const KILL_GRACE_MS = 1500;
/** How long the output of a command that has exited is still read. */
const OUTPUT_GRACE_MS = 200;

export function runShellCommand(command: string, options: ShellCommandOptions): Promise<ShellCommandResult> {
  return new Promise((resolve) => {
    if (options.signal?.aborted) return resolve({ kind: 'cancelled' });
    let child: ChildProcess;
    try {
      const spawnOptions = {
        cwd: options.cwd,
        env: { ...options.env },
        // Its own process group, so that cancel can reach every descendant.
        detached: process.platform !== 'win32',
        stdio: ['ignore', 'pipe', 'pipe'] as ['ignore', 'pipe', 'pipe'],
        windowsHide: true,
      };
      child = options.argv
        ? spawn(command, [...options.argv], spawnOptions)
        : spawn(command, { ...spawnOptions, shell: true });
    } catch (error) {
      return resolve({ kind: 'spawn-failed', error: error as Error });
    }
    let cancelled = false;
    let settled = false;
    const finish = (result: ShellCommandResult): void => {
      if (settled) return;
      settled = true;
      options.signal?.removeEventListener('abort', onAbort);
      resolve(result);
    };
    const onAbort = (): void => {
      cancelled = true;
      killTree(child, 'SIGTERM');
      const timer = setTimeout(() => killTree(child, 'SIGKILL'), KILL_GRACE_MS);
      timer.unref();
    };
    options.signal?.addEventListener('abort', onAbort, { once: true });
    for (const stream of ['stdout', 'stderr'] as const) {
      const source = child[stream];
      if (source) {
        createInterface({ input: source, crlfDelay: Infinity }).on('line', (l) => options.onLine(l, stream));
      }
    }
    child.on('error', (error) => finish({ kind: 'spawn-failed', error }));
    const ended = (code: number | null, signal: NodeJS.Signals | null): void => {
      if (cancelled) {
        // Make sure nothing of the tree survives the shell.
        killTree(child, 'SIGKILL');
        return finish({ kind: 'cancelled' });
      }
      if (signal) finish({ kind: 'signaled', signal });
      else finish({ kind: 'exited', code: code ?? 0 });
    };
    child.on('exit', (code, signal) => {
      // A process the command left running (a compiler cache server…) may hold its output open:
      // once the command has exited, read what it wrote, then stop waiting (as Spin does).
      const grace = setTimeout(() => {
        child.stdout?.destroy();
        child.stderr?.destroy();
        ended(code, signal);
      }, OUTPUT_GRACE_MS);
      child.once('close', () => clearTimeout(grace));
    });
    child.on('close', ended);
  });
}

function killTree(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  if (process.platform === 'win32') {
    spawnSync('taskkill', ['/pid', String(child.pid), '/T', '/F'], { windowsHide: true });
    return;
  }
  try {
    process.kill(-child.pid, signal);
  } catch {
    // The group is already gone.
  }
}
