// Mutated inputs for the robustness (fuzz) tests: real spin.toml and SpinApp files from the
// shared corpus (read at run time), truncated, with flipped bytes, deleted lines, duplicated
// tables, deep nesting, and one huge file. Deterministic: the same seed gives the same cases.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { sharedDir } from './k8s-sim/sharedReference';

export interface FuzzCase {
  /** What was done to which file, for failure messages. */
  readonly name: string;
  readonly uri: string;
  readonly text: string;
}

export const corpusDir = path.resolve(sharedDir(), 'reference', 'corpus');

/** A small fast PRNG (mulberry32), so failures reproduce. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Seed {
  readonly file: string;
  readonly kind: 'toml' | 'yaml';
  readonly text: string;
}

/** The corpus files (spin.toml, invalid fixtures, Kubernetes YAML). */
export function corpusSeeds(): Seed[] {
  const read = (dir: string, kind: Seed['kind'], ext: string): Seed[] => {
    const full = path.join(corpusDir, dir);
    if (!existsSync(full)) return [];
    return readdirSync(full)
      .filter((f) => f.endsWith(ext))
      .sort()
      .map((f) => ({ file: `${dir}/${f}`, kind, text: readFileSync(path.join(full, f), 'utf8') }));
  };
  return [
    ...read('spin-toml', 'toml', '.toml'),
    ...read('spin-toml-invalid', 'toml', '.toml'),
    ...read('k8s', 'yaml', '.yaml'),
  ];
}

const NASTY = [
  '"',
  "'",
  '[',
  ']',
  '{',
  '}',
  '=',
  ':',
  '-',
  '\n',
  '\t',
  '\u0000',
  '\uFFFD',
  '\\',
  '#',
  '*',
  '&',
  '!',
  '|',
  '>',
  '%',
  '\u{1F600}',
];

function uriFor(seed: Seed, index: number): string {
  return seed.kind === 'toml'
    ? `file:///fuzz/${index}/spin.toml`
    : `file:///fuzz/${index}/${path.basename(seed.file)}`;
}

