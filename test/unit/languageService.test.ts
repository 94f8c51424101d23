// The language service dispatcher: routing by document kind, caching per version, and never
// throwing whatever a language does.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { INTERNAL_ERROR_CODE, LanguageService } from '../../src/language/service';
import type { Diagnostic, DocumentLanguage, LanguageContext } from '../../src/language/types';

const diag = (message: string, line = 0): Diagnostic => ({
  range: { start: { line, character: 0 }, end: { line, character: 1 } },
  message,
  code: 'test/code',
  source: 'spinkube',
});

function countingLanguage(): DocumentLanguage & { calls: number } {
  const language = {
    calls: 0,
    validate: () => {
      language.calls++;
      return [diag(`run ${language.calls}`)];
    },
  };
  return language;
}

const throwing: DocumentLanguage = {
  validate: () => {
    throw new Error('boom');
  },
  complete: () => {
    throw new TypeError('bad');
  },
  hover: () => {
    throw 'not even an Error';
  },
  symbols: () => {
    throw new Error('x');
  },
};

describe('LanguageService', () => {
  it('routes spin.toml and YAML documents to their languages and ignores other files', () => {
    const service = new LanguageService({
      languages: {
        'spin-toml': { validate: () => [diag('toml')] },
        yaml: { validate: () => [diag('yaml')] },
      },
    });
    assert.equal(service.validate({ uri: 'file:///a/spin.toml', text: '' })[0]?.message, 'toml');
    assert.equal(service.validate({ uri: 'file:///a/app.yml', text: '' })[0]?.message, 'yaml');
    assert.equal(service.validate({ uri: 'file:///a/app.YAML', text: '' })[0]?.message, 'yaml');
    assert.deepEqual(service.validate({ uri: 'file:///a/Cargo.toml', text: '[package]' }), []);
    assert.equal(
      service.validate({ uri: 'file:///a/spin.dev.toml', text: 'spin_manifest_version = 2\n' })[0]?.message,
      'toml',
      'a *.toml that declares a manifest version is a manifest',
    );
  });

  it('validates a document version once per context, and again when asked to forget', () => {
    const language = countingLanguage();
    const service = new LanguageService({ languages: { 'spin-toml': language } });
    const ctx: LanguageContext = {};
    const doc = { uri: 'file:///a/spin.toml', text: 'x', version: 1 };
    service.validate(doc, ctx);
    service.validate(doc, ctx);
    assert.equal(language.calls, 1);
    service.validate({ ...doc, version: 2 }, ctx);
    assert.equal(language.calls, 2);
    service.validate({ ...doc, version: 2 }, {});
    assert.equal(language.calls, 3, 'a new context object means something a check reads changed');
    service.forget(doc.uri);
    service.validate({ ...doc, version: 2 }, {});
    service.validate({ uri: doc.uri, text: 'x' }, ctx);
    service.validate({ uri: doc.uri, text: 'x' }, ctx);
    assert.equal(language.calls, 6, 'documents without a version are never cached');
  });

  it('turns a failing validation into one internal-error diagnostic and a log line', () => {
    const logs: string[] = [];
    const service = new LanguageService({ languages: { yaml: throwing }, log: (m) => logs.push(m) });
    const result = service.validate({ uri: 'file:///a/app.yaml', text: 'a: 1' });
    assert.equal(result.length, 1);
    assert.equal(result[0]?.code, INTERNAL_ERROR_CODE);
    assert.match(String(result[0]?.message), /internal error: boom/);
    assert.equal(logs.length, 1);
    assert.match(logs[0]!, /validate failed for file:\/\/\/a\/app\.yaml: Error: boom/);
  });

  it('answers empty when any other feature of a language throws', () => {
    const logs: string[] = [];
    const service = new LanguageService({ languages: { yaml: throwing }, log: (m) => logs.push(m) });
    const doc = { uri: 'file:///a/app.yaml', text: 'a: 1' };
    const at = { line: 0, character: 0 };
    assert.deepEqual(service.complete(doc, at), []);
    assert.equal(service.hover(doc, at), null);
    assert.deepEqual(service.symbols(doc), []);
    assert.deepEqual(service.definition(doc, at), [], 'a missing feature answers empty');
    assert.equal(service.prepareRename(doc, at), null);
    assert.equal(logs.length, 3);
  });

  it('drops malformed diagnostics a language returns', () => {
    const bad = [diag('kept'), { message: 'no range' }, null, 42] as unknown as Diagnostic[];
    const service = new LanguageService({ languages: { yaml: { validate: () => bad } } });
    assert.deepEqual(
      service.validate({ uri: 'file:///a.yaml', text: '' }).map((d) => d.message),
      ['kept'],
    );
  });

  it('finds the renameable range from the references at the position', () => {
    const uri = 'file:///a/spin.toml';
    const nameAt = { start: { line: 2, character: 11 }, end: { line: 2, character: 16 } };
    const service = new LanguageService({
      languages: {
        'spin-toml': {
          validate: () => [],
          references: () => [{ uri, range: nameAt }],
          rename: () => ({ changes: { [uri]: [{ range: nameAt, newText: 'x' }] } }),
        },
      },
    });
    const doc = { uri, text: '' };
    assert.deepEqual(service.prepareRename(doc, { line: 2, character: 13 }), nameAt);
    assert.equal(service.prepareRename(doc, { line: 4, character: 0 }), null);
  });
});
