// `spinkube up [--file spin.toml] [--listen 127.0.0.1:3000] [--watch]`: builds what changed, then
// serves the app's HTTP routes locally without the Spin CLI until interrupted (Ctrl+C).
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { defaultCacheFolder } from '../../localRun/componentCache';
import { LocalRunError } from '../../localRun/localRunError';
import { startLocalRun } from '../../localRun/localRunner';
import { pipelineBuild } from '../../localRun/pipelineBuild';
import { requestLogLine } from '../../localRun/requestLog';
import { PipelineError } from '../../pipeline/events';

export interface UpEnvironment {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  readonly signal?: AbortSignal;
  /** Called once the app serves (tests). */
  readonly onServing?: (url: string) => void;
}

export const UP_HELP = `spinkube up: run the app's HTTP routes locally, without the Spin CLI

Usage:
  spinkube up [-f spin.toml] [--listen 127.0.0.1:3000] [--watch]

  -f, --file PATH        the manifest (default ./spin.toml)
      --listen ADDR      host:port to listen on (default 127.0.0.1:3000; the next free port when taken)
      --watch            rebuild and reload when build.watch files or spin.toml change
  -h, --help
`;

export function parseListen(value: string | undefined): { host: string; port: number } {
  const text = value ?? '127.0.0.1:3000';
  const colon = text.lastIndexOf(':');
  const host = colon === -1 ? text : text.slice(0, colon).replace(/^\[|\]$/g, '');
  const port = colon === -1 ? 3000 : Number(text.slice(colon + 1));
  if (!Number.isInteger(port) || port < 0 || port > 65535 || host === '') {
    throw new LocalRunError(`--listen must be host:port, e.g. 127.0.0.1:3000 (got "${text}")`);
  }
  return { host, port };
}

/** Runs until the signal aborts; returns the exit code (1 on a refusal or failure, 2 on bad usage). */
export async function runUpCommand(argv: readonly string[], environment: UpEnvironment): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        file: { type: 'string', short: 'f' },
        listen: { type: 'string' },
        watch: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    environment.stderr.write(`spinkube up: ${(error as Error).message}\n${UP_HELP}`);
    return 2;
  }
  if (values.help) {
    environment.stdout.write(UP_HELP);
    return 0;
  }
  const say = (line: string): void => void environment.stdout.write(`${line}\n`);
  const manifestPath = path.resolve(environment.cwd, values.file ?? 'spin.toml');
  try {
    if (!existsSync(manifestPath)) throw new LocalRunError(`No spin.toml at ${manifestPath} (pass --file).`);
    const listen = parseListen(values.listen);
    const run = await startLocalRun({
      manifestPath,
      host: listen.host,
      port: listen.port,
      env: environment.env,
      cacheFolder: defaultCacheFolder(environment.env),
      watch: values.watch === true,
      build: pipelineBuild({
        manifestPath,
        trusted: true,
        say,
        ...(environment.signal ? { signal: environment.signal } : {}),
      }),
      onMessage: say,
      onRequest: (entry) => say(requestLogLine(entry)),
      onComponentLog: (id, line) => void environment.stderr.write(`[${id}] ${line}\n`),
    });
    environment.onServing?.(run.url);
    await new Promise<void>((resolve) => {
      if (environment.signal?.aborted) resolve();
      environment.signal?.addEventListener('abort', () => resolve(), { once: true });
    });
    await run.stop();
    return 0;
  } catch (error) {
    if (error instanceof LocalRunError || error instanceof PipelineError) {
      environment.stderr.write(`Error: ${error.message}\n`);
      return 1;
    }
    environment.stderr.write(`spinkube up: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}