/** Mutations of every corpus file (`perFile` random ones each), plus the structural extremes. */
export function fuzzCases(options: { seed?: number; perFile?: number; huge?: boolean } = {}): FuzzCase[] {
  const random = seededRandom(options.seed ?? 0x5eed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const cases: FuzzCase[] = [];
  let index = 0;
  const add = (seed: Seed, what: string, text: string): void => {
    cases.push({ name: `${seed.file}: ${what}`, uri: uriFor(seed, index++), text });
  };
  for (const seed of corpusSeeds()) {
    const { text } = seed;
    const lines = text.split('\n');
    for (let n = 0; n < (options.perFile ?? 3); n++) {
      const cut = Math.floor(random() * text.length);
      add(seed, `truncated at ${cut}`, text.slice(0, cut));
      const chars = [...text];
      for (let flips = 1 + Math.floor(random() * 4); flips > 0; flips--) {
        chars[Math.floor(random() * chars.length)] = pick(NASTY);
      }
      add(seed, 'flipped bytes', chars.join(''));
      const drop = Math.floor(random() * lines.length);
      add(seed, `line ${drop + 1} deleted`, lines.filter((_, i) => i !== drop).join('\n'));
    }
    add(seed, 'duplicated', seed.kind === 'toml' ? `${text}\n${text}` : `${text}\n---\n${text}`);
    add(seed, 'CRLF line ends', text.replace(/\n/g, '\r\n'));
    add(seed, 'indentation mangled', lines.map((l, i) => (i % 2 ? `  ${l}` : l.trimStart())).join('\n'));
  }
  cases.push(...extremes(options.huge ?? true));
  return cases;
}

function extremes(huge: boolean): FuzzCase[] {
  const deep = 20_000;
  const cases: FuzzCase[] = [
    { name: 'empty spin.toml', uri: 'file:///fuzz/x/empty/spin.toml', text: '' },
    { name: 'empty YAML', uri: 'file:///fuzz/x/empty.yaml', text: '' },
    { name: 'only a BOM', uri: 'file:///fuzz/x/bom/spin.toml', text: '\uFEFF' },
    {
      name: 'deeply nested TOML arrays',
      uri: 'file:///fuzz/x/deep/spin.toml',
      text: `spin_manifest_version = 2\nx = ${'['.repeat(deep)}${']'.repeat(deep)}\n`,
    },
    {
      name: 'deeply nested TOML inline tables',
      uri: 'file:///fuzz/x/deep2/spin.toml',
      text: `a = ${'{b = '.repeat(5000)}1${'}'.repeat(5000)}\n`,
    },
    {
      name: 'deeply nested YAML flow',
      uri: 'file:///fuzz/x/deep-flow.yaml',
      text: `apiVersion: core.spinkube.dev/v1alpha1\nkind: SpinApp\nspec: ${'['.repeat(deep)}${']'.repeat(deep)}\n`,
    },
    {
      name: 'deeply nested YAML blocks',
      uri: 'file:///fuzz/x/deep-block.yaml',
      text: `apiVersion: core.spinkube.dev/v1alpha1\nkind: SpinApp\nspec:\n${Array.from({ length: 2000 }, (_, i) => `${' '.repeat(2 * (i + 1))}k${i}:`).join('\n')}\n`,
    },
    { name: 'YAML alias bomb', uri: 'file:///fuzz/x/bomb.yaml', text: aliasBomb() },
    { name: 'binary junk as spin.toml', uri: 'file:///fuzz/x/junk/spin.toml', text: junk(20_000) },
    {
      name: 'binary junk as YAML',
      uri: 'file:///fuzz/x/junk.yaml',
      text: `apiVersion: core.spinkube.dev/v1alpha1\nkind: SpinApp\n${junk(20_000)}`,
    },
    {
      name: 'a 100,000-character line',
      uri: 'file:///fuzz/x/long/spin.toml',
      text: `spin_manifest_version = 2\n[application]\nname = "${'a'.repeat(100_000)}"\n`,
    },
  ];
  if (huge) {
    cases.push(
      { name: '5 MB spin.toml', uri: 'file:///fuzz/x/huge/spin.toml', text: hugeSpinToml(5 * 1024 * 1024) },
      { name: '5 MB SpinApp YAML', uri: 'file:///fuzz/x/huge.yaml', text: hugeSpinAppYaml(5 * 1024 * 1024) },
    );
  }
  return cases;
}

function junk(length: number): string {
  const random = seededRandom(length);
  let s = '';
  for (let i = 0; i < length; i++) s += String.fromCharCode(Math.floor(random() * 0x3000));
  return s;
}

function aliasBomb(): string {
  const lines = [
    'apiVersion: core.spinkube.dev/v1alpha1',
    'kind: SpinApp',
    'metadata:',
    '  name: bomb',
    'a0: &a0 [x, x, x, x, x, x, x, x, x]',
  ];
  for (let i = 1; i < 12; i++) {
    lines.push(`a${i}: &a${i} [${Array.from({ length: 9 }, () => `*a${i - 1}`).join(', ')}]`);
  }
  lines.push('spec:', '  executor: *a11', '  image: *a11');
  return `${lines.join('\n')}\n`;
}

/** A valid manifest of about `bytes` bytes (many components, each with an HTTP trigger). */
export function hugeSpinToml(bytes: number): string {
  const parts = ['spin_manifest_version = 2\n\n[application]\nname = "huge"\n'];
  let size = parts[0]!.length;
  for (let i = 0; size < bytes; i++) {
    const part = `\n[[trigger.http]]\nroute = "/c${i}/..."\ncomponent = "c${i}"\n\n[component.c${i}]\nsource = "c${i}.wasm"\nallowed_outbound_hosts = ["https://example.com"]\n`;
    parts.push(part);
    size += part.length;
  }
  return parts.join('');
}

/** Many valid SpinApp documents, about `bytes` bytes in all. */
export function hugeSpinAppYaml(bytes: number): string {
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const part = `---\napiVersion: core.spinkube.dev/v1alpha1\nkind: SpinApp\nmetadata:\n  name: app-${i}\nspec:\n  image: "ghcr.io/example/app-${i}:v1"\n  executor: containerd-shim-spin\n  replicas: 2\n`;
    parts.push(part);
    size += part.length;
  }
  return parts.join('');
}
