// Compiler errors of a component built in a sub-folder (`build.workdir`) must point the problem
// matchers (which resolve against the workspace folder) at the right file.
import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { buildApp } from '../../../src/pipeline/build/buildApp';
import { rebaseDiagnosticPath } from '../../../src/pipeline/build/diagnosticPaths';
import type { PipelineEvent } from '../../../src/pipeline/events';

interface Pattern {
  readonly regexp: string;
  readonly file?: number;
}
interface Matcher {
  readonly name: string;
  readonly fileLocation: readonly string[];
  readonly pattern: Pattern | Pattern[];
}

const repoRoot = resolve(__dirname, '..', '..', '..', '..');
const matchers = (
  JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
    contributes: { problemMatchers: Matcher[] };
  }
).contributes.problemMatchers;

/** The file VS Code opens for `line` under the matcher `name`: its `autoDetect` rule against `folder`. */
function fileOfDiagnostic(name: string, line: string, folder: string): string | undefined {
  const matcher = matchers.find((m) => m.name === name);
  assert.ok(matcher, `matcher ${name} is contributed`);
  assert.deepEqual(matcher.fileLocation, ['autoDetect', '${workspaceFolder}']);
  const patterns = Array.isArray(matcher.pattern) ? matcher.pattern : [matcher.pattern];
  for (const pattern of patterns) {
    if (pattern.file === undefined) continue;
    const file = new RegExp(pattern.regexp).exec(line)?.[pattern.file];
    if (file === undefined) continue;
    if (isAbsolute(file)) return file;
    const relative = join(folder, file);
    return existsSync(relative) ? relative : resolve(file);
  }
  return undefined;
}

function workspaceWithComponent(): { folder: string; component: string } {
  const folder = mkdtempSync(join(tmpdir(), 'spinkube-diagnostics-'));
  const component = join(folder, 'apps', 'hello');
  for (const file of ['src/lib.rs', 'src/index.ts', 'main.go']) {
    mkdirSync(dirname(join(component, file)), { recursive: true });
    writeFileSync(join(component, file), '\n\n\n\n\n');
  }
  return { folder, component };
}

describe('compiler diagnostics of components built in a sub-folder', () => {
  const { folder, component } = workspaceWithComponent();
  const cases = [
    { matcher: 'spin-rustc', line: '  --> src/lib.rs:5:9', file: 'src/lib.rs' },
    {
      matcher: 'spin-tsc',
      line: "src/index.ts(3,7): error TS2322: Type 'string' is bad.",
      file: 'src/index.ts',
    },
    { matcher: 'spin-tsc', line: 'src/index.ts:3:7 - error TS2322: Bad.', file: 'src/index.ts' },
    { matcher: 'spin-go', line: './main.go:10:2: undefined: x', file: 'main.go' },
  ];

  for (const c of cases) {
    it(`${c.matcher}: "${c.line.trim()}" resolves to the component's file`, () => {
      const before = fileOfDiagnostic(c.matcher, c.line, folder);
      assert.notEqual(before, join(component, c.file), 'unchanged, the matcher misses the file');
      const rebased = rebaseDiagnosticPath(c.line, component, folder);
      assert.equal(fileOfDiagnostic(c.matcher, rebased, folder), join(component, c.file));
    });
  }

  it('files outside the workspace folder become absolute paths', () => {
    const outside = mkdtempSync(join(tmpdir(), 'spinkube-outside-'));
    assert.equal(
      rebaseDiagnosticPath('./main.go:1:1: undefined: x', outside, folder),
      `${join(outside, 'main.go')}:1:1: undefined: x`,
    );
  });

  it('other lines, absolute paths and builds in the folder itself are left alone', () => {
    assert.equal(
      rebaseDiagnosticPath('   Compiling hello v0.1.0', component, folder),
      '   Compiling hello v0.1.0',
    );
    assert.equal(
      rebaseDiagnosticPath('  --> /abs/src/lib.rs:1:1', component, folder),
      '  --> /abs/src/lib.rs:1:1',
    );
    assert.equal(rebaseDiagnosticPath('./main.go:1:1: x', folder, folder), './main.go:1:1: x');
  });

  it('the build reports the directory each command ran in, so its output can be re-based', async () => {
    writeFileSync(
      join(folder, 'spin.toml'),
      [
        'spin_manifest_version = 2',
        '[application]',
        'name = "diag"',
        '[[trigger.http]]',
        'route = "/..."',
        'component = "hello"',
        '[component.hello]',
        'source = "apps/hello/main.wasm"',
        '[component.hello.build]',
        'command = "echo ./main.go:3:1: undefined: x"',
        'workdir = "apps/hello"',
        '',
      ].join('\n'),
    );
    const events: PipelineEvent[] = [];
    await buildApp({
      manifestPath: join(folder, 'spin.toml'),
      trusted: true,
      onEvent: (e) => events.push(e),
    });
    const diagnostic = events.find((e) => e.type === 'output' && e.line.includes('main.go'));
    assert.ok(diagnostic?.type === 'output' && diagnostic.cwd, JSON.stringify(events));
    assert.equal(
      fileOfDiagnostic('spin-go', rebaseDiagnosticPath(diagnostic.line, diagnostic.cwd, folder), folder),
      join(component, 'main.go'),
    );
  });
});
