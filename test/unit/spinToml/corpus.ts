// Locations of the shared reference corpus (read at run time, never copied into the repo).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { sharedDir } from '../../support/k8s-sim/sharedReference';

export const corpusDir = path.resolve(sharedDir(), 'reference', 'corpus');

export function corpusFiles(folder: string, ext = '.toml'): string[] {
  return readdirSync(path.join(corpusDir, folder))
    .filter((f) => f.endsWith(ext))
    .sort();
}

export function readCorpus(folder: string, file: string): string {
  return readFileSync(path.join(corpusDir, folder, file), 'utf8');
}
