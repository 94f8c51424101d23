// A minimal LSP client for tests and benchmarks: starts the BUILT language server as a child
// process (`node dist/server.js --stdio`, or `--node-ipc` as VS Code starts it) and speaks LSP to it.
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  IPCMessageReader,
  IPCMessageWriter,
  PublishDiagnosticsNotification,
  StreamMessageReader,
  StreamMessageWriter,
  type Diagnostic,
  type InitializeResult,
  type Position,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type Range,
} from 'vscode-languageserver-protocol/node';

import type { ClusterFacts } from '../../src/language/types';
import {
  ClusterFactsNotification,
  SERVER_EXEC_ARGV,
  serverEnvironment,
  type ClusterFactsParams,
} from '../../src/server/protocol';
import { tempFolder, type TempFolder } from './tempFolder';

/** The repository root (tests run from out/test/..., sources live in test/...). */
export const repoRoot = findRepoRoot(__dirname);
export const serverPath = path.join(repoRoot, 'dist', 'server.js');

export interface StartOptions {
  /** Workspace folder paths sent in `initialize`. */
  readonly folders?: readonly string[];
  /** The `spinkube` settings section the fake client answers workspace/configuration with. */
  readonly settings?: unknown;
  /** How to speak to the server: its stdin/stdout (default), or Node's IPC channel as VS Code does. */
  readonly transport?: 'stdio' | 'ipc';
  /** Where the server keeps its code cache (default: one folder under the temp folder for all tests). */
  readonly cacheDir?: string;
}

/** Tests keep the server's code cache out of the user's own cache folder. */
const TEST_CACHE_DIR = path.join(tmpdir(), `spinkube-test-server-cache-${process.getuid?.() ?? 'user'}`);

export interface WorkspaceFolderChange {
  readonly added: readonly string[];
  readonly removed: readonly string[];
}

export interface TestLanguageClient {
  readonly connection: ProtocolConnection;
  readonly initializeResult: InitializeResult;
  readonly process: ChildProcess;
  /** Lines the server logged to the client console (window/logMessage). */
  readonly logs: string[];
  /** The latest diagnostics published for a URI. */
  diagnosticsOf(uri: string): PublishDiagnosticsParams | undefined;
  /** Resolves with the next diagnostics for a URI that satisfy a predicate (default: any). */
  waitForDiagnostics(
    uri: string,
    accept?: (params: PublishDiagnosticsParams) => boolean,
    timeoutMs?: number,
  ): Promise<PublishDiagnosticsParams>;
  /** Sends a request and resolves with its answer. */
  request<R>(method: string, params?: object): Promise<R>;
  /** Opens a document (version 1) and resolves with the diagnostics the server publishes for it. */
  openAndWait(uri: string, text: string, languageId?: string): Promise<PublishDiagnosticsParams>;
  /** Pushes cluster facts, as the extension does when it connects to (or leaves) a cluster. */
  sendClusterFacts(facts: ClusterFacts | null): Promise<void>;
  open(uri: string, text: string, languageId?: string): void;
  change(uri: string, version: number, text: string): void;
  close(uri: string): void;
  /** Changes the workspace folders (paths), as an editor does when a folder is added or removed. */
  changeFolders(change: WorkspaceFolderChange): Promise<void>;
  /** shutdown + exit; resolves with the exit code of the process. */
  stop(): Promise<number | null>;
}

type Waiter = {
  accept: (p: PublishDiagnosticsParams) => boolean;
  resolve: (p: PublishDiagnosticsParams) => void;
};

