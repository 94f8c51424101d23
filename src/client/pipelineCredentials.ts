// Registry credentials entered in the UI, kept in VS Code's SecretStorage (never in settings or
// logs), one entry per registry host.
import * as vscode from 'vscode';
import type { RegistryCredentials } from '../pipeline/oci/push';

const KEY_PREFIX = 'spinkube.registry.credentials:';

export class RegistryCredentialStore {
  constructor(private readonly secrets: vscode.SecretStorage) {}

  async get(registry: string): Promise<RegistryCredentials | undefined> {
    const text = await this.secrets.get(KEY_PREFIX + registry);
    if (!text) return undefined;
    try {
      const value = JSON.parse(text) as { username?: unknown; password?: unknown };
      if (typeof value.username === 'string' && typeof value.password === 'string') {
        return { username: value.username, password: value.password };
      }
    } catch {
      // a damaged entry counts as none
    }
    return undefined;
  }

  async set(registry: string, credentials: RegistryCredentials): Promise<void> {
    await this.secrets.store(KEY_PREFIX + registry, JSON.stringify(credentials));
  }

  async delete(registry: string): Promise<void> {
    await this.secrets.delete(KEY_PREFIX + registry);
  }

  /** Asks for host, user name and password; stores them. Returns the host, or undefined when dismissed. */
  async prompt(suggestedHost: string | undefined): Promise<string | undefined> {
    const host = await vscode.window.showInputBox({
      title: 'SpinKube: registry credentials (1/3)',
      prompt: 'Registry host, e.g. ghcr.io or localhost:5000',
      value: suggestedHost ?? '',
      ignoreFocusOut: true,
      validateInput: (t) =>
        /^[A-Za-z0-9.-]+(:\d+)?$/.test(t.trim()) ? undefined : 'A host name, optionally with :port',
    });
    if (!host) return undefined;
    const username = await vscode.window.showInputBox({
      title: 'SpinKube: registry credentials (2/3)',
      prompt: `User name for ${host.trim()}`,
      ignoreFocusOut: true,
    });
    if (!username) return undefined;
    const password = await vscode.window.showInputBox({
      title: 'SpinKube: registry credentials (3/3)',
      prompt: `Password or access token for ${username} at ${host.trim()} (kept in VS Code's secret storage)`,
      password: true,
      ignoreFocusOut: true,
    });
    if (!password) return undefined;
    await this.set(host.trim(), { username, password });
    return host.trim();
  }
}
