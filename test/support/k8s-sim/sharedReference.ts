// Where the shared reference data lives (next to the repository): `<repo>/../shared`.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';
import type { KubeObject } from './types.js';

export function repoRoot(): string {
  let dir = __dirname;
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'spinkube') {
      return dir;
    }
    const up = dirname(dir);
    if (up === dir) throw new Error('cannot find the spinkube repository root above ' + __dirname);
    dir = up;
  }
}

export function sharedDir(): string {
  return process.env.SPINKUBE_SHARED_DIR ?? resolve(repoRoot(), '..', 'shared');
}

/** The CRDs of one API group from shared/reference/crds (`main` flavour, or `legacy`). */
export function readCrds(flavour: 'main' | 'v0.6.1' | 'legacy'): KubeObject[] {
  const dir = join(sharedDir(), 'reference', 'crds');
  const group = flavour === 'legacy' ? 'core.spinoperator.dev_' : 'core.spinkube.dev_';
  const files = readdirSync(dir).filter((f) => f.startsWith(group) && f.endsWith(`.${flavour}.yaml`));
  if (files.length === 0) throw new Error(`no ${flavour} CRDs found in ${dir}`);
  return files.flatMap((f) =>
    parseAllDocuments(readFileSync(join(dir, f), 'utf8'))
      .map((d) => d.toJS() as KubeObject | null)
      .filter((d): d is KubeObject => d !== null && d.kind === 'CustomResourceDefinition'),
  );
}
