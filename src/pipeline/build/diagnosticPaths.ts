// Compiler diagnostics name files relative to the directory the compiler ran in (a component's
// `build.workdir`, or the folder of a spin.toml deep in the workspace). A problem matcher resolves
// them against ONE folder for the whole task, so the `spin` task rewrites each diagnostic's file to
// a path relative to that folder (absolute when outside it) before VS Code reads the line.
// The shapes mirror the problem matchers contributed in package.json ($spin-rustc, $spin-tsc, $spin-go).
import * as path from 'node:path';

/** Each shape: the part before the file, the file, the part after it (which must follow as given). */
const DIAGNOSTIC_SHAPES: readonly RegExp[] = [
  // rustc / cargo: `  --> src/lib.rs:5:9`
  /^(\s*-->\s+)(.+?)(:\d+:\d+)$/,
  // tsc: `src/index.ts(3,7): error TS2322: …` and `src/index.ts:3:7 - error TS2322: …`
  /^()([^\s].*?)([(:]\d+[,:]\d+(?:\):\s+|\s+-\s+)(?:error|warning|info)\s+TS\d+\s*:.*)$/,
  // go / TinyGo: `./main.go:10:2: undefined: x`
  /^()(\S+\.go)(:\d+:\d+: .*)$/,
];

/**
 * The line with the file of a compiler diagnostic re-based from `cwd` (where the compiler ran) to
 * `base` (what the problem matcher resolves against). Other lines, absolute paths and lines from a
 * compiler that ran in `base` come back unchanged.
 */
export function rebaseDiagnosticPath(line: string, cwd: string, base: string): string {
  if (path.resolve(cwd) === path.resolve(base)) return line;
  for (const shape of DIAGNOSTIC_SHAPES) {
    const match = shape.exec(line);
    if (!match) continue;
    const [, before = '', file = '', after = ''] = match;
    if (path.isAbsolute(file)) return line;
    return `${before}${rebase(file, cwd, base)}${after}`;
  }
  return line;
}

function rebase(file: string, cwd: string, base: string): string {
  const absolute = path.resolve(cwd, file);
  const relative = path.relative(base, absolute);
  const outside = relative === '' || relative.startsWith('..') || path.isAbsolute(relative);
  return outside ? absolute : relative;
}
