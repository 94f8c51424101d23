// The server's lifecycle and settings: `initialize` (capabilities, folders, initial settings),
// `initialized` (registrations, the first settings pull), configuration changes, workspace folder
// changes and the cluster facts the client sends.
import {
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  TextDocumentSyncKind,
  type Connection,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver';
import { toPath } from '../language/diskWorkspace';
import { COMPLETION_TRIGGER_CHARACTERS } from './languageFeatures';
import { ClusterFactsNotification, type ClusterFactsParams } from './protocol';
import type { ServerState } from './serverState';
import { settingsFrom } from './settings';

const SERVER_NAME = 'spinkube-language-server';
const SERVER_VERSION = '0.1.0';

export function registerSettingsHandlers(connection: Connection, state: ServerState): void {
  connection.onInitialize((params) => initialize(state, params));

  const pullSettings = async (): Promise<void> => {
    if (!state.client.pullConfiguration) return;
    try {
      state.settings = settingsFrom(await connection.workspace.getConfiguration({ section: 'spinkube' }));
    } catch (error) {
      connection.console.warn(`Could not read the spinkube settings: ${String(error)}`);
    }
    state.settingsLoaded = true;
    state.rebuildContext();
  };

  connection.onInitialized(async () => {
    if (state.client.pullConfiguration) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: 'spinkube' });
    }
    if (state.client.watchFiles) {
      void connection.client.register(DidChangeWatchedFilesNotification.type, {
        watchers: [{ globPattern: '**/*' }],
      });
    }
    if (state.client.trackFolders) {
      connection.workspace.onDidChangeWorkspaceFolders(async () => {
        const current = (await connection.workspace.getWorkspaceFolders()) ?? [];
        state.setFolders(current.map((f) => toPath(f.uri)).filter((p): p is string => p !== undefined));
        state.revalidateOpen();
      });
    }
    await pullSettings();
    state.revalidateOpen();
  });

  connection.onDidChangeConfiguration(async (change) => {
    const section = (change.settings as { spinkube?: unknown } | null)?.spinkube;
    if (state.client.pullConfiguration) await pullSettings();
    else if (section !== undefined) {
      state.settings = settingsFrom(section);
      state.rebuildContext();
    }
    state.revalidateOpen();
  });

  connection.onNotification(ClusterFactsNotification, (params: ClusterFactsParams | null | undefined) => {
    state.clusterFacts = params?.facts ?? null;
    state.rebuildContext();
    state.revalidateOpen();
  });
}

function initialize(state: ServerState, params: InitializeParams): InitializeResult {
  state.setFolders(workspaceFoldersOf(params));
  const options = params.initializationOptions as { settings?: unknown } | undefined;
  if (options?.settings !== undefined) state.settings = settingsFrom(options.settings);
  state.rebuildContext();
  const workspace = params.capabilities.workspace;
  state.client = {
    pullConfiguration: workspace?.configuration === true,
    watchFiles: workspace?.didChangeWatchedFiles?.dynamicRegistration === true,
    trackFolders: workspace?.workspaceFolders === true,
  };
  state.settingsLoaded = !state.client.pullConfiguration;
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      completionProvider: { triggerCharacters: COMPLETION_TRIGGER_CHARACTERS },
      hoverProvider: true,
      codeActionProvider: { codeActionKinds: ['quickfix', 'refactor.rewrite'] },
      documentSymbolProvider: true,
      documentFormattingProvider: true,
      documentRangeFormattingProvider: true,
      definitionProvider: true,
      referencesProvider: true,
      renameProvider: { prepareProvider: true },
      workspace: state.client.trackFolders
        ? { workspaceFolders: { supported: true, changeNotifications: true } }
        : undefined,
    },
    serverInfo: { name: SERVER_NAME, version: SERVER_VERSION },
  };
}

function workspaceFoldersOf(params: InitializeParams): string[] {
  const uris = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
  const paths = uris.map(toPath).filter((p): p is string => p !== undefined);
  if (paths.length === 0 && params.rootPath) paths.push(params.rootPath);
  return paths;
}
