/**
 * Glob patterns as Spin's `files` and `exclude_files` use them: `*` within one path segment, `**`
 * across segments, `?` one character, `[abc]` a class, `{a,b}` alternatives. Paths use `/`.
 */
export function globToRegExp(pattern: string): RegExp {
  let source = '';
  let braceDepth = 0;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '*') {
      if (pattern[i + 1] === '*') {
        const slashAfter = pattern[i + 2] === '/';
        source += slashAfter ? '(?:.*/)?' : '.*';
        i += slashAfter ? 2 : 1;
      } else source += '[^/]*';
    } else if (c === '?') source += '[^/]';
    else if (c === '[') {
      const close = pattern.indexOf(']', i + 1);
      if (close < 0) source += '\\[';
      else {
        const body = pattern
          .slice(i + 1, close)
          .replace(/^!/, '^')
          .replace(/\\/g, '\\\\');
        source += `[${body}]`;
        i = close;
      }
    } else if (c === '{') {
      braceDepth++;
      source += '(?:';
    } else if (c === '}' && braceDepth > 0) {
      braceDepth--;
      source += ')';
    } else if (c === ',' && braceDepth > 0) source += '|';
    else source += c.replace(/[.+^$()|\\]/g, '\\$&');
  }
  source += ')'.repeat(braceDepth);
  try {
    return new RegExp(`^${source}$`);
  } catch {
    return /(?!)/;
  }
}

/** Whether a relative path (with `/`) matches a glob pattern. */
export function matchesGlob(relativePath: string, pattern: string): boolean {
  return globToRegExp(pattern.replace(/^\.\//, '')).test(relativePath);
}
