import type { ClusterCommandDeps } from './cluster/commandDeps';
import { clusterCommands } from './cluster/commands';
import type { CommandFactory } from './commands/deps';
import { languageCommands, type LanguageCommandDeps } from './language/commands';
import { pipelineCommands, type PipelineCommandDeps } from './pipeline/commands';

/** What the commands of all features use together. */
export type CommandDeps = ClusterCommandDeps & LanguageCommandDeps & PipelineCommandDeps;

/** Every command the extension contributes (package.json `contributes.commands`), by id. */
export const commandFactories: Record<string, CommandFactory<CommandDeps>> = {
  ...clusterCommands,
  ...pipelineCommands,
  ...languageCommands,
};
