// Glob patterns with the meaning Spin gives them (its loader uses the Rust `glob` crate): `*` any
// characters, `?` one character, `[abc]`, `[a-z]`, `[!abc]` one character of (or not of) a set, and
// `**` as a whole path component for any number of folders. There are no brace sets (`{a,b}` is
// literal) and no escapes. One matcher serves the editor's `files` / `exclude_files` checks and
// the packaging of a push, so both agree on which files an app carries.
//
// Matching never backtracks: a pattern is a list of tokens and a path is run through it as a set
// of positions (a Thompson simulation), so the time is at most path length × pattern length for
// any pattern, where a backtracking regular expression for `*a*a*a*a*b` takes exponential time.
import { posix } from 'node:path';

type CharRange = readonly [from: number, to: number];

type GlobToken =
  | { readonly kind: 'char'; readonly code: number }
  | { readonly kind: 'any' }
  | { readonly kind: 'star' }
  | { readonly kind: 'globstar' }
  | { readonly kind: 'set'; readonly negated: boolean; readonly ranges: readonly CharRange[] };

/** A pattern Spin rejects (`***`, `a**`, `**b`, an unclosed `[`), with the crate's wording. */
export class GlobSyntaxError extends Error {
  constructor(
    readonly pattern: string,
    readonly position: number,
    reason: string,
  ) {
    super(`Pattern syntax error near position ${position}: ${reason}`);
    this.name = 'GlobSyntaxError';
  }
}

const SLASH = 0x2f;

/** Whether Spin treats a `files` entry as a glob (what `glob::Pattern::escape` would change). */
export function looksLikeGlob(pattern: string): boolean {
  return /[*?[\]]/.test(pattern);
}

/** The error message for a pattern Spin would reject, or undefined when it is valid. */
export function globSyntaxProblem(pattern: string): string | undefined {
  try {
    tokenize(pattern);
    return undefined;
  } catch (error) {
    if (error instanceof GlobSyntaxError) return error.message;
    throw error;
  }
}

function tokenize(pattern: string): GlobToken[] {
  const chars = Array.from(pattern, (c) => c.codePointAt(0) ?? 0);
  const tokens: GlobToken[] = [];
  let i = 0;
  while (i < chars.length) {
    const c = chars[i]!;
    if (c === 0x3f /* ? */) {
      tokens.push({ kind: 'any' });
      i++;
    } else if (c === 0x2a /* * */) {
      i = starRun(pattern, chars, i, tokens);
    } else if (c === 0x5b /* [ */) {
      i = charSet(pattern, chars, i, tokens);
    } else {
      tokens.push({ kind: 'char', code: c });
      i++;
    }
  }
  return tokens;
}

/** Reads `*` or `**` at `start`; returns the index after it. */
function starRun(pattern: string, chars: readonly number[], start: number, tokens: GlobToken[]): number {
  let i = start;
  while (chars[i] === 0x2a) i++;
  const count = i - start;
  if (count > 2) {
    throw new GlobSyntaxError(pattern, start + 2, 'wildcards are either regular `*` or recursive `**`');
  }
  if (count === 1) {
    if (tokens.at(-1)?.kind !== 'star') tokens.push({ kind: 'star' });
    return i;
  }
  if (start !== 0 && chars[start - 1] !== SLASH) {
    throw new GlobSyntaxError(pattern, start - 1, 'recursive wildcards must form a single path component');
  }
  if (i < chars.length && chars[i] !== SLASH) {
    throw new GlobSyntaxError(pattern, i, 'recursive wildcards must form a single path component');
  }
  if (tokens.at(-1)?.kind !== 'globstar') tokens.push({ kind: 'globstar' });
  return i < chars.length ? i + 1 : i;
}

/** Reads `[...]` or `[!...]` at `start` (a `]` right after the opening is a member); returns the index after it. */
function charSet(pattern: string, chars: readonly number[], start: number, tokens: GlobToken[]): number {
  const negated = chars[start + 1] === 0x21; /* ! */
  const first = start + (negated ? 2 : 1);
  // The first member may be `]`; the set needs at least one member.
  const close = first + 1 <= chars.length ? chars.indexOf(0x5d /* ] */, first + 1) : -1;
  if (close < 0) throw new GlobSyntaxError(pattern, start, 'invalid range pattern');
  const body = chars.slice(first, close);
  const ranges: CharRange[] = [];
  for (let j = 0; j < body.length;) {
    if (j + 2 < body.length && body[j + 1] === 0x2d /* - */) {
      ranges.push([body[j]!, body[j + 2]!]);
      j += 3;
    } else {
      ranges.push([body[j]!, body[j]!]);
      j++;
    }
  }
  tokens.push({ kind: 'set', negated, ranges });
  return close + 1;
}

function tokenAccepts(token: GlobToken, code: number): boolean {
  switch (token.kind) {
    case 'char':
      return token.code === code;
    case 'any':
      return true;
    case 'set':
      return token.ranges.some(([from, to]) => from <= code && code <= to) !== token.negated;
    default:
      return false;
  }
}

/**
 * Runs `text` through the tokens as a set of positions. `*` matches any characters (also `/`,
 * as `glob::Pattern::matches` does); `**` matches nothing or anything that ends in `/`, and
 * anything at all at the end of the pattern.
 */
