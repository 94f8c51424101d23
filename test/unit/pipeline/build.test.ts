import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { buildApp } from '../../../src/pipeline/build/buildApp';
import { PipelineError, type PipelineEvent } from '../../../src/pipeline/events';
import { rejectionOf } from '../../support/rejection';

const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function app(toml: string): { dir: string; manifest: string } {
  const dir = mkdtempSync(join(tmpdir(), 'spinkube-build-'));
  dirs.push(dir);
  const manifest = join(dir, 'spin.toml');
  writeFileSync(manifest, toml);
  return { dir, manifest };
}

function recorder(): { events: PipelineEvent[]; lines: () => string[]; messages: () => string[] } {
  const events: PipelineEvent[] = [];
  return {
    events,
    lines: () => events.flatMap((e) => (e.type === 'output' ? [e.line] : [])),
    messages: () => events.flatMap((e) => (e.type === 'output' ? [] : [e.message])),
  };
}

const HEAD = 'spin_manifest_version = 2\n[application]\nname = "demo"\n';

const rejection = (promise: Promise<unknown>): Promise<PipelineError> =>
  rejectionOf(promise, PipelineError, 'the build');

describe('buildApp', () => {
  it('builds dependencies first, then manifest order, with Spin progress lines and output', async () => {
    const { dir, manifest } = app(
      HEAD +
        `[component.web]\nsource = "web.wasm"\n[component.web.build]\ncommand = "echo web >> order.log && echo built web"\n` +
        `[component.web.dependencies]\n"demo:lib/api" = { path = "lib/lib.wasm" }\n` +
        `[component.plain]\nsource = "plain.wasm"\n` +
        `[component.lib]\nsource = "lib/lib.wasm"\n[component.lib.build]\ncommand = "echo lib >> order.log"\n`,
    );
    const r = recorder();
    const result = await buildApp({
      manifestPath: manifest,
      trusted: true,
      onEvent: (e) => r.events.push(e),
    });
    assert.deepEqual(result.built, ['lib', 'web']);
    assert.equal(readFileSync(join(dir, 'order.log'), 'utf8'), 'lib\nweb\n');
    assert.ok(r.lines().includes('built web'), 'command output is streamed');
    assert.ok(r.messages().includes('Building component lib with `echo lib >> order.log`'));
    assert.equal(r.messages().at(-1), 'Finished building all Spin components');
  });

  it('runs several commands left to right in the workdir, with the environment unchanged', async () => {
    const { dir, manifest } = app(
      HEAD +
        `[component.a]\nsource = "a.wasm"\n[component.a.build]\nworkdir = "sub"\n` +
        `command = ["pwd > where.txt", "echo \\"$SPINKUBE_TEST_VAR\\" >> where.txt"]\n`,
    );
    mkdirSync(join(dir, 'sub'));
    process.env['SPINKUBE_TEST_VAR'] = 'inherited-value';
    const r = recorder();
    await buildApp({ manifestPath: manifest, trusted: true, onEvent: (e) => r.events.push(e) });
    delete process.env['SPINKUBE_TEST_VAR'];
    const [where, variable] = readFileSync(join(dir, 'sub', 'where.txt'), 'utf8')
      .trim()
      .split('\n');
    assert.equal(where, join(dir, 'sub'));
    assert.equal(variable, 'inherited-value');
    assert.ok(r.messages().includes('Building component a (2 commands)'));
    assert.ok(
      r
        .messages()
        .includes(`Running build step 2/2 for component a with 'echo "$SPINKUBE_TEST_VAR" >> where.txt'`),
    );
    assert.ok(r.lines().includes(`Working directory: "${join(dir, 'sub')}"`));
  });

  it('stops at the first failing command with Spin’s message', async () => {
    const { dir, manifest } = app(
      HEAD +
        `[component.bad]\nsource = "b.wasm"\n[component.bad.build]\ncommand = ["echo oops >&2; exit 3", "touch second"]\n` +
        `[component.later]\nsource = "l.wasm"\n[component.later.build]\ncommand = "touch later"\n`,
    );
    const error = await rejection(buildApp({ manifestPath: manifest, trusted: true }));
    assert.equal(error.kind, 'build-failed');
    assert.equal(error.message, 'Build command for component bad failed with status Exited(3)');
    assert.deepEqual(error.evidence, ['oops']);
    assert.equal(existsSync(join(dir, 'second')), false);
    assert.equal(existsSync(join(dir, 'later')), false);
  });

  it('cancel kills the whole process tree', async () => {
    const { dir, manifest } = app(
      HEAD +
        `[component.slow]\nsource = "s.wasm"\n[component.slow.build]\ncommand = "sleep 30 & echo $! > child.pid; wait"\n`,
    );
    const controller = new AbortController();
    const pidFile = join(dir, 'child.pid');
    const building = buildApp({ manifestPath: manifest, trusted: true, signal: controller.signal });
    while (!existsSync(pidFile) || readFileSync(pidFile, 'utf8').trim() === '') {
      await new Promise((r) => setTimeout(r, 20));
    }
    const grandchild = Number(readFileSync(pidFile, 'utf8').trim());
    controller.abort();
    const error = await rejection(building);
    assert.equal(error.kind, 'cancelled');
    let alive = true;
    for (let i = 0; i < 100 && alive; i++) {
      try {
        process.kill(grandchild, 0);
        await new Promise((r) => setTimeout(r, 20));
      } catch {
        alive = false;
      }
    }
    assert.equal(alive, false, 'the sleep started by the build command was killed');
  });

  it('finishes when the command exits, though a process it left in the background keeps its output open', async () => {
    // e.g. a compiler cache server started by the first build; Spin does not wait for it either.
    const { dir, manifest } = app(
      HEAD +
        `[component.web]\nsource = "web.wasm"\n[component.web.build]\n` +
        `command = "(sleep 4; touch background.done) & echo $! > background.pid; echo built"\n`,
    );
    const r = recorder();
    try {
      const result = await buildApp({
        manifestPath: manifest,
        trusted: true,
        onEvent: (e) => r.events.push(e),
      });
      assert.deepEqual(result.built, ['web']);
      assert.ok(r.lines().includes('built'), 'the output before the exit is streamed');
      assert.equal(
        existsSync(join(dir, 'background.done')),
        false,
        'the build did not wait for the background',
      );
    } finally {
      try {
        process.kill(Number(readFileSync(join(dir, 'background.pid'), 'utf8').trim()), 'SIGKILL');
      } catch {
        // already gone
      }
    }
  });

  it('refuses to run anything in an untrusted workspace', async () => {
    const { dir, manifest } = app(
      HEAD + `[component.a]\nsource = "a.wasm"\n[component.a.build]\ncommand = "touch ran"\n`,
    );
    const error = await rejection(buildApp({ manifestPath: manifest, trusted: false }));
    assert.equal(error.kind, 'untrusted');
    assert.equal(existsSync(join(dir, 'ran')), false);
  });

  it('says so when no selected component has a build command, and rejects unknown ids', async () => {
    const { manifest } = app(
      HEAD +
        `[component.a]\nsource = "a.wasm"\n[component.b]\nsource = "b.wasm"\n[component.b.build]\ncommand = "true"\n`,
    );
    const r = recorder();
    const result = await buildApp({
      manifestPath: manifest,
      trusted: true,
      components: ['a'],
      onEvent: (e) => r.events.push(e),
    });
    assert.deepEqual(result.built, []);
    assert.equal(r.lines()[0], 'None of the components have a build command.');
    const error = await rejection(
      buildApp({ manifestPath: manifest, trusted: true, components: ['a', 'x', 'y'] }),
    );
    assert.equal(error.kind, 'usage');
    assert.equal(error.message, 'Unknown component(s) x, y');
  });

  it('reports a spin.toml that is not valid TOML as a manifest error', async () => {
    const { manifest } = app('spin_manifest_version = 2\n[application\n');
    const error = await rejection(buildApp({ manifestPath: manifest, trusted: true }));
    assert.equal(error.kind, 'manifest');
  });

  it('runs `spin build -f <manifest> -c <id>` when asked to build with the Spin CLI', async () => {
    const { dir, manifest } = app(
      HEAD + `[component.a]\nsource = "a.wasm"\n[component.a.build]\ncommand = "touch direct"\n`,
    );
    const fakeSpin = join(dir, 'fake-spin');
    writeFileSync(
      fakeSpin,
      '#!/bin/sh\necho "$@" > spin-args.txt\necho "Finished building all Spin components"\n',
    );
    chmodSync(fakeSpin, 0o755);
    const r = recorder();
    await buildApp({
      manifestPath: manifest,
      trusted: true,
      useSpinCli: true,
      spinPath: fakeSpin,
      components: ['a'],
      onEvent: (e) => r.events.push(e),
    });
    assert.equal(readFileSync(join(dir, 'spin-args.txt'), 'utf8').trim(), `build -f ${manifest} -c a`);
    assert.equal(existsSync(join(dir, 'direct')), false, 'the commands themselves were not run');
    assert.ok(r.lines().includes('Finished building all Spin components'));

    writeFileSync(fakeSpin, '#!/bin/sh\necho "Error: something broke" >&2\nexit 1\n');
    const error = await rejection(
      buildApp({ manifestPath: manifest, trusted: true, useSpinCli: true, spinPath: fakeSpin }),
    );
    assert.equal(error.kind, 'build-failed');
    assert.equal(error.message, 'Error: something broke');
  });

  it('builds v1 manifests too', async () => {
    const { dir, manifest } = app(
      'spin_manifest_version = "1"\nname = "old"\ntrigger = { type = "http" }\n' +
        '[[component]]\nid = "one"\nsource = "one.wasm"\n[component.trigger]\nroute = "/..."\n[component.build]\ncommand = "touch v1-built"\n',
    );
    await buildApp({ manifestPath: manifest, trusted: true });
    assert.ok(existsSync(join(dir, 'v1-built')));
  });
});
