// The token server exchange of a Bearer challenge: a GET with Basic credentials (or anonymous)
// for the scopes wanted, or — with the identity token `docker login` stored — the OAuth2 POST
// that trades that refresh token for an access token, as Docker does.
import { PipelineError } from '../events';
import type { RegistryCredentials } from './credentials';

export interface TokenRequest {
  readonly url: URL;
  readonly method: 'GET' | 'POST';
  readonly headers: Record<string, string>;
  readonly body?: Buffer;
}

interface Challenge {
  readonly params: Readonly<Record<string, string>>;
}

/**
 * The request to the challenge's realm; `badRealm` is thrown when the realm is not a URL. The
 * credentials of a registry reached over HTTPS never go to a plain-HTTP realm.
 */
export function tokenRequest(
  challenge: Challenge,
  scopes: readonly string[],
  credentials: RegistryCredentials | undefined,
  badRealm: () => PipelineError,
  options: { readonly secureRegistry: boolean },
): TokenRequest {
  let url: URL;
  try {
    url = new URL(challenge.params['realm'] ?? '');
  } catch {
    throw badRealm();
  }
  if (credentials && options.secureRegistry && url.protocol !== 'https:') {
    throw new PipelineError(
      'registry-error',
      `The registry sends logins to ${url.origin}, which is not HTTPS; SpinKube does not send your credentials unencrypted.`,
    );
  }
  const service = challenge.params['service'];
  const unique = [...new Set(scopes)];
  if (credentials?.identityToken) {
    const fields = new URLSearchParams({
      grant_type: 'refresh_token',
      refresh_token: credentials.identityToken,
    });
    if (service) fields.set('service', service);
    fields.set('scope', unique.join(' '));
    fields.set('client_id', 'spinkube');
    return {
      url,
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: Buffer.from(fields.toString(), 'utf8'),
    };
  }
  if (service) url.searchParams.set('service', service);
  for (const scope of unique) url.searchParams.append('scope', scope);
  const headers: Record<string, string> = {};
  if (credentials) headers['Authorization'] = `Basic ${basicAuth(credentials)}`;
  return { url, method: 'GET', headers };
}

/** The token of a token server's JSON answer; undefined when it holds none, null when it is not JSON. */
export function tokenOf(body: Buffer): string | undefined | null {
  try {
    const parsed = JSON.parse(body.toString('utf8')) as { token?: unknown; access_token?: unknown } | null;
    const token = parsed?.token ?? parsed?.access_token;
    return typeof token === 'string' && token !== '' ? token : undefined;
  } catch {
    return null;
  }
}

export function basicAuth(credentials: RegistryCredentials): string {
  return Buffer.from(`${credentials.username}:${credentials.password}`, 'utf8').toString('base64');
}
