// A real OCI registry (Debian's docker-registry) on 127.0.0.1 for push tests, e2e and benchmarks.
// (Contract first; the push work fills it in.)
export interface RegistryOptions {
  /** 'none' (anonymous), 'basic' (htpasswd), or 'token' (a bearer-token challenge in front). */
  readonly auth?: 'none' | 'basic' | 'token';
}

export interface LocalRegistry {
  /** host:port, e.g. 127.0.0.1:5123 */
  readonly host: string;
  readonly username?: string;
  readonly password?: string;
  stop(): Promise<void>;
}

export async function startRegistry(_options: RegistryOptions = {}): Promise<LocalRegistry> {
  throw new Error('startRegistry: not implemented yet');
}
