// spinkube-lint: every output format, the folder search and the exit codes.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runLint } from '../../src/cli/lint/command';
import { repoRoot } from '../support/lspClient';

const VALID = `spin_manifest_version = 2

[application]
name = "hello"

[[trigger.http]]
route = "/..."
component = "hello"

[component.hello]
source = "hello.wasm"
`;
/** An unterminated string on line 4 (1-based). */
const BROKEN = VALID.replace('name = "hello"', 'name = "hello');

interface LintRun {
  code: number;
  out: string;
  err: string;
}

describe('spinkube-lint', () => {
  let dir: string;
  const lint = async (...args: string[]): Promise<LintRun> => {
    let out = '';
    let err = '';
    const code = await runLint(args, { out: (s) => (out += s), err: (s) => (err += s), cwd: dir });
    return { code, out, err };
  };

  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'spinkube-lint-'));
    mkdirSync(path.join(dir, 'good'));
    mkdirSync(path.join(dir, 'bad', 'node_modules', 'pkg'), { recursive: true });
    mkdirSync(path.join(dir, 'bad', '.git'));
    writeFileSync(path.join(dir, 'good', 'spin.toml'), VALID);
    writeFileSync(path.join(dir, 'bad', 'spin.toml'), BROKEN);
    writeFileSync(path.join(dir, 'bad', 'node_modules', 'pkg', 'spin.toml'), BROKEN);
    writeFileSync(path.join(dir, 'bad', '.git', 'spin.toml'), BROKEN);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('prints nothing and exits 0 for a valid manifest', async () => {
    assert.deepEqual(await lint('good/spin.toml'), { code: 0, out: '', err: '' });
  });

  it('prints file:line:col: severity: message [code] and exits 1 on an error', async () => {
    const run = await lint('bad/spin.toml');
    assert.equal(run.code, 1);
    const lines = run.out.trim().split('\n');
    assert.equal(lines.length, 1);
    assert.match(lines[0]!, /^bad\/spin\.toml:4:\d+: error: .+ \[[\w/-]+\]$/);
  });

  it('searches folders but skips node_modules and .git', async () => {
    const run = await lint('.');
    assert.equal(run.code, 1);
    const files = run.out
      .trim()
      .split('\n')
      .map((l) => l.split(':')[0]);
    assert.deepEqual(files, ['bad/spin.toml']);
  });

  it('prints LSP diagnostics with a file field as JSON', async () => {
    const run = await lint('--format', 'json', 'bad');
    assert.equal(run.code, 1);
    const findings = JSON.parse(run.out) as {
      file: string;
      range: { start: { line: number } };
      severity: number;
      code: string;
      message: string;
    }[];
    assert.equal(findings.length, 1);
    const [f] = findings;
    assert.equal(f?.file, path.join('bad', 'spin.toml'));
    assert.equal(f?.range.start.line, 3);
    assert.equal(f?.severity, 1);
    assert.equal(typeof f?.code, 'string');
    assert.equal(typeof f?.message, 'string');
  });

  it('prints an empty JSON array when there is nothing to report', async () => {
    const run = await lint('--format=json', 'good');
    assert.deepEqual(JSON.parse(run.out), []);
  });

  it('writes SARIF 2.1.0 with rule ids, levels and 1-based regions', async () => {
    const run = await lint('--format', 'sarif', 'bad/spin.toml');
    assert.equal(run.code, 1);
    const log = JSON.parse(run.out) as {
      version: string;
      runs: {
        tool: { driver: { name: string; rules: { id: string }[] } };
        results: {
          ruleId: string;
          level: string;
          message: { text: string };
          locations: {
            physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } };
          }[];
        }[];
      }[];
    };
    assert.equal(log.version, '2.1.0');
    const [sarifRun] = log.runs;
    assert.equal(sarifRun?.tool.driver.name, 'spinkube-lint');
    const [result] = sarifRun?.results ?? [];
    assert.ok(result);
    assert.equal(result.level, 'error');
    assert.ok(sarifRun?.tool.driver.rules.some((r) => r.id === result.ruleId));
    assert.equal(result.locations[0]?.physicalLocation.artifactLocation.uri, 'bad/spin.toml');
    assert.equal(result.locations[0]?.physicalLocation.region.startLine, 4);
  });

  it('writes GitHub Actions workflow commands', async () => {
    const run = await lint('--format', 'github', 'bad');
    assert.equal(run.code, 1);
    assert.match(
      run.out.trim(),
      /^::error file=bad\/spin\.toml,line=4,col=\d+,endLine=4,endColumn=\d+,title=[^,:]+::.+$/,
    );
  });

  it('exits 0 when there are only warnings', async () => {
    mkdirSync(path.join(dir, 'warn'), { recursive: true });
    writeFileSync(
      path.join(dir, 'warn', 'spin.toml'),
      VALID.replace('source = "hello.wasm"', 'source = "hello.wasm"\nallowed_http_hosts = ["example.com"]'),
    );
    const run = await lint('warn');
    assert.match(
      run.out,
      /^warn\/spin\.toml:12:\d+: warning: .+ \[spin-toml\/deprecated-allowed-http-hosts\]$/m,
    );
    assert.equal(run.code, 0);
  });

  it('exits 2 with a clear message on bad usage', async () => {
    const noPath = await lint();
    assert.equal(noPath.code, 2);
    assert.match(noPath.err, /no PATH given/);
    const unknownOption = await lint('--strict', 'good');
    assert.equal(unknownOption.code, 2);
    assert.match(unknownOption.err, /unknown option --strict/);
    const badFormat = await lint('--format', 'xml', 'good');
    assert.equal(badFormat.code, 2);
    assert.match(badFormat.err, /unknown format "xml"/);
    const missing = await lint('does-not-exist');
    assert.equal(missing.code, 2);
    assert.match(missing.err, /does-not-exist: no such file or folder/);
    assert.equal(missing.out, '');
  });

  it('works as the built command, with the same exit codes', () => {
    const bin = path.join(repoRoot, 'dist', 'lint.js');
    const bad = spawnSync(process.execPath, [bin, 'bad'], { cwd: dir, encoding: 'utf8' });
    assert.equal(bad.status, 1);
    assert.match(bad.stdout, /^bad\/spin\.toml:4:/);
    const good = spawnSync(process.execPath, [bin, '--format', 'github', 'good'], {
      cwd: dir,
      encoding: 'utf8',
    });
    assert.equal(good.status, 0);
    const usage = spawnSync(process.execPath, [bin], { cwd: dir, encoding: 'utf8' });
    assert.equal(usage.status, 2);
    assert.match(usage.stderr, /usage: spinkube-lint/);
  });
});
