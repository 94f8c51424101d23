// The registry protocol against a scripted registry on 127.0.0.1: how uploads, mounts and the
// token handshake behave when a registry answers the way some real ones do.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { PipelineError } from '../../../src/pipeline/events';
import { createBlobSender } from '../../../src/pipeline/oci/blobSender';
import { blobExists, uploadBlob } from '../../../src/pipeline/oci/blobUpload';
import { dockerCredentials } from '../../../src/pipeline/oci/credentials';
import { RegistryClient } from '../../../src/pipeline/oci/registryClient';
import { tokenRequest } from '../../../src/pipeline/oci/tokenRequest';
import type { Blob } from '../../../src/pipeline/package/packageApp';
import { rejectionOf } from '../../support/rejection';

type Handler = (request: http.IncomingMessage, body: Buffer, response: http.ServerResponse) => void;

interface ScriptedRegistry {
  readonly host: string;
  /** Requests seen, as `METHOD path?query`. */
  readonly requests: string[];
  close(): Promise<void>;
}

async function scriptedRegistry(handler: Handler): Promise<ScriptedRegistry> {
  const requests: string[] = [];
  const server = http.createServer((request, response) => {
    requests.push(`${request.method} ${request.url}`);
    const chunks: Buffer[] = [];
    request.on('data', (c: Buffer) => chunks.push(c));
    request.on('end', () => handler(request, Buffer.concat(chunks), response));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    host: `127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function blobOf(bytes: Buffer): Blob {
  const digest = `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
  return {
    digest,
    size: bytes.length,
    mediaType: 'application/octet-stream',
    content: { bytes },
    label: 'b',
  };
}

const failure = (promise: Promise<unknown>): Promise<PipelineError> =>
  rejectionOf(promise, PipelineError, 'the push');

function errorBody(code: string, message: string): string {
  return JSON.stringify({ errors: [{ code, message }] });
}

describe('registry protocol', () => {
  it('a 404 for a lost upload session is not reported as an unknown repository', async () => {
    const registry = await scriptedRegistry((request, _body, response) => {
      if (request.method === 'POST') {
        response.writeHead(202, { Location: '/v2/app/blobs/uploads/abc?_state=x' }).end();
      } else {
        response.writeHead(404, { 'Content-Type': 'application/json' });
        response.end(errorBody('BLOB_UPLOAD_UNKNOWN', 'blob upload unknown to registry'));
      }
    });
    const client = new RegistryClient({ host: registry.host, plainHttp: true });
    try {
      const error = await failure(uploadBlob({ client, repository: 'app', blob: blobOf(Buffer.from('x')) }));
      assert.equal(error.kind, 'registry-error');
      assert.doesNotMatch(error.message, /does not know the repository/);
      assert.match(error.message, /blob upload unknown/);
    } finally {
      client.close();
      await registry.close();
    }
  });

  it('a body too large for the registry (or a proxy in front of it) says which limit to raise', async () => {
    const registry = await scriptedRegistry((request, _body, response) => {
      if (request.method === 'POST') {
        response.writeHead(202, { Location: '/v2/app/blobs/uploads/abc' }).end();
      } else {
        response.writeHead(413, { 'Content-Type': 'text/html' });
        response.end('<html><title>413 Request Entity Too Large</title><center>nginx</center></html>');
      }
    });
    const client = new RegistryClient({ host: registry.host, plainHttp: true });
    try {
      const error = await failure(
        uploadBlob({ client, repository: 'app', blob: blobOf(Buffer.alloc(4000)) }),
      );
      assert.equal(error.kind, 'registry-error');
      assert.match(error.message, /too large/);
      assert.match(error.message, /client_max_body_size/);
    } finally {
      client.close();
      await registry.close();
    }
  });

  it('a blob whose upload meets a passing failure (503, a reset connection) is sent again; a refusal is not', async () => {
    const answers = [503, 201];
    let puts = 0;
    const registry = await scriptedRegistry((request, _body, response) => {
      if (request.method === 'HEAD') {
        response.writeHead(404).end();
      } else if (request.method === 'POST') {
        response.writeHead(202, { Location: '/v2/app/blobs/uploads/abc' }).end();
      } else {
        puts++;
        response.writeHead(answers.shift() ?? 403).end();
      }
    });
    const client = new RegistryClient({ host: registry.host, plainHttp: true });
    const send = async (blob: Blob) => {
      const sender = createBlobSender({
        client,
        registry: registry.host,
        repository: 'app',
        siblings: [],
        concurrency: 1,
        authenticated: Promise.resolve(),
        signal: new AbortController().signal,
        emit: () => undefined,
      });
      sender.send(blob);
      return sender.outcomes();
    };
    try {
      const [outcome] = await send(blobOf(Buffer.alloc(2_000_000, 'r')));
      assert.equal(outcome?.how, 'uploaded');
      assert.equal(puts, 2);
      const refused = await failure(send(blobOf(Buffer.alloc(2_000_000, 's'))));
      assert.equal(refused.kind, 'registry-denied');
      assert.equal(puts, 3, 'a refusal is not retried');
    } finally {
      client.close();
      await registry.close();
    }
  });

  it('falls back to a plain upload when the registry refuses the mount parameter', async () => {
    let put: Buffer | undefined;
    const registry = await scriptedRegistry((request, body, response) => {
      const url = new URL(request.url ?? '', 'http://x');
      if (request.method === 'POST' && url.searchParams.has('mount')) {
        response.writeHead(405, { 'Content-Type': 'application/json' });
        response.end(errorBody('UNSUPPORTED', 'The operation is unsupported.'));
      } else if (request.method === 'POST') {
        response.writeHead(202, { Location: '/v2/app/blobs/uploads/abc?_state=x' }).end();
      } else {
        assert.equal(url.searchParams.get('_state'), 'x');
        put = body;
        response.writeHead(201).end();
      }
    });
    const client = new RegistryClient({ host: registry.host, plainHttp: true });
    try {
      const bytes = Buffer.from('hello');
      const outcome = await uploadBlob({
        client,
        repository: 'app',
        blob: blobOf(bytes),
        mountFrom: ['app'],
      });
      assert.equal(outcome.how, 'uploaded');
      assert.deepEqual(put, bytes);
    } finally {
      client.close();
      await registry.close();
    }
  });

  it('keeps the query of the upload location byte for byte and adds the digest', async () => {
    const state = '_state=aB~c*d%2Fe%3D%3D&_nouploadcache=false';
    let putUrl = '';
    const registry = await scriptedRegistry((request, _body, response) => {
      if (request.method === 'POST') {
        response.writeHead(202, { Location: `/v2/app/blobs/uploads/abc?${state}` }).end();
      } else {
        putUrl = request.url ?? '';
        response.writeHead(201).end();
      }
    });
    const client = new RegistryClient({ host: registry.host, plainHttp: true });
    try {
      const blob = blobOf(Buffer.from('content'));
      await uploadBlob({ client, repository: 'app', blob });
      assert.equal(putUrl, `/v2/app/blobs/uploads/abc?${state}&digest=${encodeURIComponent(blob.digest)}`);
    } finally {
      client.close();
      await registry.close();
    }
  });

  it('a HEAD answered with a redirect means the blob is there; one the registry does not support means upload', async () => {
    const answers = new Map<string, number>();
    const registry = await scriptedRegistry((request, _body, response) => {
      const status = answers.get(request.url?.split('/').pop() ?? '') ?? 500;
      response.writeHead(status, status === 307 ? { Location: 'https://storage.example/blob' } : {}).end();
    });
    const client = new RegistryClient({ host: registry.host, plainHttp: true });
    try {
      const redirected = blobOf(Buffer.from('stored elsewhere'));
      const unsupported = blobOf(Buffer.from('no HEAD here'));
      answers.set(redirected.digest, 307);
      answers.set(unsupported.digest, 405);
      assert.equal(await blobExists(client, 'app', redirected), true);
      assert.equal(await blobExists(client, 'app', unsupported), false);
    } finally {
      client.close();
      await registry.close();
    }
  });

  it('asks the token server for each scope a challenge names, as separate scope parameters', async () => {
    const tokenScopes: string[][] = [];
    let authorized = 0;
    const registry = await scriptedRegistry((request, _body, response) => {
      const url = new URL(request.url ?? '', 'http://x');
      if (url.pathname === '/token') {
        tokenScopes.push(url.searchParams.getAll('scope'));
        response.writeHead(200, { 'Content-Type': 'application/json' });
        response.end(JSON.stringify({ token: `t${tokenScopes.length}` }));
        return;
      }
      const realm = `http://${request.headers.host ?? ''}/token`;
      if (url.pathname === '/v2/' || request.headers.authorization !== 'Bearer t2') {
        const scope = 'repository:app:pull,push repository:base:pull';
        response.writeHead(401, {
          'WWW-Authenticate': `Bearer realm="${realm}",service="reg",scope="${scope}"`,
        });
        response.end();
        return;
      }
      authorized++;
      response.writeHead(200).end();
    });
    const client = new RegistryClient({ host: registry.host, plainHttp: true });
    try {
      await client.authenticate(['repository:app:pull,push']);
      await client.request('HEAD', '/v2/app/blobs/sha256:00', { what: 'check' });
      assert.equal(authorized, 1);
      assert.deepEqual(tokenScopes.at(-1), ['repository:app:pull,push', 'repository:base:pull']);
    } finally {
      client.close();
      await registry.close();
    }
  });

  it('uses the identity token docker login stored (az acr login) as an OAuth2 refresh token', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'spinkube-registry-protocol-'));
    dirs.push(dir);
    const forms: Record<string, string>[] = [];
    const registry = await scriptedRegistry((request, body, response) => {
      const url = new URL(request.url ?? '', 'http://x');
      if (url.pathname === '/oauth2/token') {
        const form = Object.fromEntries(new URLSearchParams(body.toString('utf8')));
        forms.push(form);
        const ok = request.method === 'POST' && form['refresh_token'] === 'refresh-123';
        response.writeHead(ok ? 200 : 401, { 'Content-Type': 'application/json' });
        response.end(ok ? JSON.stringify({ access_token: 'access-1' }) : '{}');
        return;
      }
      if (request.headers.authorization === 'Bearer access-1') {
        response.writeHead(200).end();
        return;
      }
      const realm = `http://${request.headers.host ?? ''}/oauth2/token`;
      response.writeHead(401, { 'WWW-Authenticate': `Bearer realm="${realm}",service="reg.example"` }).end();
    });
    const config = join(dir, 'config.json');
    const auth = {
      identitytoken: 'refresh-123',
      auth: Buffer.from('00000000-0000-0000-0000-000000000000:').toString('base64'),
    };
    writeFileSync(config, JSON.stringify({ auths: { [registry.host]: auth } }));
    const credentials = await dockerCredentials(registry.host, config);
    const client = new RegistryClient({ host: registry.host, plainHttp: true, credentials });
    try {
      await client.authenticate(['repository:app:pull,push']);
      const head = await client.request('GET', '/v2/app/tags/list', { what: 'tags' });
      assert.equal(head.status, 200);
      assert.equal(forms.at(-1)?.['grant_type'], 'refresh_token');
      assert.equal(forms.at(-1)?.['service'], 'reg.example');
      assert.equal(forms.at(-1)?.['scope'], 'repository:app:pull,push');
    } finally {
      client.close();
      await registry.close();
    }
  });

  it('a token server that answers with something other than JSON is named as the cause', async () => {
    const registry = await scriptedRegistry((request, _body, response) => {
      if (request.url?.startsWith('/token')) {
        response.writeHead(200, { 'Content-Type': 'text/html' }).end('<html>Sign in</html>');
        return;
      }
      const realm = `http://${request.headers.host ?? ''}/token`;
      response.writeHead(401, { 'WWW-Authenticate': `Bearer realm="${realm}",service="reg"` }).end();
    });
    const client = new RegistryClient({
      host: registry.host,
      plainHttp: true,
      credentials: { username: 'me', password: 'secret-pw' },
    });
    try {
      const error = await failure(client.authenticate(['repository:app:pull,push']));
      assert.equal(error.kind, 'registry-error');
      assert.match(error.message, /token/);
      assert.doesNotMatch(`${error.message} ${error.evidence.join(' ')}`, /secret-pw/);
    } finally {
      client.close();
      await registry.close();
    }
  });

  it('a challenge whose realm is not a URL is named as the cause', async () => {
    const registry = await scriptedRegistry((_request, _body, response) => {
      response.writeHead(401, { 'WWW-Authenticate': 'Bearer realm="/token",service="reg"' }).end();
    });
    const client = new RegistryClient({ host: registry.host, plainHttp: true });
    try {
      const error = await failure(client.authenticate(['repository:app:pull,push']));
      assert.equal(error.kind, 'registry-error');
      assert.match(error.message, /realm/);
    } finally {
      client.close();
      await registry.close();
    }
  });

  /** Uploads a 600 kB file blob after the file was rewritten as `now`; counts the PUTs the registry answered. */
  async function uploadRewritten(
    now: (original: Buffer) => Buffer,
  ): Promise<{ error: PipelineError; puts: number }> {
    const dir = mkdtempSync(join(tmpdir(), 'spinkube-registry-protocol-'));
    dirs.push(dir);
    const file = join(dir, 'layer.wasm');
    const original = Buffer.alloc(600_000, 'a');
    const blob: Blob = { ...blobOf(original), content: { file }, label: 'layer.wasm' };
    writeFileSync(file, now(original));
    let puts = 0;
    const registry = await scriptedRegistry((request, _body, response) => {
      if (request.method === 'POST') {
        response.writeHead(202, { Location: '/v2/app/blobs/uploads/abc' }).end();
      } else {
        puts++;
        response.writeHead(201).end();
      }
    });
    const client = new RegistryClient({ host: registry.host, plainHttp: true });
    try {
      return { error: await failure(uploadBlob({ client, repository: 'app', blob })), puts };
    } finally {
      client.close();
      await registry.close();
    }
  }

  it('a file that shrank since it was hashed fails the upload instead of hanging it', async () => {
    const { error } = await uploadRewritten((original) => original.subarray(0, 300_000));
    assert.match(error.message, /changed while it was being pushed/);
  });

  it('a file that grew since it was hashed fails the upload before the registry sees a whole body', async () => {
    const { error, puts } = await uploadRewritten((original) =>
      Buffer.concat([original, Buffer.alloc(1000, 'b')]),
    );
    assert.match(error.message, /changed while it was being pushed/);
    assert.equal(puts, 0, 'the registry never answered a PUT');
  });
  it('never sends credentials of an HTTPS registry to a plain-HTTP token realm', () => {
    const challenge = { params: { realm: 'http://auth.example/token', service: 'reg' } };
    const badRealm = (): PipelineError => new PipelineError('registry-error', 'bad realm');
    const credentials = { username: 'me', password: 'secret-pw' };
    assert.throws(
      () => tokenRequest(challenge, ['repository:app:pull'], credentials, badRealm, { secureRegistry: true }),
      (e: unknown) =>
        e instanceof PipelineError && /unencrypted/.test(e.message) && !/secret-pw/.test(e.message),
    );
    const anonymous = tokenRequest(challenge, ['repository:app:pull'], undefined, badRealm, {
      secureRegistry: true,
    });
    assert.equal(anonymous.headers['Authorization'], undefined);
    const local = tokenRequest(challenge, ['repository:app:pull'], credentials, badRealm, {
      secureRegistry: false,
    });
    assert.match(local.headers['Authorization'] ?? '', /^Basic /);
  });
});
