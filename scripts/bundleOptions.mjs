// The esbuild options of every bundle, shared by scripts/build.mjs (which builds them all in one
// invocation) and the benchmarks that build the extension elsewhere (bench/cluster/extensionFolder.mjs).

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

/** The bundles the VSIX holds (the command-line tools are left to the npm package). */
export const EXTENSION_BUNDLES = ['extension', 'language', 'features', 'server', 'serverMain'];

/** Options building every bundle into dist/; `production` minifies and drops source maps. */
export function bundleOptions({ production }) {
  return {
    entryPoints: {
      extension: 'src/extension.ts',
      language: 'src/vscode/language/entry.ts',
      features: 'src/vscode/features.ts',
      server: 'src/server/bootstrap.ts',
      serverMain: 'src/server/main.ts',
      lint: 'src/cli/lint/main.ts',
      cli: 'src/cli/pipeline/main.ts',
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
}
