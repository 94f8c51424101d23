import type { CommandFactory } from './deps';
import { notYetAvailable } from './notYetAvailable';

/** Commands of the cluster explorer. */
export const clusterCommands: Record<string, CommandFactory> = {
  'spinkube.cluster.refresh': (deps) => () => deps.cluster.refresh(),
  'spinkube.cluster.switchContext': notYetAvailable('Switch Kubernetes Context'),
  'spinkube.cluster.chooseNamespaces': notYetAvailable('Choose Namespaces'),
  'spinkube.cluster.openYaml': notYetAvailable('Open Live YAML'),
  'spinkube.cluster.describe': notYetAvailable('Describe'),
  'spinkube.cluster.followLogs': notYetAvailable('Follow Logs'),
  'spinkube.cluster.scale': notYetAvailable('Scale SpinApp'),
  'spinkube.cluster.restart': notYetAvailable('Restart SpinApp'),
  'spinkube.cluster.delete': notYetAvailable('Delete'),
  'spinkube.cluster.portForward': notYetAvailable('Port-Forward and Open in Browser'),
  'spinkube.cluster.copyImage': notYetAvailable('Copy Image Reference'),
  'spinkube.cluster.revealManifest': notYetAvailable('Reveal spin.toml in Workspace'),
};
