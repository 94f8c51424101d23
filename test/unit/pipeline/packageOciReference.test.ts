import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { dockerCredentials } from '../../../src/pipeline/oci/credentials';
import { formatReference, parseReference, usesPlainHttp } from '../../../src/pipeline/oci/reference';
import { parseChallenge } from '../../../src/pipeline/oci/registryClient';

describe('parseReference', () => {
  it('reads registry, repository, tag and digest as Docker does', () => {
    assert.deepEqual(parseReference('ghcr.io/spinkube/app:v0.1.0'), {
      registry: 'ghcr.io',
      apiHost: 'ghcr.io',
      repository: 'spinkube/app',
      tag: 'v0.1.0',
      digest: undefined,
    });
    const local = parseReference('127.0.0.1:5000/demo/hello');
    assert.equal(local.registry, '127.0.0.1:5000');
    assert.equal(local.tag, 'latest');
    const hub = parseReference('hello');
    assert.equal(hub.registry, 'docker.io');
    assert.equal(hub.apiHost, 'registry-1.docker.io');
    assert.equal(hub.repository, 'library/hello');
    const pinned = parseReference(`localhost:5000/a/b@sha256:${'a'.repeat(64)}`);
    assert.equal(pinned.tag, undefined);
    assert.equal(pinned.digest, `sha256:${'a'.repeat(64)}`);
    assert.equal(formatReference(pinned), `localhost:5000/a/b@sha256:${'a'.repeat(64)}`);
  });

  it('rejects what is not a reference, saying why', () => {
    assert.throws(() => parseReference(''), /invalid image reference '': it is empty/);
    assert.throws(() => parseReference('ghcr.io/Upper/app:v1'), /repository must be lowercase/);
    assert.throws(() => parseReference('ghcr.io/app:bad tag'), /is not a valid tag/);
    assert.throws(() => parseReference('ghcr.io/app@sha256:short'), /is not a digest/);
  });

  it('allows plain HTTP only for loopback hosts and listed insecure registries', () => {
    assert.equal(usesPlainHttp('127.0.0.1:5000'), true);
    assert.equal(usesPlainHttp('localhost:5000'), true);
    assert.equal(usesPlainHttp('registry.lan:5000'), false);
    assert.equal(usesPlainHttp('registry.lan:5000', ['registry.lan:5000']), true);
    assert.equal(usesPlainHttp('ghcr.io'), false);
  });
});

describe('registry auth helpers', () => {
  it('parses Bearer and Basic challenges', () => {
    assert.deepEqual(
      parseChallenge(
        'Bearer realm="https://auth.example/token",service="registry.example",scope="repository:a/b:pull,push"',
      ),
      {
        scheme: 'bearer',
        params: {
          realm: 'https://auth.example/token',
          service: 'registry.example',
          scope: 'repository:a/b:pull,push',
        },
      },
    );
    assert.deepEqual(parseChallenge('Basic realm="Registry Realm"'), {
      scheme: 'basic',
      params: { realm: 'Registry Realm' },
    });
    assert.equal(parseChallenge(undefined), undefined);
  });

  const dir = mkdtempSync(join(tmpdir(), 'spinkube-dockercfg-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('reads credentials from Docker’s config.json auths, under any of the keys Docker uses', async () => {
    const config = join(dir, 'config.json');
    writeFileSync(
      config,
      JSON.stringify({
        auths: {
          'https://ghcr.io': { auth: Buffer.from('me:secret:with:colons').toString('base64') },
          'https://index.docker.io/v1/': { auth: Buffer.from('hubuser:hubpass').toString('base64') },
        },
      }),
    );
    assert.deepEqual(await dockerCredentials('ghcr.io', config), {
      username: 'me',
      password: 'secret:with:colons',
    });
    assert.deepEqual(await dockerCredentials('docker.io', config), {
      username: 'hubuser',
      password: 'hubpass',
    });
    assert.equal(await dockerCredentials('quay.io', config), undefined);
  });

  it('is anonymous when the config is missing or broken, or the helper does not exist', async () => {
    assert.equal(await dockerCredentials('ghcr.io', join(dir, 'missing.json')), undefined);
    writeFileSync(join(dir, 'broken.json'), '{ not json');
    assert.equal(await dockerCredentials('ghcr.io', join(dir, 'broken.json')), undefined);
    writeFileSync(join(dir, 'store.json'), JSON.stringify({ credsStore: 'spinkube-no-such-helper' }));
    assert.equal(await dockerCredentials('ghcr.io', join(dir, 'store.json')), undefined);
  });
});
