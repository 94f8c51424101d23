// The registry settings a folder must not choose for the user: which registries may be reached
// over plain HTTP (a cloned repository's `.vscode/settings.json` could otherwise send the stored
// password in clear text to whoever answers `401 Basic`), and, in an untrusted folder, where to push.
import * as vscode from 'vscode';

/** Registries that may be reached over plain HTTP: the user's own value only, never a folder's. */
export function insecureRegistryHosts(): string[] {
  const value = vscode.workspace.getConfiguration('spinkube').inspect<string[]>('registry.insecureHosts');
  return value?.globalValue ?? [];
}

/** The default image repository: in an untrusted folder only the user's own value counts. */
export function defaultRepository(): string {
  const config = vscode.workspace.getConfiguration('spinkube');
  if (vscode.workspace.isTrusted) return config.get<string>('registry.repository', '');
  return config.inspect<string>('registry.repository')?.globalValue ?? '';
}
