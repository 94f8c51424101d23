import type { CommandFactory } from './deps';
import { clusterCommands } from './clusterCommands';
import { languageCommands } from './languageCommands';
import { pipelineCommands } from './pipelineCommands';
import { kubeconfigCommands } from '../vscode/cluster/kubeconfigChoice';
import { liveEditingCommands } from '../vscode/cluster/liveEditing';

/** Every command the extension contributes (package.json `contributes.commands`), by id. */
export const commandFactories: Record<string, CommandFactory> = {
  ...clusterCommands,
  ...liveEditingCommands,
  ...kubeconfigCommands,
  ...pipelineCommands,
  ...languageCommands,
};
