// Starts one language server process over stdio and measures it as a client sees it: start-up,
// time to diagnostics, and the process's peak resident memory (VmHWM from /proc).
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-languageserver-protocol/node';

/** Starts a server; resolves once it answered `initialize` (and got `initialized`). */
export async function startServer({ command, args, cwd, env, folder, initializationOptions, configuration }) {
  const started = performance.now();
  const child = spawn(command, args, { cwd, env, stdio: ['pipe', 'pipe', 'pipe'] });
  child.stderr.on('data', () => undefined);
  const connection = createProtocolConnection(
    new StreamMessageReader(child.stdout),
    new StreamMessageWriter(child.stdin),
  );
  const listeners = new Set();
  connection.onNotification('textDocument/publishDiagnostics', (params) => {
    const at = performance.now();
    for (const listener of [...listeners]) listener(params, at);
  });
  connection.onNotification(() => undefined);
  connection.onRequest('workspace/configuration', (p) =>
    p.items.map((item) => configuration?.(item.section) ?? null),
  );
  connection.onRequest(() => null);
  connection.listen();
  const uri = pathToFileURL(folder).href;
  await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: uri,
    rootPath: folder,
    workspaceFolders: [{ uri, name: 'bench' }],
    initializationOptions,
    capabilities: {
      workspace: {
        configuration: true,
        workspaceFolders: true,
        didChangeConfiguration: { dynamicRegistration: true },
      },
      textDocument: {
        publishDiagnostics: { versionSupport: true, relatedInformation: true },
        synchronization: { dynamicRegistration: true, didSave: true },
      },
    },
  });
  const coldStartMs = performance.now() - started;
  await connection.sendNotification('initialized', {});

  /** Resolves with the next diagnostics for `uri` published after now (and when they came). */
  const nextDiagnostics = (docUri, timeoutMs = 60_000, version = undefined) =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        listeners.delete(listener);
        reject(new Error(`no diagnostics for ${docUri} within ${timeoutMs} ms`));
      }, timeoutMs);
      const listener = (params, at) => {
        if (params.uri !== docUri) return;
        // A server that says which version it checked must answer for the version just sent.
        if (version !== undefined && params.version !== undefined && params.version !== version) return;
        listeners.delete(listener);
        clearTimeout(timer);
        resolve({ params, at });
      };
      listeners.add(listener);
    });

  /**
   * The diagnostics a document settles on: the publications until none came for `quietMs`
   * (servers may publish an empty list first), and when the last of them came.
   */
  const settledDiagnostics = async (docUri, first, quietMs = 700) => {
    let last = first;
    for (;;) {
      try {
        last = await nextDiagnostics(docUri, quietMs);
      } catch {
        return { diagnostics: last.params.diagnostics, at: last.at };
      }
    }
  };

  return {
    connection,
    coldStartMs,
    nextDiagnostics,
    settledDiagnostics,
    pid: child.pid,
    /** Peak resident set size so far, in MB (Linux). */
    peakRssMb() {
      try {
        const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
        const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? NaN);
        return kb / 1024;
      } catch {
        return NaN;
      }
    },
    async stop() {
      try {
        await Promise.race([connection.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 3000))]);
        await connection.sendNotification('exit');
      } catch {
        // already gone
      }
      await new Promise((r) => setTimeout(r, 200));
      if (child.exitCode === null) child.kill('SIGKILL');
      connection.dispose();
    },
  };
}
