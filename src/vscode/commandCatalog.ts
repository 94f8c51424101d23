import type { CommandFactory } from './commands/deps';
import { clusterCommands } from './cluster/commands';
import { languageCommands } from './language/commands';
import { pipelineCommands } from './pipeline/commands';

/** Every command the extension contributes (package.json `contributes.commands`), by id. */
export const commandFactories: Record<string, CommandFactory> = {
  ...clusterCommands,
  ...pipelineCommands,
  ...languageCommands,
};
