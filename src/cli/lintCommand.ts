import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { LanguageService } from '../language/service';
import { documentKindOf } from '../language/documentKind';

const USAGE = 'usage: spinkube-lint [--format text|json] PATH...';

/** Checks the given files (folders are searched) and returns the exit code. */
export async function runLint(
  args: string[],
  out: (s: string) => void = (s) => process.stdout.write(s),
): Promise<number> {
  let format = 'text';
  const paths: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--format') format = args[++i] ?? '';
    else if (arg.startsWith('--format=')) format = arg.slice('--format='.length);
    else if (arg === '-h' || arg === '--help') {
      out(`${USAGE}\n`);
      return 0;
    } else paths.push(arg);
  }
  if (!['text', 'json'].includes(format) || paths.length === 0) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const service = new LanguageService();
  const results = [];
  for (const file of await collectFiles(paths)) {
    const text = await fs.readFile(file, 'utf8');
    for (const d of service.validate({ uri: pathToFileURL(file).href, text })) results.push({ file, ...d });
  }
  if (format === 'json') out(`${JSON.stringify(results, null, 2)}\n`);
  else {
    const names = ['', 'error', 'warning', 'info', 'hint'];
    for (const r of results) {
      const { line, character } = r.range.start;
      out(`${r.file}:${line + 1}:${character + 1}: ${names[r.severity ?? 1]}: ${r.message} [${r.code}]\n`);
    }
  }
  return results.some((r) => r.severity === 1) ? 1 : 0;
}

async function collectFiles(paths: string[]): Promise<string[]> {
  const files: string[] = [];
  const walk = async (p: string): Promise<void> => {
    const stat = await fs.stat(p);
    if (stat.isDirectory()) {
      for (const entry of await fs.readdir(p)) {
        if (entry === 'node_modules' || entry.startsWith('.')) continue;
        await walk(path.join(p, entry));
      }
    } else if (documentKindOf(p) !== 'other') files.push(p);
  };
  for (const p of paths) await walk(p);
  return files;
}
