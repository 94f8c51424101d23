// Pieces of the language server that decide behaviour: settings parsing, which documents depend
// on a change, and when a validation runs.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dependantsOf } from '../../src/server/dependants';
import { SERVER_CACHE_DIR_VARIABLE, serverEnvironment } from '../../src/server/protocol';
import { DEFAULT_SETTINGS, settingsFrom } from '../../src/server/settings';
import { ValidationScheduler } from '../../src/server/validationScheduler';

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('settingsFrom', () => {
  it('reads the nested section VS Code sends and the flat dotted form', () => {
    assert.deepEqual(
      settingsFrom({ validation: { enable: false, shimTriggers: ['http'], clusterAware: false } }),
      {
        validationEnabled: false,
        clusterAware: false,
        shimTriggers: ['http'],
        format: {},
      },
    );
    assert.equal(settingsFrom({ 'validation.enable': false }).validationEnabled, false);
  });

  it('reads the spin.toml format settings, nested or flat', () => {
    assert.deepEqual(settingsFrom({ format: { columnWidth: 100, arrayTrailingComma: false } }).format, {
      columnWidth: 100,
      arrayTrailingComma: false,
    });
    assert.deepEqual(settingsFrom({ 'format.allowedBlankLines': 1 }).format, { allowedBlankLines: 1 });
  });

  it('falls back to the defaults for anything malformed', () => {
    assert.deepEqual(settingsFrom(null), DEFAULT_SETTINGS);
    assert.deepEqual(settingsFrom({ validation: { enable: 'yes', shimTriggers: [1, 2] } }), DEFAULT_SETTINGS);
  });
});

describe('dependantsOf', () => {
  const open = [
    'file:///w/app/spin.toml',
    'file:///w/app/spinapp.yaml',
    'file:///w/other/spinapp.yaml',
    'file:///w/other/spin.toml',
    'file:///w/readme.md',
  ];
  it('re-checks every open YAML file when a spin.toml changes', () => {
    assert.deepEqual(dependantsOf('file:///w/app/spin.toml', open), [
      'file:///w/app/spinapp.yaml',
      'file:///w/other/spinapp.yaml',
    ]);
  });
  it('re-checks the spin.toml next to a YAML file that changes', () => {
    assert.deepEqual(dependantsOf('file:///w/other/spinapp.yaml', open), ['file:///w/other/spin.toml']);
  });
  it('has no dependants for other files', () => {
    assert.deepEqual(dependantsOf('file:///w/readme.md', open), []);
  });
});

describe('ValidationScheduler', () => {
  it('validates a fast document at once, inside the request', () => {
    const runs: string[] = [];
    const scheduler = new ValidationScheduler((uri) => runs.push(uri));
    scheduler.request('a');
    scheduler.request('a');
    assert.deepEqual(runs, ['a', 'a']);
  });

  it('coalesces rapid edits of a slow document into one run of the latest state', async () => {
    let state = 0;
    const seen: number[] = [];
    const slow = (): void => {
      seen.push(state);
      const until = Date.now() + 5;
      while (Date.now() < until) {
        // busy: this document counts as slow
      }
    };
    const scheduler = new ValidationScheduler(slow, 1);
    scheduler.request('doc'); // first run is immediate and measured slow
    assert.deepEqual(seen, [0]);
    for (state = 1; state <= 3; state++) scheduler.request('doc');
    state = 3;
    assert.deepEqual(seen, [0], 'slow documents wait for the edits queued behind them');
    assert.equal(scheduler.isDeferred('doc'), true);
    await nextTurn();
    await nextTurn();
    assert.deepEqual(seen, [0, 3]);
  });

  it('drops the pending run of a forgotten document', async () => {
    const runs: string[] = [];
    const scheduler = new ValidationScheduler((uri) => {
      runs.push(uri);
      const until = Date.now() + 3;
      while (Date.now() < until) {
        // busy
      }
    }, 1);
    scheduler.request('doc');
    scheduler.request('doc');
    scheduler.forget('doc');
    await nextTurn();
    await nextTurn();
    assert.deepEqual(runs, ['doc']);
  });
});

describe('serverEnvironment', () => {
  it('keeps the client environment, names the cache folder, and drops the certificates Node would load for nothing', () => {
    const env = serverEnvironment(
      { PATH: '/bin', NODE_EXTRA_CA_CERTS: '/etc/ssl/bundle.pem', KUBECONFIG: '/k' },
      '/storage/server-cache',
    );
    assert.deepEqual(env, {
      PATH: '/bin',
      KUBECONFIG: '/k',
      [SERVER_CACHE_DIR_VARIABLE]: '/storage/server-cache',
    });
  });
});
