import type * as vscode from 'vscode';
import { createPipelineFeature, type PipelineFeature } from '../client/pipelineFeature';
import type { CommandDeps, CommandFactory } from './deps';

// The feature activate() created, else one made on first use (one per extension context).
const created = new WeakMap<vscode.ExtensionContext, PipelineFeature>();

function pipelineOf(deps: CommandDeps): PipelineFeature {
  if (deps.pipeline) return deps.pipeline;
  let feature = created.get(deps.context);
  if (!feature) {
    feature = createPipelineFeature(deps.context, deps.output, deps.cluster);
    created.set(deps.context, feature);
  }
  return feature;
}

/** Commands of the build → push → deploy pipeline. Each returns its outcome (or failure) as data. */
export const pipelineCommands: Record<string, CommandFactory> = {
  'spinkube.build': (deps) => (arg) => pipelineOf(deps).build(arg),
  'spinkube.rebuildAll': (deps) => (arg) => pipelineOf(deps).rebuildAll(arg),
  'spinkube.changeImageRepository': (deps) => (arg) => pipelineOf(deps).changeImageRepository(arg),
  'spinkube.push': (deps) => (arg) => pipelineOf(deps).push(arg),
  'spinkube.deploy': (deps) => (arg) => pipelineOf(deps).deploy(arg),
  'spinkube.scaffold': (deps) => (arg) => pipelineOf(deps).scaffold(arg),
  'spinkube.apply': (deps) => (arg) => pipelineOf(deps).apply(arg),
  'spinkube.undeploy': (deps) => (arg) => pipelineOf(deps).undeploy(arg),
  'spinkube.setRegistryCredentials': (deps) => (arg) => pipelineOf(deps).setRegistryCredentials(arg),
};
