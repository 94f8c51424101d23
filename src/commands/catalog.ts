import type { CommandFactory } from './deps';
import { clusterCommands } from './clusterCommands';
import { languageCommands } from './languageCommands';
import { pipelineCommands } from './pipelineCommands';

/** Every command the extension contributes (package.json `contributes.commands`), by id. */
export const commandFactories: Record<string, CommandFactory> = {
  ...clusterCommands,
  ...pipelineCommands,
  ...languageCommands,
};
