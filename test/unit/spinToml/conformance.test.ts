// Conformance with Spin's own fixtures: every real spin.toml in the corpus has no errors, and every
// invalid fixture gets the error Spin gives, at Spin's place.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spinTomlLanguage } from '../../../src/language/spinToml';
import {
  DiagnosticSeverity,
  type Diagnostic,
  type LanguageContext,
  type WorkspaceView,
} from '../../../src/language/types';
import { corpusFiles, readCorpus } from './corpus';

function check(text: string, ctx: LanguageContext = {}): Diagnostic[] {
  return spinTomlLanguage.validate({ uri: 'file:///app/spin.toml', text }, ctx);
}
const errorsOf = (d: Diagnostic[]) => d.filter((x) => x.severity === DiagnosticSeverity.Error);

/**
 * Valid-corpus files that Spin accepts only because the fixture is never run: Spin's own test
 * parses them (manifest/loader tests) but `spin up` would reject them. We report the run-time
 * problem, so these errors are expected.
 */
const RUNTIME_ONLY_PROBLEMS: Record<string, { codes: string[]; reason: string }> = {
  'spin__crates_manifest_tests_ui_maximal.toml': {
    codes: ['spin-toml/dependency-inherit'],
    reason: 'parse-only fixture; loading rejects both inheritance styles at once (normalize.rs)',
  },
  'spin__crates_manifest_tests_ui_normalization.toml': {
    codes: ['spin-toml/missing-key', 'spin-toml/missing-key', 'spin-toml/missing-key'],
    reason: 'parse-only fixture; its [[trigger.http]] tables have no route, which the HTTP trigger requires',
  },
  'spin__crates_loader_tests_ui_wagi-custom-entrypoint.toml': {
    codes: ['spin-toml/wagi'],
    reason: 'loader fixture; the HTTP trigger refuses a custom WAGI entrypoint when the app runs',
  },
  'spin__tests_runtime-tests_tests_outbound-mysql-variable-permission.toml': {
    codes: ['spin-toml/outbound-host'],
    reason: 'test template: the harness replaces `%{port=3306}` before Spin reads the file',
  },
};

for (const file of corpusFiles('spin-toml')) {
  test(`corpus ${file} has no errors`, () => {
    const codes = errorsOf(check(readCorpus('spin-toml', file))).map((d) => `${d.code} ${d.message}`);
    const expected = RUNTIME_ONLY_PROBLEMS[file]?.codes ?? [];
    assert.deepEqual(
      codes.map((c) => c.split(' ')[0]),
      expected,
      codes.join('\n'),
    );
  });
}

interface Expectation {
  /** 1-based line and column as Spin prints them (column optional). */
  line?: number;
  column?: number;
  message: string;
  severity?: DiagnosticSeverity;
}

/** What Spin reports for each invalid fixture (from its .err/.diags sidecars and EXPECTED.tsv). */
const EXPECTED: Record<string, Expectation[]> = {
  'manifest-ui__bad_component_id.toml': [
    { line: 6, column: 12, message: "words must be separated with '-', not '_'" },
  ],
  'manifest-ui__bad_kebab_component_ref.toml': [
    { line: 7, column: 13, message: "'-'-separated words must start with an ASCII letter; got '1'" },
  ],
  'manifest-ui__bad_variable_name.toml': [
    { line: 7, column: 1, message: "'_'-separated words may only contain alphanumeric ASCII; got '+'" },
  ],
  'manifest-ui__bad_version.toml': [{ line: 1, message: 'invalid manifest version: "0"' }],
  'manifest-ui__empty.toml': [{ line: 1, column: 1, message: 'missing field `spin_manifest_version`' }],
  'loader-ui__invalid-digest.toml': [
    { line: 9, message: 'invalid `digest` "not-a-digest"; must start with \'sha256:\'' },
  ],
  'loader-ui__invalid-manifest.toml': [{ line: 6, column: 4, message: 'TOML parse error' }],
  'loader-ui__invalid-url-in-allowed-http-hosts.toml': [
    { line: 10, message: "ftp://random-data-api.fermyon.app isn't a valid host or host:port string" },
    { line: 11, message: 'example.com/wib/wob contains a path, should be host and optional port only' },
  ],
  'loader-ui__invalid-variable-default-in-allowed-hosts.toml': [
    {
      line: 14,
      message:
        'using default variable value(s) with template "https://{{ invalid_default_host }}" results in invalid config "https://invalid host"',
    },
  ],
  'loader-ui__invalid-version.toml': [{ line: 1, message: 'invalid manifest version: "77.301.12"' }],
  'doctor-ui__not_ok.toml': [
    { line: 2, message: 'invalid manifest version: 1' },
    { line: 8, message: 'HTTP component "bad" missing trigger.route' },
  ],
  'doctor-ui__empty.toml': [{ line: 1, message: 'missing field `spin_manifest_version`' }],
  'doctor-data__manifest_version_wrong_value.toml': [{ line: 1, message: 'invalid manifest version: 1' }],
  'doctor-data__manifest_trigger_missing_app_trigger.toml': [{ message: 'missing top-level trigger config' }],
  'doctor-data__manifest_trigger_http_component_trigger_missing_route.toml': [
    { line: 4, message: 'HTTP component "http-component" missing trigger.route' },
  ],
  'doctor-data__manifest_version_old_key.toml': [
    { line: 1, message: "old 'spin_version' key", severity: DiagnosticSeverity.Information },
  ],
  'doctor-ui__minimal_v1.toml': [
    {
      line: 1,
      message: 'Version 1 manifest can be upgraded to version 2',
      severity: DiagnosticSeverity.Information,
    },
  ],
};

