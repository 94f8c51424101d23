// The `spinkube` CLI: parses a command, runs the pipeline step(s), reports events and one result,
// and returns the exit code (see pipelineExitCodes.ts). Never throws.
import { PipelineError } from '../../pipeline/events';
import { exitCodeFor, ExitCode } from './exitCodes';
import { HELP } from './help';
import { isCommand, parseCommand, type CommandName, type ParsedCommand } from './args';
import { Reporter, type CliResult, type CliStreams } from './reporter';
import {
  runBuild,
  runDeploy,
  runPush,
  runScaffold,
  runUndeploy,
  type CommandContext,
  type CommandOutcome,
} from './runners';
import { defaultSteps, type CliSteps } from './steps';

export interface CliEnvironment extends CliStreams {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  readonly signal?: AbortSignal;
  readonly steps?: CliSteps;
}

const RUNNERS: Record<CommandName, (parsed: ParsedCommand, ctx: CommandContext) => Promise<CommandOutcome>> =
  {
    build: runBuild,
    push: runPush,
    scaffold: runScaffold,
    deploy: runDeploy,
    undeploy: runUndeploy,
  };

export async function runSpinkubeCli(argv: readonly string[], environment: CliEnvironment): Promise<number> {
  const [first, ...rest] = argv;
  const json = argv.includes('--json');
  const reporter = new Reporter(environment, json);
  if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
    if (first === undefined) {
      environment.stderr.write(HELP.main ?? '');
      return ExitCode.usage;
    }
    environment.stdout.write(HELP.main ?? '');
    return ExitCode.ok;
  }
  if (!isCommand(first)) {
    reporter.result(
      failure(
        first,
        new PipelineError(
          'usage',
          `unknown command '${first}' (commands: build, push, scaffold, deploy, undeploy; see spinkube --help)`,
        ),
      ),
    );
    return ExitCode.usage;
  }
  let parsed: ParsedCommand;
  try {
    parsed = parseCommand(first, rest);
  } catch (error) {
    const result = failure(first, error);
    reporter.result(result);
    return result.exitCode;
  }
  if (parsed.values.help) {
    environment.stdout.write(HELP[first] ?? '');
    return ExitCode.ok;
  }
  const ctx: CommandContext = {
    reporter,
    env: environment.env,
    cwd: environment.cwd,
    steps: environment.steps ?? defaultSteps,
    ...(environment.signal && { signal: environment.signal }),
  };
  try {
    const outcome = await RUNNERS[first](parsed, ctx);
    reporter.result({ type: 'result', command: first, ok: true, exitCode: ExitCode.ok, ...outcome });
    return ExitCode.ok;
  } catch (error) {
    const result = failure(
      first,
      environment.signal?.aborted ? new PipelineError('cancelled', 'Cancelled.') : error,
    );
    reporter.result(result);
    return result.exitCode;
  }
}

function failure(command: string, error: unknown): CliResult {
  if (error instanceof PipelineError) {
    return {
      type: 'result',
      command,
      ok: false,
      exitCode: exitCodeFor(error.kind),
      kind: error.kind,
      message: error.message,
      evidence: error.evidence,
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { type: 'result', command, ok: false, exitCode: ExitCode.internal, kind: 'internal', message };
}
