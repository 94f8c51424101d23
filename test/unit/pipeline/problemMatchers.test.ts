import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, it } from 'node:test';

interface Pattern {
  regexp: string;
  file?: number;
  line?: number;
  message?: number;
}
interface Matcher {
  name: string;
  pattern: Pattern | Pattern[];
}

const pkg = JSON.parse(readFileSync(resolve(__dirname, '..', '..', '..', '..', 'package.json'), 'utf8')) as {
  contributes: { problemMatchers: Matcher[] };
};
const matcher = (name: string) => {
  const found = pkg.contributes.problemMatchers.find((m) => m.name === name);
  assert.ok(found, `problem matcher ${name} is contributed`);
  return Array.isArray(found.pattern) ? found.pattern : [found.pattern];
};

describe('spin task problem matchers', () => {
  it('spin-rustc reads cargo errors over two lines', () => {
    const [first, second] = matcher('spin-rustc');
    const head = new RegExp(first!.regexp).exec('error[E0425]: cannot find value `x` in this scope');
    assert.equal(head?.[first!.message!], 'cannot find value `x` in this scope');
    const where = new RegExp(second!.regexp).exec('  --> src/lib.rs:5:9');
    assert.equal(where?.[second!.file!], 'src/lib.rs');
    assert.equal(where?.[second!.line!], '5');
  });

  it('spin-tsc reads tsc errors in both output styles', () => {
    const [pattern] = matcher('spin-tsc');
    const classic = new RegExp(pattern!.regexp).exec(
      "src/index.ts(3,7): error TS2322: Type 'string' is not assignable.",
    );
    assert.equal(classic?.[pattern!.file!], 'src/index.ts');
    const pretty = new RegExp(pattern!.regexp).exec('src/index.ts:3:7 - error TS2322: Bad.');
    assert.equal(pretty?.[pattern!.line!], '3');
  });

  it('spin-go reads Go compiler errors and ignores other lines', () => {
    const [pattern] = matcher('spin-go');
    assert.equal(
      new RegExp(pattern!.regexp).exec('./main.go:10:2: undefined: x')?.[pattern!.message!],
      'undefined: x',
    );
    assert.equal(new RegExp(pattern!.regexp).exec('Building component hello'), null);
  });
});
