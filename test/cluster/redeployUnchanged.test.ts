// Redeploying an unchanged app changes nothing and says so: the build skips up-to-date components,
// the push finds the app already under its reference, and a dry-run apply finds the SpinApp as it
// is — `spinkube deploy REF --build` as the palette Deploy runs it, against the sandbox and a real
// local registry. A reference that names only a registry is refused before anything is built.
import { strict as assert } from 'node:assert';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { runSpinkubeCli } from '../../src/cli/pipeline/cli';
import { loadKubeconfig } from '../../src/cluster/kubeconfig';
import { ClusterSession } from '../../src/cluster/session';
import { deploySpinApp, type DeployCluster } from '../../src/pipeline/deploy';
import { pushApp } from '../../src/pipeline/oci/push';
import { startRegistry, type LocalRegistry } from '../support/registry';
import { startSandbox, type Sandbox } from '../support/sandbox';
import { tempFolder, type TempFolder } from '../support/tempFolder';
import { wasmModule } from '../support/wasm';

const TOML =
  'spin_manifest_version = 2\n[application]\nname = "again"\nversion = "0.1.0"\n' +
  '[[trigger.http]]\nroute = "/..."\ncomponent = "front"\n' +
  '[component.front]\nsource = "front.wasm"\n[component.front.build]\n' +
  'command = "cp src/front.wasm front.wasm && echo built >> build.log"\nwatch = ["src/*.wasm"]\n';

