// Spin's HTTP routing and `spin-*` headers, as SPIN-LOCAL-RUN.md records them from Spin's source.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { buildRouter } from '../../../src/localRun/routes';
import { spinHeaders } from '../../../src/localRun/spinHeaders';

const router = buildRouter([
  { raw: '/a/...', componentId: 'a-wild' },
  { raw: '/a/b/...', componentId: 'ab-wild' },
  { raw: '/a/b/c', componentId: 'abc' },
  { raw: '/users/:id', componentId: 'user' },
  { raw: '/users/me', componentId: 'me' },
  { raw: '/foo/...', componentId: 'foo' },
  { raw: '/exact/', componentId: 'exact' },
]);

const target = (path: string): string | undefined => router.match(path)?.route.componentId;

describe('local run routing', () => {
  it('an exact route beats a parameter, which beats a wildcard, whatever the manifest order', () => {
    assert.equal(target('/a/b/c'), 'abc');
    assert.equal(target('/users/me'), 'me');
    assert.equal(target('/users/42'), 'user');
  });

  it('the wildcard with the longest literal prefix wins', () => {
    assert.equal(target('/a/b/x'), 'ab-wild');
    assert.equal(target('/a/x'), 'a-wild');
  });

  it('/foo/... matches /foo, /foo/ and /foo/x but not /foobar or /foo.json', () => {
    assert.equal(target('/foo'), 'foo');
    assert.equal(target('/foo/'), 'foo');
    assert.equal(target('/foo/x/y'), 'foo');
    assert.equal(target('/foobar'), undefined);
    assert.equal(target('/foo.json'), undefined);
  });

  it('an exact route matches with and without a trailing slash, and matching is case-sensitive', () => {
    assert.equal(target('/exact'), 'exact');
    assert.equal(target('/exact/'), 'exact');
    assert.equal(target('/EXACT'), undefined);
  });

  it('the same route twice: the last one wins and the first is reported as a duplicate', () => {
    const twice = buildRouter([
      { raw: '/x', componentId: 'first' },
      { raw: '/x/', componentId: 'second' },
    ]);
    assert.equal(twice.match('/x')?.route.componentId, 'second');
    assert.deepEqual(
      twice.duplicates.map((d) => d.componentId),
      ['first'],
    );
  });

  it('path info keeps the wildcard part with its trailing slash', () => {
    const hello = buildRouter([{ raw: '/hello/...', componentId: 'hello' }]);
    assert.equal(hello.match('/hello/a/b')?.pathInfo, '/a/b');
    assert.equal(hello.match('/hello')?.pathInfo, '');
    assert.equal(hello.match('/hello/')?.pathInfo, '/');
    const root = buildRouter([{ raw: '/...', componentId: 'all' }]);
    assert.equal(root.match('/')?.pathInfo, '/');
  });

  it("adds Spin's spin-* headers with Spin's values", () => {
    const hello = buildRouter([{ raw: '/hello/...', componentId: 'hello' }]);
    const match = hello.match('/hello/a/b');
    assert.ok(match);
    const headers = Object.fromEntries(
      spinHeaders(match, {
        host: '127.0.0.1:3000',
        pathWithQuery: '/hello/a/b?x=1',
        clientAddress: '127.0.0.1:54321',
      }),
    );
    assert.deepEqual(headers, {
      'spin-full-url': 'http://127.0.0.1:3000/hello/a/b?x=1',
      'spin-path-info': '/a/b',
      'spin-matched-route': '/hello/...',
      'spin-raw-component-route': '/hello/...',
      'spin-component-route': '/hello',
      'spin-base-path': '/',
      'spin-client-addr': '127.0.0.1:54321',
    });
  });

  it('gives each :name segment a spin-path-match header and the root route an empty matched-route', () => {
    const users = buildRouter([
      { raw: '/users/:userId', componentId: 'user' },
      { raw: '/', componentId: 'root' },
    ]);
    const match = users.match('/users/7');
    assert.ok(match);
    const headers = Object.fromEntries(
      spinHeaders(match, { host: 'h', pathWithQuery: '/users/7', clientAddress: 'c' }),
    );
    assert.equal(headers['spin-path-match-userid'], '7');
    const root = users.match('/');
    assert.equal(root?.route.componentId, 'root');
    assert.equal(root?.route.normalized, '');
  });
});
