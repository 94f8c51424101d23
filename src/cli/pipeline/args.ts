// Command-line parsing of `spinkube <command> …` (node:util parseArgs, strict): unknown options
// and missing arguments are usage errors (exit 2) with a one-line hint.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { PipelineError } from '../../pipeline/events';

export const COMMANDS = ['build', 'push', 'scaffold', 'deploy', 'undeploy'] as const;
export type CommandName = (typeof COMMANDS)[number];

type OptionSpec = NonNullable<ParseArgsConfig['options']>;

const common: OptionSpec = {
  file: { type: 'string', short: 'f' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
};

const scaffoldFlags: OptionSpec = {
  replicas: { type: 'string', short: 'r' },
  'max-replicas': { type: 'string' },
  autoscaler: { type: 'string' },
  'autoscaler-target-cpu-utilization': { type: 'string' },
  'autoscaler-target-memory-utilization': { type: 'string' },
  executor: { type: 'string' },
  'cpu-limit': { type: 'string' },
  'cpu-request': { type: 'string' },
  'memory-limit': { type: 'string' },
  'memory-request': { type: 'string' },
  'azure-identity': { type: 'boolean' },
  'service-account-name': { type: 'string' },
  'runtime-config-file': { type: 'string', short: 'c' },
  'image-pull-secret': { type: 'string', short: 's', multiple: true },
  variable: { type: 'string', short: 'v', multiple: true },
  component: { type: 'string', multiple: true },
  name: { type: 'string' },
};

const cluster: OptionSpec = {
  namespace: { type: 'string', short: 'n' },
  kubeconfig: { type: 'string' },
  context: { type: 'string' },
};

export const OPTIONS: Record<CommandName, OptionSpec> = {
  build: { ...common, component: { type: 'string', short: 'c', multiple: true }, spin: { type: 'boolean' } },
  push: { ...common, insecure: { type: 'boolean', short: 'k' } },
  scaffold: {
    ...common,
    ...scaffoldFlags,
    namespace: { type: 'string', short: 'n' },
    out: { type: 'string', short: 'o' },
  },
  deploy: {
    ...common,
    ...scaffoldFlags,
    ...cluster,
    wait: { type: 'boolean', short: 'w' },
    timeout: { type: 'string' },
    force: { type: 'boolean' },
  },
  undeploy: { ...common, ...cluster },
};

/** How many positional arguments each command takes, and their names for messages. */
const POSITIONALS: Record<CommandName, { min: number; max: number; names: string }> = {
  build: { min: 0, max: 0, names: '' },
  push: { min: 1, max: 1, names: 'REF' },
  scaffold: { min: 1, max: 1, names: 'REF' },
  deploy: { min: 0, max: 1, names: 'REF' },
  undeploy: { min: 1, max: 1, names: 'NAME' },
};

export type OptionValues = Record<string, string | boolean | (string | boolean)[] | undefined>;

export interface ParsedCommand {
  readonly command: CommandName;
  readonly positionals: readonly string[];
  readonly values: OptionValues;
}

export function isCommand(name: string | undefined): name is CommandName {
  return (COMMANDS as readonly string[]).includes(name ?? '');
}

export function parseCommand(command: CommandName, args: readonly string[]): ParsedCommand {
  let parsed: { values: OptionValues; positionals: string[] };
  try {
    parsed = parseArgs({ args: [...args], options: OPTIONS[command], allowPositionals: true, strict: true });
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    const message = (text.split('\n')[0] ?? '').replace(/\.\s.*$/, '.');
    throw new PipelineError('usage', `${message} (see spinkube ${command} --help)`);
  }
  const { min, max, names } = POSITIONALS[command];
  if (!parsed.values.help) {
    if (parsed.positionals.length < min) {
      throw new PipelineError('usage', `missing ${names} (usage: spinkube ${command} ${names})`);
    }
    if (parsed.positionals.length > max) {
      throw new PipelineError(
        'usage',
        `unexpected argument '${parsed.positionals[max] ?? ''}' (see spinkube ${command} --help)`,
      );
    }
  }
  return { command, positionals: parsed.positionals, values: parsed.values };
}

export function stringOption(values: OptionValues, name: string): string | undefined {
  const value = values[name];
  return typeof value === 'string' ? value : undefined;
}

export function listOption(values: OptionValues, name: string): string[] {
  const value = values[name];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

export function integerOption(values: OptionValues, name: string): number | undefined {
  const text = stringOption(values, name);
  if (text === undefined) return undefined;
  if (!/^-?\d+$/.test(text.trim())) {
    throw new PipelineError('usage', `--${name} must be a whole number, got '${text}'`);
  }
  return Number(text);
}

/** `name=value` pairs of a repeatable option. */
export function pairsOption(values: OptionValues, name: string): Record<string, string> {
  const pairs: Record<string, string> = {};
  for (const item of listOption(values, name)) {
    const eq = item.indexOf('=');
    if (eq <= 0) throw new PipelineError('usage', `--${name} expects name=value, got '${item}'`);
    pairs[item.slice(0, eq)] = item.slice(eq + 1);
  }
  return pairs;
}
