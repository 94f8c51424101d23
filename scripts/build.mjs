// One esbuild invocation builds every bundle: the extension's activation wiring and the parts it
// loads on first use (language client, features), the language server, and the two command-line
// tools. `--production` minifies, `--watch` rebuilds on change.
import * as esbuild from 'esbuild';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/**
 * `vscode-jsonrpc` and `vscode-languageserver` load `crypto` and `child_process` when their
 * modules load but use them only in functions a stdio or IPC connection never calls (random pipe
 * names, global npm/yarn module paths). Loading those Node modules is a tenth of the server's cold
 * start, so inside those packages they load on first use instead.
 */
const lazyBuiltins = {
  name: 'lazy-builtins',
  setup(build) {
    build.onResolve({ filter: /^(node:)?(child_process|crypto)$/ }, (args) =>
      /node_modules[\\/]vscode-(jsonrpc|languageserver)[\\/]/.test(args.importer)
        ? { path: args.path.replace(/^node:/, ''), namespace: 'lazy-builtin' }
        : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'lazy-builtin' }, (args) => ({
      contents: `let m; module.exports = new Proxy({}, { get: (_, key) => (m ??= require('node:${args.path}'))[key] });`,
      loader: 'js',
    }));
  },
};

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
  plugins: [lazyBuiltins],
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
