// Builds skip components that are up to date: their watched files and source are as the last
// successful build left them. Forced builds, and components without watch globs, always run.
import assert from 'node:assert/strict';
import { utimesSync, writeFileSync } from 'node:fs';
import { afterEach, describe, it } from 'node:test';
import { buildApp, type BuildResult } from '../../../src/pipeline/build/buildApp';
import type { PipelineEvent } from '../../../src/pipeline/events';
import { tempFolder, type TempFolder } from '../../support/tempFolder';

const TOML =
  'spin_manifest_version = 2\n[application]\nname = "demo"\n' +
  '[component.front]\nsource = "front/out/front.wasm"\n[component.front.build]\nworkdir = "front"\n' +
  'command = "mkdir -p out && cat src/*.js > out/front.wasm && echo ran >> ../front.log"\nwatch = ["src/**/*.js"]\n' +
  '[component.back]\nsource = "back.wasm"\n[component.back.build]\ncommand = "echo back > back.wasm && echo ran >> back.log"\n';

describe('buildApp: up-to-date components', () => {
  let app: TempFolder;
  afterEach(() => app?.remove());

  async function build(force = false): Promise<{ result: BuildResult; messages: string[] }> {
    const events: PipelineEvent[] = [];
    const result = await buildApp({
      manifestPath: app.file('spin.toml'),
      trusted: true,
      force,
      onEvent: (e) => events.push(e),
    });
    return { result, messages: events.flatMap((e) => (e.type === 'output' ? [] : [e.message])) };
  }

  it('skips a component whose watched files and source did not change, and says so', async () => {
    app = tempFolder('spinkube-uptodate', { 'spin.toml': TOML, 'front/src/a.js': 'one' });
    assert.deepEqual((await build()).result.built, ['front', 'back']);
    const second = await build();
    assert.deepEqual(second.result.built, ['back'], 'a component without watch globs is always built');
    assert.deepEqual(second.result.upToDate, ['front']);
    assert.ok(second.messages.includes('front: up to date'), second.messages.join('\n'));
  });

  it('builds again when a watched file changes, is added, or the source was changed or removed', async () => {
    app = tempFolder('spinkube-uptodate', { 'spin.toml': TOML, 'front/src/a.js': 'one' });
    await build();
    app.write('front/src/a.js', 'two!');
    assert.ok((await build()).result.built.includes('front'), 'edited watched file');
    app.write('front/src/lib/b.js', 'new');
    assert.ok((await build()).result.built.includes('front'), 'added watched file');
    const later = new Date(Date.now() + 5000);
    utimesSync(app.file('front/out/front.wasm'), later, later);
    assert.ok((await build()).result.built.includes('front'), 'source touched since the build');
    assert.deepEqual((await build()).result.upToDate, ['front']);
    writeFileSync(app.file('front/out/front.wasm'), 'something else');
    assert.ok((await build()).result.built.includes('front'), 'source replaced');
  });

  it('builds again when the build command changes, and always when forced', async () => {
    app = tempFolder('spinkube-uptodate', { 'spin.toml': TOML, 'front/src/a.js': 'one' });
    await build();
    assert.deepEqual((await build(true)).result.built, ['front', 'back']);
    app.write('spin.toml', TOML.replace('echo ran >> ../front.log', 'echo ran twice >> ../front.log'));
    assert.ok((await build()).result.built.includes('front'));
  });

  it('does not record a failed build', async () => {
    app = tempFolder('spinkube-uptodate', {
      'spin.toml': TOML.replace('echo ran >> ../front.log', 'echo ran >> ../front.log && test -f ok'),
      'front/src/a.js': 'one',
    });
    await assert.rejects(build());
    app.write('front/ok', '');
    assert.ok((await build()).result.built.includes('front'));
  });
});
