// What the VSIX holds: only what the extension needs at run time (the bundles, the manifest,
// README, LICENSE, CHANGELOG, media and syntaxes), nothing from node_modules, src, test or
// sourcemaps, and it stays under 1 MB.
import { statSync } from 'node:fs';
import type { TestOutcome } from '../support/vscode/testResults';
import { zipEntryNames } from '../support/vscode/zipEntries';

const GROUP = 'VSIX package';
const MAX_BYTES = 1024 * 1024;
const REQUIRED = [
  'extension/package.json',
  'extension/dist/extension.js',
  'extension/dist/server.js',
  'extension/dist/serverMain.js',
  'extension/readme.md',
  'extension/LICENSE.txt',
  'extension/changelog.md',
];
/** Everything in the package must match one of these. */
const ALLOWED = [
  /^\[Content_Types\]\.xml$/,
  /^extension\.vsixmanifest$/,
  /^extension\/(package\.json|readme\.md|changelog\.md|LICENSE\.txt)$/,
  /^extension\/dist\/[^/]+\.js$/,
  /^extension\/media\/[^/]+\.(svg|png)$/,
  /^extension\/syntaxes\/[^/]+\.json$/,
];

function check(title: string, body: () => void): TestOutcome {
  try {
    body();
    return { group: GROUP, path: [], title, state: 'passed' };
  } catch (error) {
    return {
      group: GROUP,
      path: [],
      title,
      state: 'failed',
      error: error instanceof Error ? error.message : String(error),
    };
  }
}

export function checkVsix(vsixPath: string): TestOutcome[] {
  const names = zipEntryNames(vsixPath);
  const lower = new Set(names.map((n) => n.toLowerCase()));
  return [
    check('holds the bundles, the manifest, README, LICENSE and CHANGELOG', () => {
      const missing = REQUIRED.filter((name) => !lower.has(name.toLowerCase()));
      if (missing.length) throw new Error(`missing: ${missing.join(', ')}\nentries: ${names.join(', ')}`);
    }),
    check('holds nothing else (no node_modules, src, test or sourcemaps)', () => {
      const extra = names.filter((name) => !ALLOWED.some((pattern) => pattern.test(name)));
      if (extra.length) throw new Error(`unexpected entries: ${extra.slice(0, 20).join(', ')}`);
    }),
    check('is smaller than 1 MB', () => {
      const bytes = statSync(vsixPath).size;
      if (bytes >= MAX_BYTES) throw new Error(`${(bytes / 1024).toFixed(0)} KiB`);
    }),
  ];
}
