// @kubernetes/client-node's exec credential plugin (ExecAuth) writes a kubeconfig user's
// `exec.env` into `process.env` before it starts the plugin (upstream issue 954), so every build
// command, credential helper and other extension of the host would inherit a plugin's secrets.
// This wraps the library's ExecAuth instance: the plugin gets a copy of the environment with its
// variables added, and the library never sees `exec.env`, so it has nothing to write.
import type { SpawnOptions } from 'node:child_process';
import { KubeConfig, type User } from '@kubernetes/client-node';

interface ExecConfig {
  readonly env?: readonly { readonly name: string; readonly value: string }[] | null;
  readonly [key: string]: unknown;
}

/** The parts of ExecAuth this relies on (private in its typings, stable in its 1.x code). */
interface ExecAuthInternals {
  isAuthProvider(user: User): boolean;
  getCredential(user: User): Promise<unknown>;
  execFn: (command: string, args: readonly string[] | undefined, options: SpawnOptions) => unknown;
}

const WRAPPED = Symbol.for('spinkube.execAuthEnvironment');

function execOf(user: User): ExecConfig | undefined {
  const fromProvider = (user.authProvider?.config as { exec?: ExecConfig } | undefined)?.exec;
  return (user.exec as ExecConfig | undefined) ?? fromProvider;
}

/** The user without `exec.env` (where the library would read it from), and the variables it had. */
function withoutEnv(user: User): { user: User; env: readonly { name: string; value: string }[] } {
  const exec = execOf(user);
  const env = exec?.env ?? [];
  if (env.length === 0) return { user, env };
  const stripped = { ...exec, env: undefined };
  if (user.exec) return { user: { ...user, exec: stripped } as User, env };
  const provider = user.authProvider as { name: string; config: Record<string, unknown> };
  return {
    user: { ...user, authProvider: { ...provider, config: { ...provider.config, exec: stripped } } },
    env,
  };
}

/** Wraps every ExecAuth among the library's authenticators once (idempotent). */
export function isolateExecCredentialEnvironment(): void {
  const authenticators = (KubeConfig as unknown as { authenticators?: unknown[] }).authenticators ?? [];
  for (const candidate of authenticators) {
    const auth = candidate as Partial<ExecAuthInternals> & { [WRAPPED]?: true };
    if (typeof auth.getCredential !== 'function' || typeof auth.execFn !== 'function' || auth[WRAPPED]) {
      continue;
    }
    const getCredential = auth.getCredential.bind(auth);
    auth.getCredential = (user: User): Promise<unknown> => {
      const { user: stripped, env } = withoutEnv(user);
      if (env.length === 0) return getCredential(user);
      const pluginEnv: NodeJS.ProcessEnv = { ...process.env };
      for (const { name, value } of env) pluginEnv[name] = value;
      const spawn = auth.execFn as ExecAuthInternals['execFn'];
      // The library starts the plugin synchronously inside getCredential: swap the spawn for that call.
      auth.execFn = (command, args, options) => spawn(command, args, { ...options, env: pluginEnv });
      try {
        return getCredential(stripped);
      } finally {
        auth.execFn = spawn;
      }
    };
    auth[WRAPPED] = true;
  }
}
