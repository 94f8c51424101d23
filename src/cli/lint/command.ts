import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DiskWorkspaceView } from '../../language/diskWorkspace';
import { findManifestFiles } from '../../language/manifestFiles';
import { LanguageService } from '../../language/service';
import { DiagnosticSeverity } from '../../language/types';
import { formatFindings, LINT_FORMATS, type LintFinding, type LintFormat } from './formats';

const USAGE = `usage: spinkube-lint [--format text|json|sarif|github] PATH...

Checks spin.toml files and SpinApp YAML. Folders are searched (node_modules and .git are skipped).
Exit code: 0 no errors, 1 errors found, 2 bad usage.
`;
const TOOL_VERSION = '0.1.0';

/** Where the linter writes, and the folder relative paths are resolved against. */
export interface LintIO {
  readonly out: (s: string) => void;
  readonly err: (s: string) => void;
  readonly cwd: string;
}

type ParsedArgs = { format: LintFormat; paths: string[] } | { exit: number };

/** Checks the given files (folders are searched) and returns the exit code. */
export async function runLint(args: readonly string[], io: Partial<LintIO> = {}): Promise<number> {
  const out = io.out ?? ((s: string) => void process.stdout.write(s));
  const err = io.err ?? ((s: string) => void process.stderr.write(s));
  const cwd = io.cwd ?? process.cwd();
  const parsed = parseArgs(args, out, err);
  if ('exit' in parsed) return parsed.exit;

  const targets: { given: string; absolute: string; isFolder: boolean }[] = [];
  for (const given of parsed.paths) {
    const absolute = path.resolve(cwd, given);
    try {
      targets.push({ given, absolute, isFolder: (await fs.stat(absolute)).isDirectory() });
    } catch {
      err(`spinkube-lint: ${given}: no such file or folder\n`);
      return 2;
    }
  }

  const folders = [...new Set(targets.map((t) => (t.isFolder ? t.absolute : path.dirname(t.absolute))))];
  const workspace = new DiskWorkspaceView(folders);
  const service = new LanguageService({ log: (m) => err(`spinkube-lint: internal error: ${m}\n`) });
  const context = { workspace };
  const findings: LintFinding[] = [];
  for (const target of targets) {
    const files = target.isFolder ? await findManifestFiles([target.absolute]) : [target.absolute];
    for (const file of files) {
      let text: string;
      try {
        text = await fs.readFile(file, 'utf8');
      } catch (error) {
        err(`spinkube-lint: ${displayPath(target, file)}: cannot read (${(error as Error).message})\n`);
        continue;
      }
      const uri = pathToFileURL(file).href;
      for (const d of service.validate({ uri, text }, context)) {
        findings.push({ file: displayPath(target, file), ...d });
      }
    }
  }
  out(formatFindings(findings, parsed.format, { cwd, toolVersion: TOOL_VERSION }));
  return findings.some((f) => (f.severity ?? DiagnosticSeverity.Error) === DiagnosticSeverity.Error) ? 1 : 0;
}

function parseArgs(args: readonly string[], out: (s: string) => void, err: (s: string) => void): ParsedArgs {
  let format = 'text';
  const paths: string[] = [];
  let onlyPaths = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (onlyPaths || !arg.startsWith('-') || arg === '-') paths.push(arg);
    else if (arg === '--') onlyPaths = true;
    else if (arg === '--format' || arg === '-f') {
      const value = args[++i];
      if (value === undefined) return usageError(err, `${arg} needs a value (${LINT_FORMATS.join(', ')})`);
      format = value;
    } else if (arg.startsWith('--format=')) format = arg.slice('--format='.length);
    else if (arg === '-h' || arg === '--help') {
      out(USAGE);
      return { exit: 0 };
    } else if (arg === '--version') {
      out(`${TOOL_VERSION}\n`);
      return { exit: 0 };
    } else return usageError(err, `unknown option ${arg}`);
  }
  if (!isFormat(format)) {
    return usageError(err, `unknown format "${format}" (expected ${LINT_FORMATS.join(', ')})`);
  }
  if (paths.length === 0) return usageError(err, 'no PATH given');
  return { format, paths };
}

function isFormat(s: string): s is LintFormat {
  return (LINT_FORMATS as readonly string[]).includes(s);
}

function usageError(err: (s: string) => void, message: string): { exit: number } {
  err(`spinkube-lint: ${message}\n${USAGE}`);
  return { exit: 2 };
}

/** A found file's path as the user would write it: under the folder they named. */
function displayPath(target: { given: string; absolute: string; isFolder: boolean }, file: string): string {
  if (!target.isFolder) return target.given;
  return path.join(target.given, path.relative(target.absolute, file));
}
