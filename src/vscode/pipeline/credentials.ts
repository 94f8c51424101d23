// Registry credentials entered in the UI, kept in VS Code's SecretStorage (never in settings or
// logs), one entry per registry host.
import * as vscode from 'vscode';
import type { RegistryCredentials } from '../../pipeline/oci/push';

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

  /**
   * Asks for host, user name and password (only what `given` lacks: scripts and tests may pass
   * all three); stores them. Returns the host, or undefined when dismissed.
   */
  async prompt(
    suggestedHost: string | undefined,
    given: CredentialAnswers = {},
  ): Promise<string | undefined> {
    const host =
      given.host ??
      (await vscode.window.showInputBox({
        title: 'SpinKube: registry credentials (1/3)',
        prompt: 'Registry host, e.g. ghcr.io or localhost:5000',
        value: suggestedHost ?? '',
        ignoreFocusOut: true,
        validateInput: (t) => (isRegistryHost(t) ? undefined : 'A host name, optionally with :port'),
      }));
    if (!host || !isRegistryHost(host)) return undefined;
    const username =
      given.username ??
      (await vscode.window.showInputBox({
        title: 'SpinKube: registry credentials (2/3)',
        prompt: `User name for ${host.trim()}`,
        ignoreFocusOut: true,
      }));
    if (!username) return undefined;
    const password =
      given.password ??
      (await vscode.window.showInputBox({
        title: 'SpinKube: registry credentials (3/3)',
        prompt: `Password or access token for ${username} at ${host.trim()} (kept in VS Code's secret storage)`,
        password: true,
        ignoreFocusOut: true,
      }));
    if (!password) return undefined;
    await this.set(host.trim(), { username, password });
    return host.trim();
  }
}

/** Answers given to the credentials command instead of typed (a string argument is the host). */
export interface CredentialAnswers {
  readonly host?: string;
  readonly username?: string;
  readonly password?: string;
}

export function credentialAnswersFrom(arg: unknown): CredentialAnswers {
  if (typeof arg === 'string') return { host: arg };
  if (typeof arg !== 'object' || arg === null) return {};
  const a = arg as Record<string, unknown>;
  const text = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);
  const host = text(a['host']);
  const username = text(a['username']);
  const password = text(a['password']);
  return { ...(host && { host }), ...(username && { username }), ...(password && { password }) };
}

function isRegistryHost(text: string): boolean {
  return /^[A-Za-z0-9.-]+(:\d+)?$/.test(text.trim());
}
