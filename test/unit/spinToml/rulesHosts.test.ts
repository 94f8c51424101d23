import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  convertHttpHosts,
  httpHostProblem,
  outboundHostProblem,
} from '../../../src/language/spinToml/outboundHosts';
import { DiagnosticSeverity } from '../../../src/language/types';
import { BASE, expectNone, expectOne } from './helpers';

test('the allowed_outbound_hosts grammar', () => {
  for (const ok of [
    'https://example.com',
    'https://example.com:8443',
    'https://example.com/',
    '*://*:*',
    'redis://*',
    'mysql://db.internal',
    'http://self',
    'http://*.spin.internal',
    'https://*.example.com',
    'tcp://10.0.0.0/8:5000',
    'http://localhost:3000..3010',
    'http://[::1]:80',
  ]) {
    assert.equal(outboundHostProblem(ok), undefined, ok);
  }
  const cases: [string, string][] = [
    ['example.com', 'does not contain a scheme'],
    ['*', 'is not an allowed outbound host format'],
    ['ht-tp://x', 'only alphabetic characters are allowed'],
    ['{http,https}://x', 'scheme lists are not supported'],
    ['https://example.com/path', 'has a path but is not allowed to'],
    ['https://ex*ample.com', 'wildcards are allowed only as prefixes'],
    ['https://*example.com', 'wildcards are allowed only as subdomains'],
    ['https://{a,b}.com', 'host lists are not yet supported'],
    ['https://example.com:http', 'port "http" is not a number'],
    ['https://example.com:1..x', 'port range "1..x" contains non-number'],
    [
      'ftp://example.com',
      'no port was provided and the scheme "ftp" does not have a known default port number',
    ],
    ['https://invalid host', 'invalid international domain name'],
  ];
  for (const [entry, message] of cases) {
    assert.match(
      outboundHostProblem(entry) ?? '',
      new RegExp(message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')),
      entry,
    );
  }
});

test('an invalid host is an error at its entry; valid ones pass', () => {
  const text = BASE.replace(
    'source = "web.wasm"',
    'source = "web.wasm"\nallowed_outbound_hosts = ["https://ok.example.com", "example.com"]',
  );
  expectOne(text, 'spin-toml/outbound-host', '"example.com"', 'does not contain a scheme');
});

test("insecure:allow-all gets Spin's message and its own code (for the fix)", () => {
  const text = BASE.replace(
    'source = "web.wasm"',
    'source = "web.wasm"\nallowed_outbound_hosts = ["insecure:allow-all"]',
  );
  expectOne(text, 'spin-toml/insecure-allow-all', '"insecure:allow-all"', "use '*://*:*' instead");
  expectNone(text, 'spin-toml/outbound-host');
});

test('allowed_http_hosts is deprecated (warning) and its entries are checked', () => {
  const text = BASE.replace(
    'source = "web.wasm"',
    'source = "web.wasm"\nallowed_http_hosts = ["example.com", "example.com/x"]',
  );
  const d = expectOne(
    text,
    'spin-toml/deprecated-allowed-http-hosts',
    'allowed_http_hosts',
    'Use of the deprecated field `allowed_http_hosts`',
  );
  assert.equal(d.severity, DiagnosticSeverity.Warning);
  expectOne(text, 'spin-toml/invalid-allowed-http-host', '"example.com/x"', 'contains a path');
  assert.equal(httpHostProblem('example.com:80'), undefined);
  assert.deepEqual(convertHttpHosts(['example.com', 'self']), [
    'http://example.com',
    'https://example.com',
    'http://self',
  ]);
  assert.deepEqual(convertHttpHosts(['insecure:allow-all', 'x']), [
    'http://*:*',
    'https://*:*',
    'http://self',
  ]);
});
