// Reading the document as lines, for features that must work while the file is being typed and
// is not valid TOML: which table the cursor is in, declared component ids and variable names.

/** Splits a dotted TOML key (`component."my-app".build`) into its parts. */
function splitDottedKey(key: string): string[] {
  const parts: string[] = [];
  const re = /\s*(?:"((?:[^"\\]|\\.)*)"|'([^']*)'|([A-Za-z0-9_-]+))\s*(?:\.|$)/gy;
  let match: RegExpExecArray | null;
  while (re.lastIndex < key.length && (match = re.exec(key)) !== null) {
    parts.push(match[1] ?? match[2] ?? match[3] ?? '');
    if (match[0].length === 0) break;
  }
  return parts;
}

const HEADER = /^\s*(\[\[?)\s*([^\]]*?)\s*\]\]?\s*(?:#.*)?$/;

/** The table path that line `line` belongs to (array-of-tables headers add index 0). */
export function tablePathAt(lines: readonly string[], line: number): (string | number)[] {
  for (let i = Math.min(line, lines.length - 1); i >= 0; i--) {
    const match = HEADER.exec(lines[i] ?? '');
    if (!match) continue;
    const path: (string | number)[] = splitDottedKey(match[2] ?? '');
    if (match[1] === '[[') path.push(0);
    return path;
  }
  return [];
}

/** Component ids declared in the text (`[component.<id>]`, v1 `id = "…"`). */
export function scanComponentIds(lines: readonly string[]): string[] {
  const ids = new Set<string>();
  let inV1Component = false;
  for (const line of lines) {
    const header = HEADER.exec(line);
    if (header) {
      const path = splitDottedKey(header[2] ?? '');
      inV1Component = header[1] === '[[' && path.length === 1 && path[0] === 'component';
      if (
        header[1] === '[' &&
        path[0] === 'component' &&
        path[1] !== undefined &&
        path[1] !== 'trigger' &&
        path[1] !== 'build'
      ) {
        ids.add(path[1]);
      }
      continue;
    }
    const id = inV1Component ? /^\s*id\s*=\s*"([^"]*)"/.exec(line) : null;
    if (id?.[1]) ids.add(id[1]);
  }
  return [...ids];
}

/** Application variable names declared in `[variables]` (or `[variables.<name>]`). */
export function scanVariableNames(lines: readonly string[]): string[] {
  const names = new Set<string>();
  let inVariables = false;
  for (const line of lines) {
    const header = HEADER.exec(line);
    if (header) {
      const path = splitDottedKey(header[2] ?? '');
      inVariables = header[1] === '[' && path.length === 1 && path[0] === 'variables';
      if (header[1] === '[' && path[0] === 'variables' && path.length === 2 && path[1]) names.add(path[1]);
      continue;
    }
    const key = inVariables ? /^\s*(?:"([^"]+)"|([A-Za-z0-9_+-]+))\s*=/.exec(line) : null;
    const name = key?.[1] ?? key?.[2];
    if (name) names.add(name);
  }
  return [...names];
}
