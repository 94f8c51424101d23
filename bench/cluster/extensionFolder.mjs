// The extension as the VSIX holds it (package.json, media, grammars, production bundles of the
// four files VS Code loads), built into a folder of the caller's choosing, so that a benchmark can
// run it as the extension development path without touching the work tree's dist/ (which other
// builds and tests use at the same time).
import * as esbuild from 'esbuild';
import { cpSync, existsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { bundleOptions, EXTENSION_BUNDLES } from '../../scripts/bundleOptions.mjs';

const root = new URL('../..', import.meta.url).pathname;

/** Builds the extension into `dir`; returns the sizes of the bundles in bytes, by file name. */
export async function buildExtensionFolder(dir) {
  mkdirSync(dir, { recursive: true });
  for (const entry of ['package.json', 'README.md', 'LICENSE', 'media', 'syntaxes']) {
    const from = join(root, entry);
    if (existsSync(from)) cpSync(from, join(dir, entry), { recursive: true });
  }
  // The production options of the shipped build, for the bundles the VSIX holds.
  const options = bundleOptions({ production: true });
  await esbuild.build({
    ...options,
    absWorkingDir: root,
    entryPoints: Object.fromEntries(EXTENSION_BUNDLES.map((name) => [name, options.entryPoints[name]])),
    outdir: join(dir, 'dist'),
  });
  const sizes = {};
  for (const bundle of EXTENSION_BUNDLES) {
    sizes[`${bundle}.js`] = statSync(join(dir, 'dist', `${bundle}.js`)).size;
  }
  return sizes;
}
