// One esbuild invocation builds every bundle: the extension's activation wiring and the parts it
// loads on first use (language client, features), the language server, and the two command-line
// tools. `--production` minifies, `--watch` rebuilds on change.
import * as esbuild from 'esbuild';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const options = {
  entryPoints: {
    extension: 'src/extension.ts',
    language: 'src/client/languageEntry.ts',
    features: 'src/client/features.ts',
    server: 'src/server/bootstrap.ts',
    serverMain: 'src/server/main.ts',
    lint: 'src/cli/lint.ts',
    cli: 'src/cli/main.ts',
  },
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  external: ['vscode'],
  sourcemap: production ? false : 'linked',
  minify: production,
  legalComments: production ? 'none' : 'inline',
  logLevel: 'warning',
  metafile: true,
  // dist/extension.js loads its sibling bundles with a computed path, on purpose.
  logOverride: { 'unsupported-require-call': 'silent' },
};

if (watch) {
  const ctx = await esbuild.context(options);
  await ctx.watch();
  console.log('esbuild: watching for changes');
} else {
  const result = await esbuild.build(options);
  const sizes = Object.entries(result.metafile.outputs)
    .filter(([file]) => file.endsWith('.js'))
    .map(([file, out]) => `${file} ${(out.bytes / 1024).toFixed(0)} KiB`);
  console.log(`esbuild: ${sizes.join(', ')}`);
}
