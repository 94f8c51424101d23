// Validation reuses, between versions of a document, what it found in the components and
// triggers an edit did not touch. After any sequence of edits the diagnostics must be the ones a
// fresh validation of the same text gives.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spinTomlLanguage } from '../../../src/language/spinToml';
import type { Diagnostic } from '../../../src/language/types';
import { corpusFiles, readCorpus } from './corpus';

let fresh = 0;
/** Validation of a text no earlier version of which was seen. */
function freshly(text: string): Diagnostic[] {
  return spinTomlLanguage.validate({ uri: `file:///fresh/${fresh++}/spin.toml`, text }, {});
}

function assertLikeFresh(uri: string, text: string, label: string): void {
  assert.deepEqual(spinTomlLanguage.validate({ uri, text }, {}), freshly(text), label);
}

const APP = (n: number) =>
  [
    'spin_manifest_version = 2\n\n[application]\nname = "app"\n\n[variables]\nhost = { default = "example.com" }\n',
    ...Array.from(
      { length: n },
      (_, i) =>
        `\n[[trigger.http]]\nroute = "/c${i}/..."\ncomponent = "c${i}"\n\n[component.c${i}]\nsource = "c${i}.wasm"\nallowed_outbound_hosts = ["https://s${i}.example.com"]\n`,
    ),
  ].join('');

test('edits inside one component: its new problems appear and fixed ones go, the others are kept', () => {
  const uri = 'file:///edits/spin.toml';
  const steps = [
    APP(5),
    APP(5).replace('"https://s2.example.com"', '"s2.example.com"'),
    APP(5)
      .replace('"https://s2.example.com"', '"s2.example.com"')
      .replace('source = "c4.wasm"', 'sorce = "c4.wasm"'),
    APP(5).replace('source = "c4.wasm"', 'sorce = "c4.wasm"'),
    APP(5).replace('component = "c1"', 'component = "c9"'),
    APP(5).replace('component = "c1"', 'component = "c9"').replace('[component.c4]', '[component.c9]'),
    APP(5).replace('"https://s3.example.com"', '"https://{{ host }}"'),
    APP(5)
      .replace('"https://s3.example.com"', '"https://{{ host }}"')
      .replace('"example.com" }', '"bad host" }'),
    `# a line above everything\n${APP(5).replace('"https://s0.example.com"', '"s0"')}`,
    APP(5),
  ];
  steps.forEach((text, i) => assertLikeFresh(uri, text, `step ${i}`));
  assert.ok(freshly(steps[2] as string).length >= 2, 'the steps do plant problems');
});

test('every corpus manifest, edited line by line, validates as a fresh copy does', () => {
  for (const folder of ['spin-toml', 'spin-toml-invalid']) {
    for (const file of corpusFiles(folder)) {
      const text = readCorpus(folder, file);
      const uri = `file:///corpus/${folder}/${file}/spin.toml`;
      const lines = text.split('\n');
      assertLikeFresh(uri, text, `${file} whole`);
      for (let i = 0; i < lines.length; i += 3) {
        const edited = [
          ...lines.slice(0, i),
          lines[i]?.replace(/"([^"]*)"/, '"$1x"') ?? '',
          ...lines.slice(i + 1),
        ];
        assertLikeFresh(uri, edited.join('\n'), `${file} line ${i + 1} edited`);
        assertLikeFresh(uri, text, `${file} back after line ${i + 1}`);
      }
    }
  }
});
