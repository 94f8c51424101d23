import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  CancellationTokenSource,
  LSPErrorCodes,
  ResponseError,
  type Connection,
} from 'vscode-languageserver';
import { LanguageService } from '../../src/language/service';
import { registerLanguageFeatures } from '../../src/server/languageFeatures';

type Handler = (params: unknown, token: unknown) => unknown;

/** A connection that only records the request handlers registered on it. */
function recordingConnection(): { connection: Connection; handlers: Map<string, Handler> } {
  const handlers = new Map<string, Handler>();
  const connection = new Proxy(
    {},
    { get: (_target, name: string) => (handler: Handler) => void handlers.set(name, handler) },
  ) as Connection;
  return { connection, handlers };
}

const TOML = 'spin_manifest_version = 2\n[application]\nname = "a"\n';

function setup() {
  const { connection, handlers } = recordingConnection();
  registerLanguageFeatures(connection, {
    service: new LanguageService(),
    sourceOf: (uri) => ({ uri, text: TOML, version: 1 }),
    context: () => ({}),
    logError: () => undefined,
  });
  return handlers;
}

const params = { textDocument: { uri: 'file:///app/spin.toml' }, position: { line: 2, character: 1 } };

test('a cancelled request is answered with the LSP "request cancelled" error', async () => {
  const hover = setup().get('onHover');
  assert.ok(hover, 'hover is registered');
  const source = new CancellationTokenSource();
  source.cancel();
  const answer = await hover(params, source.token);
  assert.ok(answer instanceof ResponseError);
  assert.equal(answer.code, LSPErrorCodes.RequestCancelled);
});

test('a cancellation that arrives while the request waits its turn is honoured', async () => {
  const hover = setup().get('onHover');
  const source = new CancellationTokenSource();
  const pending = hover?.(params, source.token);
  source.cancel();
  const answer = await pending;
  assert.ok(answer instanceof ResponseError);
  assert.equal(answer.code, LSPErrorCodes.RequestCancelled);
});

test('a request that is not cancelled gets its answer', async () => {
  const hover = setup().get('onHover');
  const answer = await hover?.(params, new CancellationTokenSource().token);
  assert.ok(!(answer instanceof ResponseError));
});
