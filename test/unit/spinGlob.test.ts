// The one glob matcher of `files` and `exclude_files`, with the meaning Spin's loader (the Rust
// `glob` crate) gives a pattern: the cases the editor and the push used to disagree on, the
// crate's own examples, and the patterns it rejects.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ExcludePattern, FilesGlob, globSyntaxProblem, looksLikeGlob } from '../../src/language/spinGlob';

const files = (pattern: string, path: string): boolean => new FilesGlob(pattern).matches(path);
const excludes = (pattern: string, path: string): boolean => new ExcludePattern(pattern).matches(path);

describe('Spin glob patterns', () => {
  it('has no brace sets: `{a,b}` is literal, in the editor as in the push', () => {
    assert.equal(files('static/{a,b}.html', 'static/a.html'), false);
    assert.equal(files('static/{a,b}.html', 'static/{a,b}.html'), true);
    assert.equal(excludes('*.{map,ts}', 'app.map'), false);
    assert.equal(excludes('*.{map,ts}', 'app.{map,ts}'), true);
  });

  it('keeps `*`, `?` and sets within a path component for `files`', () => {
    assert.equal(files('static/*.css', 'static/a/b.css'), false);
    assert.equal(files('static/*.css', 'static/b.css'), true);
    assert.equal(files('static/?.css', 'static/b.css'), true);
    assert.equal(files('static?b.css', 'static/b.css'), false);
    assert.throws(
      () => new FilesGlob('static[/]b.css'),
      /invalid range pattern/,
      'split into components as glob::glob does',
    );
    assert.equal(files('./a.txt', 'a.txt'), true);
    assert.equal(files('*', '.hidden'), true, 'no special leading dot');
  });

  it('lets `*`, `?` and sets match `/` in `exclude_files`, as `Pattern::matches_path` does', () => {
    assert.equal(excludes('*.map', 'static/js/app.js.map'), true);
    assert.equal(excludes('static?b.css', 'static/b.css'), true);
    assert.equal(excludes('static[/]b.css', 'static/b.css'), true);
    assert.equal(excludes('static/*', 'static/a/b/c.txt'), true);
    assert.equal(excludes('*.map', 'static/app.js'), false);
  });

  it('reads `**` as any number of folders, none too, and never as the file itself', () => {
    assert.equal(files('static/**/*.css', 'static/a/b.css'), true);
    assert.equal(files('static/**/*.css', 'static/b.css'), true);
    assert.equal(files('**/*', 'a/b/c'), true);
    assert.equal(files('**/**/x', 'x'), true);
    assert.equal(files('static/**', 'static/a.txt'), false, 'a trailing ** names folders only');
    assert.equal(files('static/', 'static/a.txt'), false);
    assert.equal(excludes('some/**/needle.txt', 'some/one/two/needle.txt'), true);
    assert.equal(excludes('some/**/needle.txt', 'some/needle.txt'), true);
    assert.equal(excludes('some/**/needle.txt', 'some/other/notthis.txt'), false);
    assert.equal(excludes('**/.*', 'abc/.abc'), true);
    assert.equal(excludes('**/.*', 'abc/ab.c'), false);
    assert.equal(excludes('**', 'x/y/.z'), true);
    assert.equal(excludes('a/**', 'a/x/y'), true);
  });

  it('matches sets, ranges and negated sets as the crate does', () => {
    for (const c of '0123456789') assert.equal(excludes('a[0-9]b', `a${c}b`), true);
    assert.equal(excludes('a[!0-9]b', 'a_b'), true);
    assert.equal(excludes('a[!0-9]b', 'a5b'), false);
    for (const p of ['[abc-]', '[-abc]', '[a-c-]']) {
      assert.equal(excludes(p, '-'), true, p);
      assert.equal(excludes(p, 'b'), true, p);
      assert.equal(excludes(p, 'd'), false, p);
    }
    assert.equal(excludes('[]]', ']'), true);
    assert.equal(excludes('[!]]', ']'), false);
    assert.equal(excludes('[!]]', 'a'), true);
    assert.equal(excludes('[2-1]', '1'), false);
    assert.equal(excludes('abc*abc*abc', 'abcabcabcabcabcabcabc'), true);
    assert.equal(excludes('abc*abc*abc', 'abcabcabcabcabcabcabca'), false);
    assert.equal(excludes('a*b[xyz]c*d', 'abxcdbxcddd'), true);
  });

  it('rejects what Spin rejects, with the crate’s message', () => {
    assert.match(String(globSyntaxProblem('abc[def')), /position 3: invalid range pattern/);
    assert.match(String(globSyntaxProblem('abc[!]')), /position 3: invalid range pattern/);
    assert.match(String(globSyntaxProblem('abc[]')), /position 3/);
    assert.match(
      String(globSyntaxProblem('a/**b')),
      /position 4: recursive wildcards must form a single path component/,
    );
    assert.match(String(globSyntaxProblem('a/bc**')), /position 3/);
    assert.match(
      String(globSyntaxProblem('a/*****')),
      /position 4: wildcards are either regular `\*` or recursive `\*\*`/,
    );
    assert.equal(globSyntaxProblem('static/{a,b'), undefined, 'an unbalanced brace is just a character');
    assert.throws(() => new FilesGlob('x/[ab'));
    assert.throws(() => new ExcludePattern('***'));
  });

  it('calls a pattern a glob when it holds `*`, `?`, `[` or `]`', () => {
    assert.equal(looksLikeGlob('static/{a,b}.html'), false);
    assert.equal(looksLikeGlob('a]b'), true);
    assert.equal(looksLikeGlob('a?'), true);
  });

  it('stays linear on patterns that make a backtracking matcher exponential', () => {
    // Each of these took seconds to minutes as a regular expression; here each is a few thousand steps.
    const name = 'a'.repeat(40) + 'c';
    assert.equal(files('*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b', name), false);
    assert.equal(excludes('*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b', `x/${name}`), false);
    assert.equal(excludes(`${'?*'.repeat(200)}b`, 'a'.repeat(5000)), false);
    assert.equal(files(`${'**/'.repeat(100)}*b`, `${'d/'.repeat(300)}a`), false);
    assert.equal(new FilesGlob('*a*b').mayEnter('static'), false);
    assert.equal(new FilesGlob('s*/**/*.html').mayEnter('static/x/y'), true);
  });
});
