// Follow Logs: one terminal-like view per app (or pod), a Pseudoterminal named
// `SpinKube logs: <name>` where every line starts with its pod's name, optionally with the time the
// container wrote it (`spinkube.logs.timestamps`). Ctrl+C in it, or "Stop Following Logs", stops
// the streams and keeps what was shown; Follow Logs again reuses the same view.
import * as vscode from 'vscode';
import { followPodLogs, type LogFollow, type PodRef } from '../../cluster/podLogs';
import type { KubeTransport } from '../../cluster/transport';

const CTRL_C = '\x03';
const POD_COLOUR = '\x1b[36m';
const DIM = '\x1b[2m';
const RESET = '\x1b[0m';
/** Lines a view remembers as text (the terminal itself keeps its own scrollback). */
const MAX_REMEMBERED = 5000;

/** What a log view has written (plain text, one entry per line), for commands and tests. */
export interface LogView {
  readonly name: string;
  readonly terminal: vscode.Terminal;
  /** Every line written so far, without colours. */
  readonly lines: readonly string[];
  readonly following: boolean;
  stop(): void;
}

class LogPseudoterminal implements vscode.Pseudoterminal {
  private readonly written = new vscode.EventEmitter<string>();
  readonly onDidWrite = this.written.event;
  readonly lines: string[] = [];
  private follow: LogFollow | undefined;
  private opened = false;
  private pending: (() => void) | undefined;

  constructor(private readonly title: string) {}

  get following(): boolean {
    return this.follow !== undefined;
  }

  open(): void {
    this.opened = true;
    const start = this.pending;
    this.pending = undefined;
    start?.();
  }

  close(): void {
    this.stop(false);
  }

  handleInput(data: string): void {
    if (data === CTRL_C) this.stop(true);
  }

  /** Starts following the pods (after stopping what was followed), once the view is open. */
  start(transport: KubeTransport, pods: readonly PodRef[], timestamps: boolean): void {
    const begin = (): void => {
      this.stop(false);
      const names = pods.map((p) => p.name).join(', ');
      this.note(`Following ${this.title}: ${names}${timestamps ? ' (with timestamps)' : ''}. Ctrl+C stops.`);
      const follow = followPodLogs(transport, pods, (pod, line) => this.line(pod, line), {
        timestamps,
        onError: (pod, error) => this.line(pod, `log stream ended: ${error.message}`),
      });
      this.follow = follow;
      void follow.done.then(() => {
        if (this.follow === follow) {
          this.follow = undefined;
          this.note('All log streams ended.');
        }
      });
    };
    if (this.opened) begin();
    else this.pending = begin;
  }

  stop(say: boolean): void {
    const follow = this.follow;
    this.follow = undefined;
    this.pending = undefined;
    follow?.stop();
    if (follow && say) this.note('Stopped following. Run Follow Logs again to resume.');
  }

  dispose(): void {
    this.stop(false);
    this.written.dispose();
  }

  private remember(line: string): void {
    this.lines.push(line);
    if (this.lines.length > MAX_REMEMBERED) this.lines.splice(0, this.lines.length - MAX_REMEMBERED);
  }

  private line(pod: string, text: string): void {
    this.remember(`[${pod}] ${text}`);
    this.written.fire(`${POD_COLOUR}[${pod}]${RESET} ${text.replace(/\r?\n$/, '')}\r\n`);
  }

  private note(text: string): void {
    this.remember(`-- ${text}`);
    this.written.fire(`${DIM}-- ${text}${RESET}\r\n`);
  }
}

interface OpenView {
  readonly terminal: vscode.Terminal;
  readonly pty: LogPseudoterminal;
}

/** The log views, one per app or pod (by `namespace/name`), reused while their terminal is open. */
export class LogViews implements vscode.Disposable {
  private readonly views = new Map<string, OpenView>();
  private readonly closing: vscode.Disposable;

  constructor() {
    this.closing = vscode.window.onDidCloseTerminal((terminal) => {
      for (const [id, view] of this.views) {
        if (view.terminal === terminal) {
          view.pty.dispose();
          this.views.delete(id);
        }
      }
    });
  }

  /** Shows the view of `id` (creating it if needed) and follows the pods' logs in it. */
  follow(id: string, name: string, transport: KubeTransport, pods: readonly PodRef[]): LogView {
    let view = this.views.get(id);
    if (!view) {
      const pty = new LogPseudoterminal(name);
      const terminal = vscode.window.createTerminal({
        name: `SpinKube logs: ${name}`,
        pty,
        iconPath: new vscode.ThemeIcon('output'),
      });
      view = { terminal, pty };
      this.views.set(id, view);
    }
    const timestamps = vscode.workspace.getConfiguration('spinkube').get<boolean>('logs.timestamps', false);
    view.pty.start(transport, pods, timestamps);
    view.terminal.show(true);
    return this.viewOf(name, view);
  }

  /** Stops the view shown in the active terminal, else the only one following; false when none. */
  stopActive(): boolean {
    const following = [...this.views.values()].filter((v) => v.pty.following);
    const active = following.find((v) => v.terminal === vscode.window.activeTerminal);
    const view = active ?? (following.length === 1 ? following[0] : undefined);
    view?.pty.stop(true);
    return view !== undefined;
  }

  dispose(): void {
    this.closing.dispose();
    for (const view of this.views.values()) {
      view.pty.dispose();
      view.terminal.dispose();
    }
    this.views.clear();
  }

  private viewOf(name: string, view: OpenView): LogView {
    return {
      name,
      terminal: view.terminal,
      get lines() {
        return view.pty.lines;
      },
      get following() {
        return view.pty.following;
      },
      stop: () => view.pty.stop(true),
    };
  }
}
