// Output formats of spinkube-lint, from findings made up here: escaping and severity mapping.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatFindings, type LintFinding } from '../../src/cli/lint/formats';

const finding = (over: Partial<LintFinding>): LintFinding => ({
  file: 'app/spin.toml',
  range: { start: { line: 2, character: 4 }, end: { line: 2, character: 9 } },
  severity: 1,
  code: 'spin-toml/type',
  source: 'spinkube',
  message: 'wrong type',
  ...over,
});
const options = { cwd: '/project', toolVersion: '0.1.0' };

describe('lint output formats', () => {
  it('escapes GitHub workflow command data and properties', () => {
    const out = formatFindings(
      [finding({ message: '100% wrong\nsecond line', code: 'a:b,c', file: '/project/x, y/spin.toml' })],
      'github',
      options,
    );
    assert.equal(
      out,
      '::error file=x%2C y/spin.toml,line=3,col=5,endLine=3,endColumn=10,title=a%3Ab%2Cc::100%25 wrong%0Asecond line\n',
    );
  });

  it('maps severities to GitHub commands and SARIF levels', () => {
    const findings = [finding({ severity: 2 }), finding({ severity: 3 }), finding({ severity: 4 })];
    assert.deepEqual(
      formatFindings(findings, 'github', options)
        .trim()
        .split('\n')
        .map((l) => l.split(' ')[0]),
      ['::warning', '::notice', '::notice'],
    );
    const sarif = JSON.parse(formatFindings(findings, 'sarif', options)) as {
      runs: { results: { level: string }[] }[];
    };
    assert.deepEqual(
      sarif.runs[0]?.results.map((r) => r.level),
      ['warning', 'note', 'note'],
    );
  });

  it('prints the text format with 1-based positions, and markup messages as text', () => {
    const out = formatFindings(
      [finding({ severity: 2, message: { kind: 'markdown', value: 'see `x`' } as unknown as string })],
      'text',
      options,
    );
    assert.equal(out, 'app/spin.toml:3:5: warning: see `x` [spin-toml/type]\n');
  });
});
