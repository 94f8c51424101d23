// The host side a component sees: variables (manifest defaults, SPIN_VARIABLE_* overrides,
// required ones named before serving), the default key-value store kept under .spin/ between
// runs, allowed_outbound_hosts, files mounted at /, and the refusal of what cannot run here.
import { strict as assert } from 'node:assert';
import { writeFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { isAllowed, outboundTarget } from '../../../src/localRun/allowedHosts';
import { loadComponent } from '../../../src/localRun/componentCache';
import { checkComponent } from '../../../src/localRun/componentCheck';
import { stageFiles } from '../../../src/localRun/fileMounts';
import { KeyValueFile } from '../../../src/localRun/keyValue';
import type { LocalApp } from '../../../src/localRun/localApp';
import { keyValueInterface, variablesInterface } from '../../../src/localRun/spinInterfaces';
import { checkRequiredVariables, ComponentVariables } from '../../../src/localRun/variables';
import { loadShim } from '../../../src/localRun/wasmRuntime';
import { tempFolder } from '../../support/tempFolder';
import { EMPTY_WASM_MODULE } from '../../support/wasm';

const APP_VARIABLES = [
  { name: 'greeting', default: 'Hello', required: false },
  { name: 'api_key', required: true },
];

describe('local run: host interfaces', () => {
  it('a component variable renders the manifest default, and SPIN_VARIABLE_* overrides it on the next get', () => {
    const env: Record<string, string> = {};
    const variables = variablesInterface(
      new ComponentVariables(
        'hello',
        new Map([['message', '{{ greeting }}, world']]),
        APP_VARIABLES,
        () => env,
      ),
    );
    assert.equal(variables.get('message'), 'Hello, world');
    env['SPIN_VARIABLE_GREETING'] = 'Howdy';
    assert.equal(variables.get('message'), 'Howdy, world');
    assert.throws(() => variables.get('other'), { tag: 'undefined', val: 'no variable for "hello"."other"' });
  });

  it('required variables without a value are named before serving', () => {
    const app = { variables: APP_VARIABLES } as unknown as LocalApp;
    assert.throws(() => checkRequiredVariables(app, {}), {
      message: 'Required variable api_key has no value: set SPIN_VARIABLE_API_KEY in the environment.',
    });
    assert.doesNotThrow(() => checkRequiredVariables(app, { SPIN_VARIABLE_API_KEY: 'k' }));
  });

  it('the default key-value store persists in .spin/ across runs, and an ungranted label is access-denied', () => {
    const folder = tempFolder('spinkube-kv');
    try {
      const file = folder.file('.spin/key_value.json');
      const first = keyValueInterface({ file: new KeyValueFile(file), granted: ['default'] }).Store as {
        open(label: string): { set(k: string, v: Uint8Array): void; get(k: string): Uint8Array | undefined };
      };
      first.open('default').set('visits', new TextEncoder().encode('3'));
      const secondRun = keyValueInterface({ file: new KeyValueFile(file), granted: ['default'] })
        .Store as typeof first;
      const value = secondRun.open('default').get('visits');
      assert.equal(new TextDecoder().decode(value), '3');
      const denied = keyValueInterface({ file: new KeyValueFile(file), granted: [] }).Store as typeof first;
      assert.throws(() => denied.open('default'), { tag: 'access-denied' });
    } finally {
      folder.remove();
    }
  });

  it('allowed_outbound_hosts: scheme, host, wildcard, default and ranged ports; an empty list denies all', () => {
    const http = (authority: string) => outboundTarget('http', authority);
    assert.equal(isAllowed(['http://127.0.0.1:8080'], http('127.0.0.1:8080')), true);
    assert.equal(isAllowed(['http://127.0.0.1:8080'], http('127.0.0.1:8081')), false);
    assert.equal(isAllowed(['https://127.0.0.1:8080'], http('127.0.0.1:8080')), false);
    assert.equal(isAllowed(['http://*.example.com'], http('api.example.com')), true);
    assert.equal(isAllowed(['http://example.com'], http('example.com:80')), true);
    assert.equal(isAllowed(['http://localhost:8000..9000'], http('localhost:8500')), true);
    assert.equal(isAllowed(['*://*:*'], http('anything:1')), true);
    assert.equal(isAllowed(['http://10.0.0.0/8:*'], http('10.1.2.3:99')), true);
    assert.equal(isAllowed([], http('example.com')), false);
  });

  it('files are mounted at / for the guest through preview2-shim preopens, without excluded files', async () => {
    const folder = tempFolder('spinkube-files', {
      'static/index.html': '<h1>hi</h1>',
      'static/secret.key': 'k',
    });
    try {
      const staged = stageFiles(
        folder.path,
        [
          {
            kind: 'pattern',
            pattern: 'static/**/*',
            range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
          },
        ],
        ['**/*.key'],
      );
      assert.ok(staged);
      const shim = await loadShim();
      const imports = new shim.WASIShim({
        sandbox: { preopens: { '/': staged }, env: {} },
      }).getImportObject();
      const preopens = imports['wasi:filesystem/preopens'] as { getDirectories(): [Descriptor, string][] };
      const [[root, mountedAt] = []] = preopens.getDirectories();
      assert.equal(mountedAt, '/');
      const file = root!.openAt({}, 'static/index.html', {}, { read: true });
      const [bytes] = file.read(100n, 0n);
      assert.equal(new TextDecoder().decode(bytes), '<h1>hi</h1>');
      assert.throws(() => root!.openAt({}, 'static/secret.key', {}, { read: true }));
    } finally {
      folder.remove();
    }
  });

  it('refuses a component importing an unsupported Spin interface, naming it', () => {
    assert.throws(() => checkComponent('db', ['wasi:io/streams', 'fermyon:spin/sqlite@2.0.0'], undefined), {
      message:
        'Component db imports fermyon:spin/sqlite@2.0.0 (SQLite), which Run Locally does not provide: run it with `spin up` (the Spin CLI) or Deploy it to SpinKube.',
    });
  });

  it('refuses a plain Wasm module before serving', async () => {
    const folder = tempFolder('spinkube-module');
    try {
      writeFileSync(folder.file('module.wasm'), EMPTY_WASM_MODULE);
      await assert.rejects(loadComponent('old', folder.file('module.wasm'), folder.file('cache')), {
        message:
          'Component old is a plain Wasm module, not a component, and Run Locally runs only components: run it with `spin up` (the Spin CLI) or Deploy it to SpinKube.',
      });
    } finally {
      folder.remove();
    }
  });
});

interface Descriptor {
  openAt(pathFlags: object, path: string, openFlags: object, flags: object): Descriptor;
  read(length: bigint, offset: bigint): [Uint8Array, boolean];
}
