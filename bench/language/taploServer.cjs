// Runs taplo's language server (the WASM build in @taplo/lsp) as a stdio LSP process, so the
// benchmark can drive it exactly like the other servers. Messages in: LSP frames on stdin; out:
// LSP frames on stdout. The Node environment taplo needs is given here.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { fileURLToPath } = require('node:url');
const { TaploLsp } = require('@taplo/lsp');
const { StreamMessageReader, StreamMessageWriter } = require('vscode-jsonrpc/node');

const reader = new StreamMessageReader(process.stdin);
const writer = new StreamMessageWriter(process.stdout);

function environment() {
  return {
    cwd: () => process.cwd(),
    envVar: (name) => process.env[name],
    envVars: () => Object.entries(process.env).filter(([, v]) => v !== undefined),
    findConfigFile: (from) => {
      for (const name of ['.taplo.toml', 'taplo.toml']) {
        const candidate = path.join(from, name);
        if (fs.existsSync(candidate)) return candidate;
      }
      return undefined;
    },
    glob: () => [],
    isAbsolute: (p) => path.isAbsolute(p),
    now: () => new Date(),
    readFile: async (p) => fs.promises.readFile(p),
    writeFile: async (p, bytes) => fs.promises.writeFile(p, bytes),
    stderr: process.stderr,
    stdErrAtty: () => false,
    stdin: process.stdin,
    stdout: process.stdout,
    urlToFilePath: (url) => (url.startsWith('file:') ? fileURLToPath(url) : url),
    fetch: { fetch, Headers, Request, Response },
  };
}

let ready;
reader.listen((message) => {
  if (message.method === 'exit') process.exit(0);
  ready ??= TaploLsp.initialize(environment(), { onMessage: (m) => void writer.write(m) });
  ready.then((taplo) => taplo.send(message)).catch((e) => process.stderr.write(`taplo: ${e}\n`));
});
