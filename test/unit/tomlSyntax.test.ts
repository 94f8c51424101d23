import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LanguageService } from '../../src/language/service';

test('a TOML syntax error in spin.toml is one error at its line', () => {
  const diags = new LanguageService().validate({ uri: 'file:///app/spin.toml', text: 'spin_manifest_version = 2\nx = [\n' });
  assert.equal(diags.length, 1);
  assert.equal(diags[0]?.code, 'toml-syntax');
  assert.equal(diags[0]?.range.start.line, 2);
});

test('a valid spin.toml has no syntax error', () => {
  const diags = new LanguageService().validate({ uri: 'file:///app/spin.toml', text: 'spin_manifest_version = 2\n' });
  assert.deepEqual(diags, []);
});
