import type { CommandFactory } from './deps';
import { notYetAvailable } from './notYetAvailable';

/** Commands of the build → push → deploy pipeline. */
export const pipelineCommands: Record<string, CommandFactory> = {
  'spinkube.build': notYetAvailable('Build'),
  'spinkube.push': notYetAvailable('Push to Registry'),
  'spinkube.deploy': notYetAvailable('Deploy'),
  'spinkube.scaffold': notYetAvailable('Scaffold SpinApp YAML'),
  'spinkube.apply': notYetAvailable('Apply Current YAML to Cluster'),
  'spinkube.undeploy': notYetAvailable('Undeploy'),
  'spinkube.setRegistryCredentials': notYetAvailable('Set Registry Credentials'),
};
