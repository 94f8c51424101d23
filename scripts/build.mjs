// One esbuild invocation builds every bundle: the extension's activation wiring and the parts it
// loads on first use (language client, features), the language server, and the two command-line
// tools. `--production` minifies, `--watch` rebuilds on change.
import * as esbuild from 'esbuild';
import { bundleOptions } from './bundleOptions.mjs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const options = bundleOptions({ production });

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
