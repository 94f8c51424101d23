// A real OCI registry (Debian's docker-registry, distribution 2.8) on 127.0.0.1 for push tests,
// e2e and benchmarks. Auth modes: none; basic (htpasswd, bcrypt); token (the registry's own
// `auth.token` mode with an in-process token server that signs RS256 JWTs with a throwaway
// self-signed certificate, sent in the `x5c` header and trusted via `rootcertbundle`).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createPrivateKey, randomBytes, sign, X509Certificate, type KeyObject } from 'node:crypto';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as http from 'node:http';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface RegistryOptions {
  /** 'none' (anonymous), 'basic' (htpasswd), or 'token' (a bearer-token challenge in front). */
  readonly auth?: 'none' | 'basic' | 'token';
}

export interface LocalRegistry {
  /** host:port, e.g. 127.0.0.1:5123 */
  readonly host: string;
  readonly username?: string;
  readonly password?: string;
  /** Where the registry keeps its blobs and repositories. */
  readonly storageDir: string;
  /** Token requests the token server answered (token mode), for tests to assert the handshake. */
  readonly tokenRequests: readonly { readonly scopes: readonly string[]; readonly granted: boolean }[];
  stop(): Promise<void>;
}

const REGISTRY_BINARY = '/usr/bin/docker-registry';

/** The Debian package that provides the registry binary. */
export const REGISTRY_PACKAGE = 'docker-registry';

/** Whether Debian's docker-registry is installed (startRegistry needs it). */
export function registryInstalled(): boolean {
  return existsSync(REGISTRY_BINARY);
}
const SERVICE = 'spinkube-test-registry';
const ISSUER = 'spinkube-test-issuer';

export async function startRegistry(options: RegistryOptions = {}): Promise<LocalRegistry> {
  const auth = options.auth ?? 'none';
  const dir = mkdtempSync(join(tmpdir(), 'spinkube-registry-'));
  const storageDir = join(dir, 'storage');
  const username = auth === 'none' ? undefined : 'spinkube';
  const password = auth === 'none' ? undefined : `pw-${randomBytes(6).toString('hex')}`;
  const tokenRequests: { scopes: string[]; granted: boolean }[] = [];
  let tokenServer: http.Server | undefined;
  let authConfig = '';

  if (auth === 'basic' && username && password) {
    const line = spawnSync('htpasswd', ['-Bbn', username, password], { encoding: 'utf8' });
    if (line.status !== 0) throw new Error(`htpasswd failed: ${line.stderr}`);
    writeFileSync(join(dir, 'htpasswd'), line.stdout);
    authConfig = `auth:\n  htpasswd:\n    realm: spinkube-test\n    path: ${join(dir, 'htpasswd')}\n`;
  } else if (auth === 'token' && username && password) {
    const made = spawnSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
        '-days',
        '2',
        '-subj',
        '/CN=spinkube-test-token',
      ],
      { encoding: 'utf8' },
    );
    if (made.status !== 0) throw new Error(`openssl failed: ${made.stderr}`);
    const key = createPrivateKey(readFileSync(join(dir, 'key.pem')));
    const certDer = new X509Certificate(readFileSync(join(dir, 'cert.pem'))).raw.toString('base64');
    tokenServer = await startTokenServer({ username, password, key, certDer, tokenRequests });
    const tokenPort = (tokenServer.address() as AddressInfo).port;
    authConfig =
      `auth:\n  token:\n    realm: http://127.0.0.1:${tokenPort}/token\n    service: ${SERVICE}\n` +
      `    issuer: ${ISSUER}\n    rootcertbundle: ${join(dir, 'cert.pem')}\n`;
  }

  const port = await freePort();
  const host = `127.0.0.1:${port}`;
  writeFileSync(
    join(dir, 'config.yml'),
    `version: 0.1\nlog:\n  level: warn\n  accesslog:\n    disabled: true\nstorage:\n  filesystem:\n    rootdirectory: ${storageDir}\n` +
      `  delete:\n    enabled: true\nhttp:\n  addr: ${host}\n${authConfig}`,
  );
  // The log goes to a file, not a pipe: a pipe nobody drains (a parent blocked in spawnSync)
  // would stall the registry once its buffer is full.
  const logFile = join(dir, 'registry.log');
  const logFd = openSync(logFile, 'w');
  const child = spawn(REGISTRY_BINARY, ['serve', join(dir, 'config.yml')], {
    stdio: ['ignore', 'ignore', logFd],
  });
  closeSync(logFd);
  const stop = async (): Promise<void> => {
    await stopProcess(child);
    await new Promise<void>((resolve) => (tokenServer ? tokenServer.close(() => resolve()) : resolve()));
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitUntilServing(host, child);
  } catch (error) {
    const log = readFileSync(logFile, 'utf8').slice(-4000);
    await stop();
    throw new Error(`${(error as Error).message}\n${log}`);
  }
  return { host, username, password, storageDir, tokenRequests, stop };
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function waitUntilServing(host: string, child: ChildProcess): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt++) {
    if (child.exitCode !== null) throw new Error(`docker-registry exited with ${child.exitCode}`);
    const ok = await new Promise<boolean>((resolve) => {
      const req = http.get(`http://${host}/v2/`, (res) => {
        res.resume();
        resolve(true);
      });
      req.on('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('docker-registry did not start');
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

interface TokenServerOptions {
  readonly username: string;
  readonly password: string;
  readonly key: KeyObject;
  readonly certDer: string;
  readonly tokenRequests: { scopes: string[]; granted: boolean }[];
}

/** Docker's token protocol: GET /token?service=…&scope=… with Basic credentials → a signed JWT. */
function startTokenServer(options: TokenServerOptions): Promise<http.Server> {
  const expected = `Basic ${Buffer.from(`${options.username}:${options.password}`).toString('base64')}`;
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://token');
    const scopes = url.searchParams.getAll('scope');
    const granted = req.headers.authorization === expected;
    options.tokenRequests.push({ scopes, granted });
    if (!granted) {
      res.writeHead(401, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ errors: [{ code: 'UNAUTHORIZED', message: 'authentication required' }] }));
      return;
    }
    const access = scopes.flatMap((scope) => {
      const [type, ...rest] = scope.split(':');
      const actions = rest.pop();
      return type && actions ? [{ type, name: rest.join(':'), actions: actions.split(',') }] : [];
    });
    const now = Math.floor(Date.now() / 1000);
    const token = jwt(
      { typ: 'JWT', alg: 'RS256', x5c: [options.certDer] },
      {
        iss: ISSUER,
        sub: options.username,
        aud: SERVICE,
        exp: now + 600,
        nbf: now - 10,
        iat: now,
        jti: randomBytes(8).toString('hex'),
        access,
      },
      options.key,
    );
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ token, access_token: token, expires_in: 600 }));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

function jwt(header: object, claims: object, key: KeyObject): string {
  const encode = (o: object): string => Buffer.from(JSON.stringify(o)).toString('base64url');
  const input = `${encode(header)}.${encode(claims)}`;
  return `${input}.${sign('sha256', Buffer.from(input), key).toString('base64url')}`;
}
