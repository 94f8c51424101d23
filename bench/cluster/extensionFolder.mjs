// The extension as the VSIX holds it (package.json, media, grammars, production bundles of the
// four files VS Code loads), built into a folder of the caller's choosing, so that a benchmark can
// run it as the extension development path without touching the work tree's dist/ (which other
// builds and tests use at the same time).
import * as esbuild from 'esbuild';
import { cpSync, existsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('../..', import.meta.url).pathname;

/** Builds the extension into `dir`; returns the sizes of the bundles in bytes, by file name. */
export async function buildExtensionFolder(dir) {
  mkdirSync(dir, { recursive: true });
  for (const entry of ['package.json', 'README.md', 'LICENSE', 'media', 'syntaxes']) {
    const from = join(root, entry);
    if (existsSync(from)) cpSync(from, join(dir, entry), { recursive: true });
  }
  await esbuild.build({
    absWorkingDir: root,
    entryPoints: {
      extension: 'src/extension.ts',
      language: 'src/client/languageEntry.ts',
      features: 'src/client/features.ts',
      server: 'src/server/bootstrap.ts',
      serverMain: 'src/server/main.ts',
    },
    outdir: join(dir, 'dist'),
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    external: ['vscode'],
    minify: true,
    legalComments: 'none',
    logLevel: 'warning',
    logOverride: { 'unsupported-require-call': 'silent' },
  });
  const sizes = {};
  for (const name of ['extension.js', 'language.js', 'features.js', 'server.js', 'serverMain.js']) {
    sizes[name] = statSync(join(dir, 'dist', name)).size;
  }
  return sizes;
}
