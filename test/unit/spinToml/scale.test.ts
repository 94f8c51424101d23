// A large manifest is checked completely (correctness at scale; speed is measured elsewhere).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check, withCode } from './helpers';

function manifest(components: number, duplicateEvery = 0): string {
  let text = 'spin_manifest_version = 2\n[application]\nname = "big"\n[variables]\nkey = { default = "x" }\n';
  for (let i = 0; i < components; i++) {
    const route = duplicateEvery && i % duplicateEvery === 1 ? `/c${i - 1}/...` : `/c${i}/...`;
    text += `[[trigger.http]]\nroute = "${route}"\ncomponent = "comp-c${i}"\n\n[component.comp-c${i}]\nsource = "target/c${i}.wasm"\n`;
    text += `allowed_outbound_hosts = ["https://api${i}.example.com", "redis://{{ key }}:6379"]\nvariables = { v = "{{ key }}" }\n`;
    text += `[component.comp-c${i}.build]\ncommand = "cargo build"\n\n`;
  }
  return text;
}

test('a valid 1,000-component manifest has no diagnostics', () => {
  assert.deepEqual(check(manifest(1000)), []);
});

test('every duplicate route among 1,000 components is found once', () => {
  const diags = check(manifest(1000, 10));
  assert.equal(withCode(diags, 'spin-toml/duplicate-route').length, 100);
  assert.equal(diags.length, 100);
});
