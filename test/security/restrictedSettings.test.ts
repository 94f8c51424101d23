// Fault: `spinkube.registry.insecureHosts` had window scope and was not restricted, so a cloned
// repository's `.vscode/settings.json` could make pushes to ghcr.io plain HTTP, where anyone on
// the path can answer `401 Basic` and collect the stored password; and an untrusted folder could
// pre-fill where Push sends the app. What VS Code is told about each setting decides whether a
// folder's value is applied.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, it } from 'node:test';

interface Manifest {
  capabilities: { untrustedWorkspaces: { supported: string | boolean; restrictedConfigurations?: string[] } };
  contributes: { configuration: { properties: Record<string, { scope?: string }> } };
}

const pkg = JSON.parse(
  readFileSync(resolve(__dirname, '..', '..', '..', 'package.json'), 'utf8'),
) as Manifest;
const properties = pkg.contributes.configuration.properties;
const restricted = pkg.capabilities.untrustedWorkspaces.restrictedConfigurations ?? [];

describe('registry settings a folder cannot choose', () => {
  it('plain-HTTP registries are a machine setting, which folder settings cannot set', () => {
    assert.equal(properties['spinkube.registry.insecureHosts']?.scope, 'machine');
  });

  it('an untrusted folder applies no value of the registry, build or cluster settings', () => {
    for (const key of [
      'spinkube.registry.insecureHosts',
      'spinkube.registry.repository',
      'spinkube.spinPath',
      'spinkube.kubeconfig',
    ]) {
      assert.ok(restricted.includes(key), `${key} is restricted in untrusted folders`);
    }
  });
});