/** Fixtures Spin accepts (or rejects only with information we do not have offline). */
const NO_ERRORS: Record<string, string> = {
  'doctor-ui__ok_v2.toml': 'spin doctor finds nothing',
  'doctor-ui__minimal_v1.toml': 'only the v1 upgrade suggestion',
  'loader-ui__invalid-manifest-duplicate-id.toml':
    'loads today (later component replaces the earlier): warning only',
  'loader-ui__insecure-allow-all-with-invalid-url.toml':
    'loads: with insecure:allow-all the other entries are not parsed',
  'build__bad_trigger.toml': 'spin build succeeds with this manifest',
  'build__bad_target_env.toml':
    'needs run-time information: the target environment definition (env/wasi-minimal.toml) and the built component world',
  'loader-file-errors__bad.toml':
    'needs the workspace: whether host.txt is a file decides if destination "/" is valid (checked below with a workspace)',
};

test('every invalid fixture is covered by an expectation or a documented exemption', () => {
  for (const file of corpusFiles('spin-toml-invalid')) {
    assert.ok(EXPECTED[file] || NO_ERRORS[file], `no expectation for ${file}`);
  }
});

for (const [file, expectations] of Object.entries(EXPECTED)) {
  test(`invalid fixture ${file} gets Spin's diagnostic`, () => {
    const diags = check(readCorpus('spin-toml-invalid', file));
    for (const e of expectations) {
      const hit = diags.find(
        (d) =>
          String(d.message).includes(e.message) &&
          d.severity === (e.severity ?? DiagnosticSeverity.Error) &&
          (e.line === undefined || d.range.start.line === e.line - 1) &&
          (e.column === undefined || d.range.start.character === e.column - 1),
      );
      assert.ok(
        hit,
        `expected "${e.message}" at ${e.line}:${e.column}; got\n${diags.map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${d.message}`).join('\n')}`,
      );
    }
  });
}

for (const [file, reason] of Object.entries(NO_ERRORS)) {
  test(`fixture ${file} has no errors (${reason})`, () => {
    assert.deepEqual(errorsOf(check(readCorpus('spin-toml-invalid', file))), []);
  });
}

test('duplicate v1 component ids get one warning at the replaced component', () => {
  const diags = check(readCorpus('spin-toml-invalid', 'loader-ui__invalid-manifest-duplicate-id.toml'));
  const dup = diags.filter((d) => d.code === 'spin-toml/duplicate-component-id');
  assert.equal(dup.length, 1);
  assert.equal(dup[0]?.severity, DiagnosticSeverity.Warning);
  assert.equal(dup[0]?.range.start.line, 6);
});

test('with a workspace, a file source mapped to "/" is an error (loader file-errors fixture)', () => {
  const workspace: WorkspaceView = {
    readFile: (uri) => (uri === 'file:///app/host.txt' ? 'hello' : undefined),
    exists: (uri) => uri === 'file:///app/host.txt',
    spinManifests: () => ['file:///app/spin.toml'],
  };
  const diags = errorsOf(
    check(readCorpus('spin-toml-invalid', 'loader-file-errors__bad.toml'), { workspace }),
  );
  assert.equal(diags.length, 1);
  assert.match(String(diags[0]?.message), /"\/" is not a valid destination file name/);
  assert.equal(diags[0]?.range.start.line, 11);
});
