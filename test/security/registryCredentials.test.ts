// Faults: the registry password went to any URL with the registry's host, so an HTTPS registry
// (or a TLS-terminating proxy) answering `Location: http://<same host>/…` got `Basic …` in clear
// text; and a Docker config could name a credential helper by a relative path (`../../evil`).
// Through a real TLS registry on 127.0.0.1 that also answers plain HTTP on the same port, the
// client must refuse the plain-HTTP Location and never write the password on the plain wire.
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import * as net from 'node:net';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { dockerCredentials } from '../../src/pipeline/oci/credentials';
import { tempFolder } from '../support/tempFolder';
import { makeTestPki } from '../support/testCertificates';

const PASSWORD = 'hunter2-secret';
const BASIC = `Basic ${Buffer.from(`me:${PASSWORD}`).toString('base64')}`;

/** One port that speaks TLS (the registry) and, to a client that does not start TLS, plain HTTP. */
async function dualRegistry(ca: { cert: string; key: string }): Promise<{
  port: number;
  plainAuthorizations: string[];
  close(): Promise<void>;
}> {
  const plainAuthorizations: string[] = [];
  let port = 0;
  const secure = https.createServer({ cert: ca.cert, key: ca.key }, (request, response) => {
    if (request.headers.authorization !== BASIC) {
      response.writeHead(401, { 'WWW-Authenticate': 'Basic realm="registry"' }).end();
    } else if (request.url === '/v2/') {
      response.writeHead(200).end('{}');
    } else {
      // An upload location on the same host and port, but plain HTTP.
      response.writeHead(202, { Location: `http://127.0.0.1:${port}/v2/app/blobs/uploads/1` }).end();
    }
  });
  const plain = http.createServer((request, response) => {
    plainAuthorizations.push(request.headers.authorization ?? '');
    response.writeHead(201).end();
  });
  const server = net.createServer((socket) => {
    socket.once('readable', () => {
      const first = socket.read(1) as Buffer | null;
      if (!first) return socket.destroy();
      socket.unshift(first);
      (first[0] === 0x16 ? secure : plain).emit('connection', socket);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as net.AddressInfo).port;
  return {
    port,
    plainAuthorizations,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** Runs the registry client in a Node process that trusts the test CA (as NODE_EXTRA_CA_CERTS does for users). */
function pushThroughClient(port: number, caFile: string): Promise<string> {
  const client = path.join(__dirname, '..', '..', 'src', 'pipeline', 'oci', 'registryClient.js');
  const script = `
    const { RegistryClient } = require(${JSON.stringify(client)});
    const c = new RegistryClient({ host: '127.0.0.1:${port}', plainHttp: false, credentials: { username: 'me', password: ${JSON.stringify(PASSWORD)} } });
    (async () => {
      await c.authenticate(['repository:app:pull,push']);
      const start = await c.request('POST', '/v2/app/blobs/uploads/', { what: 'upload of a layer', accept: [202] });
      await c.request('PUT', String(start.headers.location), { what: 'upload of a layer' });
      return 'sent';
    })().then((r) => { console.log(r); c.close(); }, (e) => { console.log('refused: ' + e.message); c.close(); });`;
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['-e', script],
      { env: { ...process.env, NODE_EXTRA_CA_CERTS: caFile } },
      (error, stdout) => (error ? reject(error) : resolve(stdout.trim())),
    );
  });
}

describe('registry credentials stay with their origin', () => {
  const folder = tempFolder('spinkube-origin');
  let registry: Awaited<ReturnType<typeof dualRegistry>>;
  let caFile: string;

  before(async () => {
    const pki = makeTestPki({ ips: ['127.0.0.1'] });
    caFile = folder.file('ca.pem');
    writeFileSync(caFile, pki.ca);
    registry = await dualRegistry({ cert: pki.serverCert, key: pki.serverKey });
  });
  after(async () => {
    await registry.close();
    folder.remove();
  });

  it('refuses a plain-HTTP Location from an HTTPS registry and never sends the password in clear', async () => {
    const outcome = await pushThroughClient(registry.port, caFile);
    assert.match(outcome, /^refused: .*plain HTTP address \(http:\/\/127\.0\.0\.1:\d+\)/);
    assert.doesNotMatch(outcome, new RegExp(PASSWORD));
    assert.ok(
      registry.plainAuthorizations.every((a) => a === ''),
      'the plain-HTTP side never saw an Authorization header',
    );
  });

  it('runs no credential helper named by a path', async () => {
    const config = folder.file('config.json');
    const marker = folder.file('ran');
    // `docker-credential-a/../evil` is the program ./evil when a folder `docker-credential-a` exists.
    mkdirSync(folder.file('docker-credential-a'));
    writeFileSync(folder.file('evil'), `#!/bin/sh\ntouch ${JSON.stringify(marker)}\n`, { mode: 0o755 });
    const cwd = process.cwd();
    process.chdir(folder.path);
    try {
      for (const helper of ['a/../evil', '../../evil', 'x..y', 'ok name']) {
        writeFileSync(config, JSON.stringify({ credHelpers: { 'reg.example': helper } }));
        assert.equal(await dockerCredentials('reg.example', config), undefined, helper);
        writeFileSync(config, JSON.stringify({ credsStore: helper }));
        assert.equal(await dockerCredentials('reg.example', config), undefined, helper);
      }
    } finally {
      process.chdir(cwd);
    }
    assert.equal(existsSync(marker), false, 'the program named by a path did not run');
  });
});