export async function startLanguageServer(options: StartOptions = {}): Promise<TestLanguageClient> {
  const ipc = options.transport === 'ipc';
  // As the extension starts it: its environment and Node options.
  const env = serverEnvironment(process.env, options.cacheDir ?? TEST_CACHE_DIR);
  const execArgv = [...SERVER_EXEC_ARGV];
  const child = ipc
    ? fork(serverPath, ['--node-ipc'], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'], env, execArgv })
    : spawn(process.execPath, [...execArgv, serverPath, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'], env });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const connection = ipc
    ? createProtocolConnection(new IPCMessageReader(child), new IPCMessageWriter(child))
    : createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  const latest = new Map<string, PublishDiagnosticsParams>();
  const waiters = new Map<string, Waiter[]>();
  const logs: string[] = [];
  connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
    latest.set(params.uri, params);
    const pending = waiters.get(params.uri) ?? [];
    const remaining = pending.filter((w) => {
      if (!w.accept(params)) return true;
      w.resolve(params);
      return false;
    });
    waiters.set(params.uri, remaining);
  });
  connection.onNotification('window/logMessage', (p: { message: string }) => {
    logs.push(p.message);
  });
  connection.onRequest('workspace/configuration', (p: { items: { section?: string }[] }) =>
    p.items.map((item) => (item.section === 'spinkube' ? (options.settings ?? {}) : null)),
  );
  connection.onRequest('client/registerCapability', () => null);
  let currentFolders = [...(options.folders ?? [])];
  const folderOf = (f: string) => ({ uri: pathToFileURL(f).href, name: path.basename(f) });
  connection.onRequest('workspace/workspaceFolders', () => currentFolders.map(folderOf));
  connection.listen();

  const folders = options.folders ?? [];
  const initializeResult = await connection.sendRequest<InitializeResult>('initialize', {
    processId: process.pid,
    rootUri: folders[0] ? pathToFileURL(folders[0]).href : null,
    workspaceFolders: folders.map((f) => ({ uri: pathToFileURL(f).href, name: path.basename(f) })),
    capabilities: {
      workspace: {
        configuration: true,
        didChangeWatchedFiles: { dynamicRegistration: true },
        workspaceFolders: true,
      },
      textDocument: { publishDiagnostics: { versionSupport: true } },
    },
  });
  await connection.sendNotification('initialized', {});

  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const waitForDiagnostics: TestLanguageClient['waitForDiagnostics'] = (
    uri,
    accept = () => true,
    timeoutMs = 20_000,
  ) =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(new Error(`no matching diagnostics for ${uri} within ${timeoutMs} ms; stderr: ${stderr}`)),
        timeoutMs,
      );
      const list = waiters.get(uri) ?? [];
      list.push({
        accept,
        resolve: (p) => {
          clearTimeout(timer);
          resolve(p);
        },
      });
      waiters.set(uri, list);
    });
  const open: TestLanguageClient['open'] = (
    uri,
    text,
    languageId = uri.endsWith('.toml') ? 'spin-toml' : 'yaml',
  ) => {
    void connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId, version: 1, text },
    });
  };
  return {
    connection,
    initializeResult,
    process: child,
    logs,
    diagnosticsOf: (uri) => latest.get(uri),
    waitForDiagnostics,
    request: <R>(method: string, params?: object) => connection.sendRequest<R>(method, params ?? {}),
    openAndWait(uri, text, languageId) {
      const published = waitForDiagnostics(uri, (p) => p.version === 1);
      open(uri, text, languageId);
      return published;
    },
    async sendClusterFacts(facts) {
      const params: ClusterFactsParams = { facts };
      await connection.sendNotification(ClusterFactsNotification, params);
    },
    open,
    change(uri, version, text) {
      void connection.sendNotification('textDocument/didChange', {
        textDocument: { uri, version },
        contentChanges: [{ text }],
      });
    },
    close(uri) {
      void connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    },
    async changeFolders({ added, removed }) {
      currentFolders = [...currentFolders.filter((f) => !removed.includes(f)), ...added];
      await connection.sendNotification('workspace/didChangeWorkspaceFolders', {
        event: { added: added.map(folderOf), removed: removed.map(folderOf) },
      });
    },
    async stop() {
      if (child.exitCode !== null) return child.exitCode;
      try {
        await connection.sendRequest('shutdown');
        await connection.sendNotification('exit');
      } catch {
        child.kill();
      }
      const code = await Promise.race([exited, new Promise<null>((r) => setTimeout(() => r(null), 5000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
      connection.dispose();
      return code;
    },
  };
}

/** An LSP position (0-based line and character). */
export function position(line: number, character: number): Position {
  return { line, character };
}

/** An LSP range within one line. */
export function lineRange(line: number, start: number, end: number): Range {
  return { start: position(line, start), end: position(line, end) };
}

/** Diagnostics with a given code. */
export function withCode(diagnostics: readonly Diagnostic[], code: string): Diagnostic[] {
  return diagnostics.filter((d) => d.code === code);
}

function findRepoRoot(start: string): string {
  let dir = start;
  while (!existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
}

export interface ServerInFolder {
  readonly client: TestLanguageClient;
  readonly folder: TempFolder;
  /** Stops the server and deletes the folder. */
  dispose(): Promise<void>;
}

/** Starts the server on a fresh temporary workspace folder holding the given files (relative path → text). */
export async function startLanguageServerIn(
  prefix: string,
  files: Readonly<Record<string, string>> = {},
  options: Omit<StartOptions, 'folders'> = {},
): Promise<ServerInFolder> {
  const folder = tempFolder(prefix, files);
  try {
    const client = await startLanguageServer({ ...options, folders: [folder.path] });
    return {
      client,
      folder,
      async dispose() {
        await client.stop();
        folder.remove();
      },
    };
  } catch (error) {
    folder.remove();
    throw error;
  }
}
