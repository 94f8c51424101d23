// Spin's identifier syntax (SPEC §1a.9), with Spin's exact messages. Returns the reason an id is
// invalid, or undefined when it is valid.

export type IdKind = 'kebab' | 'snake' | 'lower-snake';

function charQuote(c: string): string {
  return c === "'" ? "'\\''" : `'${c}'`;
}

/** Ids that are certainly valid (every word all lowercase, or all UPPERCASE), checked in one step. */
const PLAINLY_VALID: Record<IdKind, RegExp> = {
  kebab: /^(?:[a-z][a-z0-9]*|[A-Z][A-Z0-9]*)(?:-(?:[a-z][a-z0-9]*|[A-Z][A-Z0-9]*))*$/,
  snake: /^(?:[a-z][a-z0-9]*|[A-Z][A-Z0-9]*)(?:_(?:[a-z][a-z0-9]*|[A-Z][A-Z0-9]*))*$/,
  'lower-snake': /^[a-z][a-z0-9]*(?:_[a-z][a-z0-9]*)*$/,
};

export function idProblem(id: string, kind: IdKind): string | undefined {
  if (PLAINLY_VALID[kind].test(id)) return undefined;
  if (id.length === 0) return 'empty';
  const delimiter = kind === 'kebab' ? '-' : '_';
  const other = kind === 'kebab' ? '_' : '-';
  const d = charQuote(delimiter);
  if (id.includes(other)) return `words must be separated with ${d}, not ${charQuote(other)}`;
  const words = id.split(delimiter);
  if (words.some((w) => w.length === 0)) return `${d}-separated words must not be empty`;
  for (const word of words) {
    const first = word.charAt(0);
    if (!/^[A-Za-z]$/.test(first)) {
      return `${d}-separated words must start with an ASCII letter; got ${charQuote(first)}`;
    }
    const bad = [...word].find((c) => !/^[A-Za-z0-9]$/.test(c));
    if (bad !== undefined) {
      return `${d}-separated words may only contain alphanumeric ASCII; got ${charQuote(bad)}`;
    }
    const upper = /^[A-Z]$/.test(first);
    const letters = word.replace(/[0-9]/g, '');
    if (upper ? letters !== letters.toUpperCase() : letters !== letters.toLowerCase()) {
      return `${d}-separated words must be all lowercase or all UPPERCASE; got "${word}"`;
    }
  }
  if (kind === 'lower-snake' && id !== id.toLowerCase()) {
    return `Lower-case identifiers must be all lowercase; got "${id}"`;
  }
  return undefined;
}

/** Store labels (`key_value_stores`, `sqlite_databases`) accept kebab-case or snake_case. */
export function labelProblem(label: string): string | undefined {
  if (idProblem(label, 'kebab') === undefined || idProblem(label, 'snake') === undefined) return undefined;
  return 'expected kebab-case or snake_case';
}

/** The kebab-case form of an id (what the rename quick fix offers): `my_Comp` → `my-comp`. */
export function toKebabCase(id: string): string {
  const words = id
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 0);
  const fixed = words.map((w, i) => (/^[a-z]/.test(w) ? w : `${i === 0 ? 'c' : 'v'}${w}`));
  return fixed.join('-') || 'component';
}

/** The lower_snake_case form of a variable name. */
export function toLowerSnakeCase(name: string): string {
  return toKebabCase(name).replace(/-/g, '_');
}
