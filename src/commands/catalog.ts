import type { CommandFactory } from './deps';
import { notYetAvailable } from './notYetAvailable';
import { restartLanguageServer, showOutput } from './languageCommands';

/** Every command the extension contributes (package.json `contributes.commands`), by id. */
export const commandFactories: Record<string, CommandFactory> = {
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
  'spinkube.build': notYetAvailable('Build'),
  'spinkube.push': notYetAvailable('Push to Registry'),
  'spinkube.deploy': notYetAvailable('Deploy'),
  'spinkube.scaffold': notYetAvailable('Scaffold SpinApp YAML'),
  'spinkube.apply': notYetAvailable('Apply Current YAML to Cluster'),
  'spinkube.undeploy': notYetAvailable('Undeploy'),
  'spinkube.setRegistryCredentials': notYetAvailable('Set Registry Credentials'),
  'spinkube.checkWorkspace': notYetAvailable('Check All Manifests in Workspace'),
  'spinkube.restartLanguageServer': restartLanguageServer,
  'spinkube.showOutput': showOutput,
};
