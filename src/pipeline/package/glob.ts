// Glob patterns as spin.toml `files` and `exclude_files` use them: `*`, `?`, `[...]` and `**`
// (any number of folders), matched against forward-slash paths relative to the app folder.

export function looksLikeGlob(pattern: string): boolean {
  return /[*?[]/.test(pattern);
}

/**
 * Compiles a glob to a RegExp over relative paths. With `crossSeparators` (how Spin matches
 * `exclude_files`), `*` and `?` also match `/`; otherwise they stay within one path segment.
 */
export function globToRegExp(pattern: string, crossSeparators = false): RegExp {
  const any = crossSeparators ? '.' : '[^/]';
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string;
    if (c === '*' && pattern[i + 1] === '*') {
      const atStart = i === 0 || pattern[i - 1] === '/';
      const slashAfter = pattern[i + 2] === '/';
      if (atStart && slashAfter) {
        source += '(?:.*/)?';
        i += 2;
      } else {
        source += '.*';
        i += 1;
      }
    } else if (c === '*') source += `${any}*`;
    else if (c === '?') source += any;
    else if (c === '[') {
      const end = pattern.indexOf(']', i + 2);
      if (end < 0) source += '\\[';
      else {
        let body = pattern.slice(i + 1, end);
        if (body.startsWith('!')) body = `^${body.slice(1)}`;
        source += `[${body.replace(/\\/g, '\\\\')}]`;
        i = end;
      }
    } else source += c.replace(/[.+^${}()|\\\]]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}

/** The leading folders of a pattern that contain no glob characters (where a walk can start). */
export function globBase(pattern: string): string {
  const parts = pattern.split('/');
  const fixed: string[] = [];
  for (const part of parts.slice(0, -1)) {
    if (looksLikeGlob(part)) break;
    fixed.push(part);
  }
  return fixed.join('/');
}
