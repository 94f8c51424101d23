// Registry credentials found as Docker finds them: ~/.docker/config.json (or $DOCKER_CONFIG)
// `credHelpers` for the host, then `auths` (base64 `auth` or username/password), then the
// `credsStore` helper. Helpers are the `docker-credential-<name> get` programs.
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import * as path from 'node:path';

export interface RegistryCredentials {
  readonly username: string;
  readonly password: string;
  /**
   * An OAuth2 refresh token `docker login` stored instead of a password (`identitytoken`, e.g. from
   * `az acr login`): exchanged at the token server for an access token.
   */
  readonly identityToken?: string;
}

interface DockerConfig {
  auths?: Record<string, { auth?: string; username?: string; password?: string; identitytoken?: string }>;
  credHelpers?: Record<string, string>;
  credsStore?: string;
}

export function dockerConfigPath(env: NodeJS.ProcessEnv = process.env): string {
  return path.join(env['DOCKER_CONFIG'] || path.join(homedir(), '.docker'), 'config.json');
}

/** The keys Docker may have stored a registry under. */
function keysFor(registry: string): string[] {
  const keys = [
    registry,
    `https://${registry}`,
    `http://${registry}`,
    `https://${registry}/v1/`,
    `https://${registry}/v2/`,
  ];
  if (registry === 'docker.io') {
    keys.push('https://index.docker.io/v1/', 'index.docker.io', 'registry-1.docker.io');
  }
  return keys;
}

/** Credentials for a registry, or undefined for anonymous access. Never throws. */
export async function dockerCredentials(
  registry: string,
  configPath: string = dockerConfigPath(),
  signal?: AbortSignal,
): Promise<RegistryCredentials | undefined> {
  let config: DockerConfig;
  try {
    config = JSON.parse(await readFile(configPath, 'utf8')) as DockerConfig;
  } catch {
    return undefined;
  }
  const keys = keysFor(registry);
  const helper = keys.map((k) => config.credHelpers?.[k]).find((h) => typeof h === 'string');
  if (helper) {
    return credentialHelper(
      helper,
      registry === 'docker.io' ? 'https://index.docker.io/v1/' : registry,
      signal,
    );
  }
  for (const key of keys) {
    const entry = config.auths?.[key];
    if (!entry) continue;
    if (typeof entry.identitytoken === 'string' && entry.identitytoken !== '') {
      const decoded =
        typeof entry.auth === 'string' ? Buffer.from(entry.auth, 'base64').toString('utf8') : '';
      const username = entry.username ?? decoded.slice(0, Math.max(0, decoded.indexOf(':')));
      return { username, password: '', identityToken: entry.identitytoken };
    }
    if (typeof entry.auth === 'string' && entry.auth !== '') {
      const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      if (colon > 0) return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
    }
    if (entry.username && entry.password) return { username: entry.username, password: entry.password };
  }
  if (config.credsStore) {
    return credentialHelper(
      config.credsStore,
      registry === 'docker.io' ? 'https://index.docker.io/v1/' : registry,
      signal,
    );
  }
  return undefined;
}

/** Whether a credential helper name is a plain program-name suffix (`osxkeychain`, `ecr-login`). */
export function isHelperName(name: string): boolean {
  return /^[A-Za-z0-9_.-]+$/.test(name) && !name.includes('..');
}

/** Runs `docker-credential-<name> get` with the server on stdin (user `<token>`: an identity token). */
function credentialHelper(
  name: string,
  server: string,
  signal?: AbortSignal,
): Promise<RegistryCredentials | undefined> {
  return new Promise((resolve) => {
    let out = '';
    let child;
    if (signal?.aborted) return resolve(undefined);
    // A helper is a program on PATH: a name with a path in it (`../../evil`) would run any file.
    if (!isHelperName(name)) return resolve(undefined);
    try {
      // A helper may wait for a prompt (a keychain, a GPG passphrase): cancel stops it.
      child = spawn(`docker-credential-${name}`, ['get'], {
        stdio: ['pipe', 'pipe', 'ignore'],
        windowsHide: true,
        ...(signal && { signal }),
      });
    } catch {
      return resolve(undefined);
    }
    child.on('error', () => resolve(undefined));
    child.stdout.on('data', (d: Buffer) => (out += d.toString('utf8')));
    child.on('close', (code) => {
      if (code !== 0) return resolve(undefined);
      try {
        const parsed = JSON.parse(out) as { Username?: string; Secret?: string };
        if (!parsed.Username || !parsed.Secret) return resolve(undefined);
        if (parsed.Username === '<token>') {
          return resolve({ username: '<token>', password: '', identityToken: parsed.Secret });
        }
        resolve({ username: parsed.Username, password: parsed.Secret });
      } catch {
        resolve(undefined);
      }
    });
    // A helper that exits without reading the server name must not make the write throw (EPIPE).
    child.stdin.on('error', () => undefined);
    child.stdin.end(server);
  });
}