function runTokens(tokens: readonly GlobToken[], text: string): boolean {
  const size = tokens.length + 1;
  let current = new Uint8Array(size);
  let next = new Uint8Array(size);
  /** Enters position t: a wildcard there may also match nothing, so what follows it is entered too. */
  const enter = (set: Uint8Array, from: number): void => {
    let t = from;
    for (; t < tokens.length && (tokens[t]!.kind === 'star' || tokens[t]!.kind === 'globstar'); t++) {
      set[t] = 1;
    }
    set[t] = 1;
  };
  enter(current, 0);
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    next.fill(0);
    let alive = false;
    for (let t = 0; t < tokens.length; t++) {
      if (!current[t]) continue;
      const token = tokens[t]!;
      if (token.kind === 'star') {
        enter(next, t);
        alive = true;
      } else if (token.kind === 'globstar') {
        // What follows `**/` starts where it started or right after a `/` it took.
        next[t] = 1;
        if (code === SLASH) enter(next, t + 1);
        alive = true;
      } else if (tokenAccepts(token, code)) {
        enter(next, t + 1);
        alive = true;
      }
    }
    if (!alive) return false;
    [current, next] = [next, current];
  }
  // A `**` that ends the pattern takes the rest of the path, whatever it is.
  const last = tokens.length - 1;
  return current[tokens.length] === 1 || (tokens[last]?.kind === 'globstar' && current[last] === 1);
}

/**
 * An `exclude_files` pattern: matched against the whole app-relative path, as Spin's
 * `glob::Pattern::matches_path` does (so `*` and `?` also match `/`: `*.map` excludes
 * `static/app.js.map`). Throws GlobSyntaxError for a pattern Spin rejects.
 */
export class ExcludePattern {
  private readonly tokens: readonly GlobToken[];

  constructor(readonly pattern: string) {
    this.tokens = tokenize(pattern);
  }

  matches(relativePath: string): boolean {
    return runTokens(this.tokens, relativePath);
  }
}

type Component =
  { readonly kind: 'folders' } | { readonly kind: 'name'; readonly tokens: readonly GlobToken[] };

/**
 * A `files` glob: expanded over the file system one path component at a time, as Spin's
 * `glob::glob` does, so `*`, `?` and sets stay within one component, `**` stands for any number
 * of folders (none too), and only files count (`static/**` alone names folders, so no files).
 * Paths are app-relative with `/`; a leading `./` is ignored. Throws GlobSyntaxError for a
 * pattern Spin rejects.
 */
export class FilesGlob {
  private readonly components: readonly Component[];
  /** A pattern ending in `/` names folders only. */
  private readonly foldersOnly: boolean;

  constructor(readonly pattern: string) {
    tokenize(pattern);
    this.foldersOnly = pattern.endsWith('/');
    this.components = posix
      .normalize(pattern)
      .split('/')
      .filter((part) => part !== '' && part !== '.')
      .map((part): Component =>
        part === '**' ? { kind: 'folders' } : { kind: 'name', tokens: tokenize(part) },
      );
  }

  /** Whether the file at this app-relative path (`static/css/site.css`) is one the glob expands to. */
  matches(relativePath: string): boolean {
    if (this.foldersOnly) return false;
    const segments = relativePath.split('/').filter((s) => s !== '' && s !== '.');
    if (segments.length === 0) return false;
    const k = this.components.length;
    let reach = this.closure(new Set([0]));
    for (let j = 0; j < segments.length; j++) {
      const isFolder = j < segments.length - 1;
      const after = new Set<number>();
      for (const c of reach) {
        const component = this.components[c];
        if (!component) continue;
        if (component.kind === 'folders') {
          if (isFolder) after.add(c);
        } else if (runTokens(component.tokens, segments[j]!)) after.add(c + 1);
      }
      if (after.size === 0) return false;
      reach = this.closure(after);
    }
    return reach.has(k);
  }

  /**
   * Whether a folder at this app-relative path may hold matching files (a walk need not enter
   * the others): its components match the pattern's leading components, or a `**` is reached.
   */
  mayEnter(relativeFolder: string): boolean {
    const segments = relativeFolder.split('/').filter((s) => s !== '' && s !== '.');
    let reach = this.closure(new Set([0]));
    for (const segment of segments) {
      const after = new Set<number>();
      for (const c of reach) {
        const component = this.components[c];
        // The last component names the file, so no folder goes through it.
        if (!component || c === this.components.length - 1) continue;
        if (component.kind === 'folders') after.add(c);
        else if (runTokens(component.tokens, segment)) after.add(c + 1);
      }
      if (after.size === 0) return false;
      reach = this.closure(after);
    }
    return true;
  }

  /** The leading folders without glob characters (where a walk can start), `/`-separated. */
  base(): string {
    const parts = this.pattern.split('/').filter((part) => part !== '' && part !== '.');
    const fixed: string[] = [];
    for (const part of parts.slice(0, -1)) {
      if (looksLikeGlob(part)) break;
      fixed.push(part);
    }
    return fixed.join('/');
  }

  private closure(set: Set<number>): Set<number> {
    for (const c of [...set].sort((a, b) => a - b)) {
      for (let d = c; this.components[d]?.kind === 'folders'; d++) set.add(d + 1);
    }
    return set;
  }
}
