import type { CommandFactory } from './deps';
import { notYetAvailable } from './notYetAvailable';

/** Commands of the language features. */
export const languageCommands: Record<string, CommandFactory> = {
  'spinkube.checkWorkspace': notYetAvailable('Check All Manifests in Workspace'),
  'spinkube.restartLanguageServer': (deps) => () => deps.language.restart(),
  'spinkube.showOutput': (deps) => () => deps.output.show(),
};
