import type { CommandFactory } from './deps';

export const restartLanguageServer: CommandFactory = (deps) => () => deps.language.restart();

export const showOutput: CommandFactory = (deps) => () => deps.output.show();
