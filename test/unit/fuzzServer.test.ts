// Robustness through the built server process: a sample of the fuzz cases is opened, edited and
// queried over LSP. The server must publish diagnostics for every version, answer every request,
// log no failure, and still be alive at the end.
import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { fuzzCases, seededRandom, type FuzzCase } from '../support/fuzzCases';
import { startLanguageServer, type TestLanguageClient } from '../support/lspClient';

const SAMPLE_SIZE = 40;

function sample(): FuzzCase[] {
  const all = fuzzCases({ seed: 7, perFile: 1 });
  const random = seededRandom(11);
  const picked = all.filter(() => random() < SAMPLE_SIZE / all.length);
  const extremes = all.filter((c) => c.uri.startsWith('file:///fuzz/x/'));
  return [...picked, ...extremes];
}

describe('fuzz: language server process', () => {
  let client: TestLanguageClient;
  before(async () => {
    client = await startLanguageServer();
  });
  after(async () => {
    await client?.stop();
  });

  it('answers every request and publishes diagnostics for every version of mutated files', async () => {
    const cases = sample();
    assert.ok(cases.length >= 20);
    for (const c of cases) {
      const opened = client.waitForDiagnostics(c.uri, (p) => p.version === 1, 120_000);
      client.open(c.uri, c.text);
      await opened;
      const edited = client.waitForDiagnostics(c.uri, (p) => p.version === 2, 120_000);
      client.change(c.uri, 2, c.text.slice(0, Math.floor(c.text.length / 2)));
      const position = { line: 1, character: 2 };
      const textDocument = { uri: c.uri };
      const answers = await Promise.all([
        client.connection.sendRequest('textDocument/completion', { textDocument, position }),
        client.connection.sendRequest('textDocument/hover', { textDocument, position }),
        client.connection.sendRequest('textDocument/documentSymbol', { textDocument }),
        client.connection.sendRequest('textDocument/definition', { textDocument, position }),
        client.connection.sendRequest('textDocument/prepareRename', { textDocument, position }),
        edited,
      ]);
      assert.equal(answers.length, 6, c.name);
      client.close(c.uri);
    }
    assert.equal(client.process.exitCode, null, 'the server is still running');
    const failures = client.logs.filter((l) => /failed|Unexpected error|Unhandled/.test(l));
    assert.deepEqual(failures.slice(0, 5), []);
  });
});
