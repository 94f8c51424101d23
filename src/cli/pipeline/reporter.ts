// How the CLI prints: human lines on stderr (progress) and stdout (results), or with --json one
// JSON object per line on stdout — every pipeline event as it happens, then one result object.
import type { PipelineEvent } from '../../pipeline/events';

export interface CliStreams {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
}

export interface CliResult {
  readonly type: 'result';
  readonly command: string;
  readonly ok: boolean;
  readonly exitCode: number;
  readonly message: string;
  /** Failure kind (PipelineErrorKind, or 'internal'). */
  readonly kind?: string;
  readonly evidence?: readonly string[];
  readonly [key: string]: unknown;
}

export class Reporter {
  constructor(
    private readonly streams: CliStreams,
    private readonly json: boolean,
  ) {}

  event(event: PipelineEvent): void {
    if (this.json) {
      this.streams.stdout.write(JSON.stringify(event) + '\n');
      return;
    }
    switch (event.type) {
      case 'start':
      case 'done':
      case 'progress':
        this.streams.stderr.write(`[${event.step}] ${event.message}\n`);
        return;
      case 'output':
        this.streams.stderr.write(`${event.line}\n`);
    }
  }

  /** Human text printed to stdout as is (scaffold YAML); in JSON mode it goes into the result instead. */
  text(text: string): void {
    if (!this.json) this.streams.stdout.write(text);
  }

  result(result: CliResult): void {
    if (this.json) {
      this.streams.stdout.write(JSON.stringify(result) + '\n');
      return;
    }
    if (result.ok) {
      if (result.message) this.streams.stdout.write(`${result.message}\n`);
      return;
    }
    this.streams.stderr.write(`spinkube ${result.command}: ${result.message}\n`);
    for (const line of result.evidence ?? []) this.streams.stderr.write(`  ${line}\n`);
  }
}
