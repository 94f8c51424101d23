import type { BaseCommandDeps, CommandFactory } from '../commands/deps';
import type { PipelineFeature } from './feature';

/** What the pipeline's commands use. */
export interface PipelineCommandDeps extends BaseCommandDeps {
  readonly pipeline: PipelineFeature;
}

/** Commands of the build → push → deploy pipeline. Each returns its outcome (or failure) as data. */
export const pipelineCommands: Record<string, CommandFactory<PipelineCommandDeps>> = {
  'spinkube.build': (deps) => (arg) => deps.pipeline.build(arg),
  'spinkube.push': (deps) => (arg) => deps.pipeline.push(arg),
  'spinkube.deploy': (deps) => (arg) => deps.pipeline.deploy(arg),
  'spinkube.scaffold': (deps) => (arg) => deps.pipeline.scaffold(arg),
  'spinkube.apply': (deps) => (arg) => deps.pipeline.apply(arg),
  'spinkube.undeploy': (deps) => (arg) => deps.pipeline.undeploy(arg),
  'spinkube.setRegistryCredentials': (deps) => (arg) => deps.pipeline.setRegistryCredentials(arg),
};
