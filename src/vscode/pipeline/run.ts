// Runs pipeline work under ONE cancellable progress notification, mirrors its events into the
// log output channel and a live status-bar item, and turns cancellation into an AbortSignal.
import * as vscode from 'vscode';
import type { PipelineEvent, PipelineListener } from '../../pipeline/events';

export interface RunContext {
  readonly signal: AbortSignal;
  readonly onEvent: PipelineListener;
}

export class PipelineRunReporter implements vscode.Disposable {
  private readonly statusBar: vscode.StatusBarItem;
  private running = 0;

  constructor(private readonly output: vscode.LogOutputChannel) {
    this.statusBar = vscode.window.createStatusBarItem(
      'spinkube.pipeline',
      vscode.StatusBarAlignment.Left,
      10,
    );
    this.statusBar.name = 'SpinKube Pipeline';
    this.statusBar.command = 'spinkube.showOutput';
  }

  /** The status bar text now (for tests and the API). */
  get statusText(): string {
    return this.statusBar.text;
  }

  async run<T>(title: string, work: (ctx: RunContext) => Promise<T>): Promise<T> {
    this.running++;
    this.setStatus(title);
    this.statusBar.show();
    this.output.info(`${title}`);
    try {
      return await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: `SpinKube: ${title}`, cancellable: true },
        async (progress, token) => {
          const controller = new AbortController();
          const subscription = token.onCancellationRequested(() => controller.abort());
          const onEvent = (event: PipelineEvent) => {
            this.log(event);
            if (event.type === 'start' || event.type === 'progress') {
              progress.report({ message: event.message });
              this.setStatus(event.message);
            }
          };
          try {
            return await work({ signal: controller.signal, onEvent });
          } finally {
            subscription.dispose();
          }
        },
      );
    } finally {
      this.running--;
      if (this.running === 0) this.statusBar.hide();
    }
  }

  private setStatus(message: string): void {
    const short = message.length > 60 ? `${message.slice(0, 57)}…` : message;
    this.statusBar.text = `$(sync~spin) SpinKube: ${short}`;
    this.statusBar.tooltip = `${message}\nClick to show the SpinKube output.`;
  }

  private log(event: PipelineEvent): void {
    switch (event.type) {
      case 'start':
      case 'done':
        this.output.info(`[${event.step}] ${event.message}`);
        return;
      case 'progress':
        this.output.debug(`[${event.step}] ${event.message}`);
        return;
      case 'output':
        if (event.stream === 'stderr' && event.step !== 'build') {
          this.output.warn(`[${event.step}] ${event.line}`);
        } else this.output.info(`[${event.step}] ${event.line}`);
    }
  }

  dispose(): void {
    this.statusBar.dispose();
  }
}