describe('unchanged redeploys', () => {
  let registry: LocalRegistry;
  let sandbox: Sandbox;
  let app: TempFolder;

  before(async () => {
    registry = await startRegistry();
    sandbox = await startSandbox({ seed: 'empty', secondMs: 10, pullFrom: [registry.host] });
    app = tempFolder('spinkube-redeploy', { 'spin.toml': TOML, 'src/.keep': '' });
    writeFileSync(app.file('src/front.wasm'), wasmModule(4096, 'one'));
  });
  after(async () => {
    await sandbox?.stop();
    await registry?.stop();
    app?.remove();
  });

  async function spinkube(argv: string[]) {
    let stdout = '';
    let stderr = '';
    const code = await runSpinkubeCli([...argv, '--json'], {
      stdout: { write: (t: string) => (stdout += t) },
      stderr: { write: (t: string) => (stderr += t) },
      env: { KUBECONFIG: sandbox.kubeconfigPath },
      cwd: app.path,
    });
    const lines = stdout
      .trim()
      .split('\n')
      .filter((l) => l)
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const messages = lines.flatMap((l) => (typeof l.message === 'string' ? [`${l.step}: ${l.message}`] : []));
    return { code, result: lines.at(-1), messages, stderr };
  }

  it('deploy REF --build builds, pushes and applies; again unchanged, it says nothing changed', async () => {
    const reference = `${registry.host}/again:dev`;
    const first = await spinkube(['deploy', reference, '--build', '-r', '1', '--wait']);
    assert.equal(first.code, 0, JSON.stringify(first.result));
    assert.equal(first.result?.message, 'SpinApp "again" is available: 1/1 ready.');
    assert.deepEqual(first.result?.applied, ['SpinApp/again']);

    const second = await spinkube(['deploy', reference, '--build', '-r', '1', '--wait']);
    assert.equal(second.code, 0, JSON.stringify(second.result));
    assert.match(
      String(second.result?.message),
      /^Nothing changed: again is already running in \S+ \/ default$/,
    );
    assert.deepEqual(second.result?.applied, []);
    assert.ok(second.messages.includes('build: front: up to date'), second.messages.join('\n'));
    assert.ok(
      second.messages.some((m) => m.startsWith(`push: ${reference} is up to date (sha256:`)),
      second.messages.join('\n'),
    );
    assert.ok(second.messages.includes('apply: SpinApp "again" is unchanged'), second.messages.join('\n'));

    writeFileSync(app.file('src/front.wasm'), wasmModule(4096, 'two'));
    const third = await spinkube(['deploy', reference, '--build', '-r', '1', '--wait']);
    assert.equal(third.code, 0, JSON.stringify(third.result));
    assert.equal(third.result?.message, 'SpinApp "again" is available: 1/1 ready.');
    assert.deepEqual(third.result?.applied, ['SpinApp/again']);
  });

  it('refuses a registry alone as REF (exit 2) before it builds anything', async () => {
    const log = app.file('build.log');
    const before = existsSync(log) ? readFileSync(log, 'utf8') : '';
    const run = await spinkube(['deploy', registry.host, '--build']);
    assert.equal(run.code, 2);
    assert.equal(
      run.result?.message,
      `'${registry.host}' is a registry, not a repository: Docker would read it as docker.io/library/${registry.host}. Name the repository too, for example ${registry.host}/again.`,
    );
    assert.equal(existsSync(log) ? readFileSync(log, 'utf8') : '', before);
    const push = await spinkube(['push', registry.host]);
    assert.equal(push.code, 2);
    assert.equal(push.result?.message, run.result?.message);
  });

  it('build --force runs every build command even when up to date', async () => {
    await spinkube(['build']);
    const skipped = await spinkube(['build']);
    assert.deepEqual(skipped.result?.built, []);
    assert.deepEqual(skipped.result?.upToDate, ['front']);
    const forced = await spinkube(['build', '--force']);
    assert.deepEqual(forced.result?.built, ['front']);
  });

  it('a push of what the registry has keeps its manifest and digest', async () => {
    const reference = `${registry.host}/again:same`;
    const first = await pushApp({ manifestPath: app.file('spin.toml'), reference });
    const second = await pushApp({ manifestPath: app.file('spin.toml'), reference });
    assert.equal(first.unchanged, false);
    assert.equal(second.unchanged, true);
    assert.equal(second.digest, first.digest);
    assert.equal(second.uploadedBytes, 0);
  });

  it('the apply is skipped only when a dry run says nothing would change', async () => {
    const loaded = loadKubeconfig({ setting: sandbox.kubeconfigPath });
    assert.ok(loaded.ok);
    const session = new ClusterSession(loaded.kubeConfig);
    try {
      const spinApp = (replicas: number) => ({
        apiVersion: 'core.spinkube.dev/v1alpha1',
        kind: 'SpinApp',
        metadata: { name: 'dry' },
        spec: { image: 'ghcr.io/spinkube/dry:1', executor: 'containerd-shim-spin', replicas },
      });
      const options = { namespace: 'default', wait: false, skipUnchanged: true };
      assert.equal((await deploySpinApp(session, [spinApp(1)], options)).unchanged, false, 'new app');
      assert.equal((await deploySpinApp(session, [spinApp(1)], options)).unchanged, true, 'same app');
      // The operator writing the status between the two reads is no change of ours.
      const transport = session.transport;
      const racing: DeployCluster = {
        defaultNamespace: session.defaultNamespace,
        acquire: session.acquire.bind(session),
        spinKubeGroup: session.spinKubeGroup.bind(session),
        transport: Object.assign(Object.create(transport) as typeof transport, {
          request: async <T>(request: Parameters<typeof transport.request>[0]): Promise<T> => {
            const answer = await transport.request<T>(request);
            const read = request.method === undefined && request.path.endsWith('/spinapps/dry');
            return read ? ({ ...answer, status: { readyReplicas: 99 } } as T) : answer;
          },
        }),
      };
      assert.equal((await deploySpinApp(racing, [spinApp(1)], options)).unchanged, true, 'status moved');
      const changed = await deploySpinApp(session, [spinApp(2)], options);
      assert.equal(changed.unchanged, false, 'more replicas');
      assert.deepEqual(
        changed.applied.map((a) => a.name),
        ['dry'],
      );
    } finally {
      session.dispose();
    }
  });
});
