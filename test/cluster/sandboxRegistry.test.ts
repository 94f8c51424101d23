// The sandbox with a real local registry, as `npm start` runs it: its kubelet pulls from the
// registry, so a pod of an image the registry does not have fails with ErrImagePull and the
// registry's own answer, and the image a push put there runs. Images on other registries are not
// checked (the demo apps' images exist nowhere).
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import * as k8s from '@kubernetes/client-node';
import { pushApp } from '../../src/pipeline/oci/push';
import { waitFor } from '../support/waitFor';
import { startRegistry, type LocalRegistry } from '../support/registry';
import { startSandbox, type Sandbox } from '../support/sandbox';
import { tempFolder, type TempFolder } from '../support/tempFolder';
import { wasmModule } from '../support/wasm';

const APP_TOML =
  'spin_manifest_version = 2\n[application]\nname = "pulled"\nversion = "0.1.0"\n' +
  '[[trigger.http]]\nroute = "/..."\ncomponent = "pulled"\n' +
  '[component.pulled]\nsource = "pulled.wasm"\n';

describe('sandbox kubelet pulling from a local registry', () => {
  let registry: LocalRegistry;
  let sandbox: Sandbox;
  let app: TempFolder;
  let core: k8s.CoreV1Api;
  let custom: k8s.CustomObjectsApi;

  before(async () => {
    registry = await startRegistry();
    sandbox = await startSandbox({ seed: 'empty', secondMs: 10, pullFrom: [registry.host] });
    const kc = new k8s.KubeConfig();
    kc.loadFromFile(sandbox.kubeconfigPath);
    core = kc.makeApiClient(k8s.CoreV1Api);
    custom = kc.makeApiClient(k8s.CustomObjectsApi);
    app = tempFolder('spinkube-pull', { 'spin.toml': APP_TOML });
    writeFileSync(app.file('pulled.wasm'), wasmModule(2048));
  });

  after(async () => {
    await sandbox?.stop();
    await registry?.stop();
    app?.remove();
  });

  const createApp = (name: string, image: string): Promise<unknown> =>
    custom.createNamespacedCustomObject({
      group: 'core.spinkube.dev',
      version: 'v1alpha1',
      namespace: 'default',
      plural: 'spinapps',
      body: {
        apiVersion: 'core.spinkube.dev/v1alpha1',
        kind: 'SpinApp',
        metadata: { name },
        spec: { image, executor: 'containerd-shim-spin', replicas: 1 },
      },
    });
  const waiting = async (name: string) =>
    (
      await core.listNamespacedPod({
        namespace: 'default',
        labelSelector: `core.spinkube.dev/app-name=${name}`,
      })
    ).items[0]?.status?.containerStatuses?.[0]?.state?.waiting;
  const readyReplicas = async (name: string) =>
    (
      (await custom.getNamespacedCustomObject({
        group: 'core.spinkube.dev',
        version: 'v1alpha1',
        namespace: 'default',
        plural: 'spinapps',
        name,
      })) as { status?: { readyReplicas?: number } }
    ).status?.readyReplicas;

  it('fails a pod whose image the registry does not have with ErrImagePull and the registry answer', async () => {
    const image = `${registry.host}/missing:1.0`;
    await createApp('missing', image);
    const state = await waitFor('ErrImagePull', async () => {
      const w = await waiting('missing');
      return w?.reason === 'ErrImagePull' ? w : undefined;
    });
    assert.equal(
      state.message,
      `rpc error: code = NotFound desc = failed to pull and unpack image "${image}": failed to resolve reference "${image}": ${image}: not found (the registry answered 404 MANIFEST_UNKNOWN: manifest unknown)`,
    );
  });

  it('runs the image a push put in the registry, and one on a registry it does not check', async () => {
    const pushed = await pushApp({
      manifestPath: app.file('spin.toml'),
      reference: `${registry.host}/pulled:1.0`,
    });
    await createApp('pulled', pushed.digestReference);
    await createApp('elsewhere', 'ghcr.io/spinkube/elsewhere:1');
    await waitFor('the pushed app ready', async () => (await readyReplicas('pulled')) === 1);
    await waitFor('the unchecked app ready', async () => (await readyReplicas('elsewhere')) === 1);
  });

  it('pulls an image once it is pushed, after failing while it was missing', async () => {
    await createApp('late', `${registry.host}/late:1.0`);
    await waitFor('ErrImagePull', async () =>
      ['ErrImagePull', 'ImagePullBackOff'].includes(String((await waiting('late'))?.reason)),
    );
    await pushApp({ manifestPath: app.file('spin.toml'), reference: `${registry.host}/late:1.0` });
    await waitFor('ready after the push', async () => (await readyReplicas('late')) === 1, 30000);
  });
});
