// Fault: @kubernetes/client-node's exec credential plugin wrote the kubeconfig's `exec.env` into
// process.env of the whole extension host, so build commands, credential helpers and other
// extensions inherited a plugin's secrets. The plugin must still get its variables; the host not.
import * as assert from 'node:assert/strict';
import type { RequestOptions } from 'node:https';
import { describe, it } from 'node:test';
import { loadKubeconfig } from '../../src/cluster/kubeconfig';
import { runShellCommand } from '../../src/pipeline/build/runShellCommand';
import { tempFolder } from '../support/tempFolder';

const NAME = 'SPINKUBE_TEST_PLUGIN_SECRET';

describe('exec credential plugin environment', () => {
  it('gives the plugin its variables without writing them into process.env', async () => {
    const folder = tempFolder('spinkube-exec-env');
    try {
      // The plugin answers with a token made of the variable it was given.
      folder.write(
        'plugin.js',
        `process.stdout.write(JSON.stringify({ apiVersion: 'client.authentication.k8s.io/v1', kind: 'ExecCredential', status: { token: 'tok-' + process.env.${NAME} } }));`,
      );
      folder.write(
        'config',
        [
          'apiVersion: v1',
          'kind: Config',
          'clusters: [{ name: c, cluster: { server: "https://127.0.0.1:6443" } }]',
          'contexts: [{ name: x, context: { cluster: c, user: u } }]',
          'current-context: x',
          'users:',
          '- name: u',
          '  user:',
          '    exec:',
          '      apiVersion: client.authentication.k8s.io/v1',
          `      command: ${JSON.stringify(process.execPath)}`,
          `      args: [${JSON.stringify(folder.file('plugin.js'))}]`,
          `      env: [{ name: ${NAME}, value: hunter2 }]`,
          '      interactiveMode: Never',
          '',
        ].join('\n'),
      );
      const loaded = loadKubeconfig({ setting: folder.file('config'), env: {} });
      assert.ok(loaded.ok);
      const options: RequestOptions = {};
      await loaded.kubeConfig.applyToHTTPSOptions(options);
      assert.equal((options.headers as Record<string, string>)['Authorization'], 'Bearer tok-hunter2');
      assert.equal(process.env[NAME], undefined, 'the host environment is untouched');

      // And so a build command started afterwards does not see it.
      const lines: string[] = [];
      await runShellCommand(`echo "[$${NAME}]"`, {
        cwd: folder.path,
        env: process.env,
        onLine: (l) => lines.push(l),
      });
      assert.deepEqual(lines, ['[]']);
    } finally {
      delete process.env[NAME];
      folder.remove();
    }
  });
});
