import {
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DiskWorkspaceView, toPath } from '../language/diskWorkspace';
import { LanguageService } from '../language/service';
import type { ClusterFacts, Diagnostic, LanguageContext, SourceDocument } from '../language/types';
import { dependantsOf } from './dependants';
import { COMPLETION_TRIGGER_CHARACTERS, registerLanguageFeatures } from './languageFeatures';
import {
  CheckWorkspaceRequest,
  ClusterFactsNotification,
  type CheckWorkspaceResult,
  type ClusterFactsParams,
} from './protocol';
import { DEFAULT_SETTINGS, settingsFrom, type ServerSettings } from './settings';
import { ValidationScheduler } from './validationScheduler';
import { checkWorkspaceFiles } from './workspaceCheck';

export const SERVER_NAME = 'spinkube-language-server';
export const SERVER_VERSION = '0.1.0';

/**
 * Wires the language service to an LSP connection: open documents are validated as they change
 * (and the documents that depend on them), requests are answered from the service, settings and
 * cluster facts feed the checks' context, and `spinkube/checkWorkspace` validates every file.
 */
export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const service = new LanguageService({ log: (message) => connection.console.error(message) });
  const workspace = new DiskWorkspaceView([], {
    textOf: (uri) => documents.get(uri)?.getText(),
    openUris: () => documents.keys(),
  });
  let folders: string[] = [];
  let settings: ServerSettings = DEFAULT_SETTINGS;
  let clusterFacts: ClusterFacts | null = null;
  let context: LanguageContext = { workspace };
  let canPullConfiguration = false;
  let canWatchFiles = false;
  let canTrackFolders = false;
  /** Until the client's settings arrive nothing is published (it could be disabled); then all open documents are. */
  let settingsLoaded = true;
  /** Closed files whose diagnostics a workspace check published; kept fresh as they change on disk. */
  const checkedOnDisk = new Set<string>();

  const rebuildContext = (): void => {
    context = {
      workspace,
      cluster: settings.clusterAware && clusterFacts ? clusterFacts : undefined,
      shimTriggers: settings.shimTriggers,
      format: settings.format,
    };
  };
  const sourceOf = (uri: string): SourceDocument | undefined => {
    const doc = documents.get(uri);
    return doc ? { uri: doc.uri, text: doc.getText(), version: doc.version } : undefined;
  };
  const publish = (uri: string, diagnostics: Diagnostic[], version?: number): void => {
    void connection.sendDiagnostics({ uri, version, diagnostics });
  };

  const validateOpen = (uri: string): void => {
    const doc = sourceOf(uri);
    if (!doc || service.kindOf(doc) === 'other' || !settingsLoaded) return;
    publish(uri, settings.validationEnabled ? service.validate(doc, context) : [], doc.version);
  };
  const scheduler = new ValidationScheduler(validateOpen);
  const revalidateOpen = (): void => {
    for (const uri of documents.keys()) {
      service.forget(uri);
      scheduler.request(uri);
    }
  };
  const validateOnDisk = (uri: string): void => {
    const text = workspace.readFile(uri);
    if (text === undefined) {
      checkedOnDisk.delete(uri);
      publish(uri, []);
      return;
    }
    publish(uri, settings.validationEnabled ? service.validate({ uri, text }, context) : []);
  };

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    folders = workspaceFoldersOf(params);
    workspace.setFolders(folders);
    const options = params.initializationOptions as { settings?: unknown } | undefined;
    if (options?.settings !== undefined) settings = settingsFrom(options.settings);
    rebuildContext();
    canPullConfiguration = params.capabilities.workspace?.configuration === true;
    settingsLoaded = !canPullConfiguration;
    canWatchFiles = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    canTrackFolders = params.capabilities.workspace?.workspaceFolders === true;
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
        workspace: canTrackFolders
          ? { workspaceFolders: { supported: true, changeNotifications: true } }
          : undefined,
      },
      serverInfo: { name: SERVER_NAME, version: SERVER_VERSION },
    };
  });

  const pullSettings = async (): Promise<void> => {
    if (!canPullConfiguration) return;
    try {
      settings = settingsFrom(await connection.workspace.getConfiguration({ section: 'spinkube' }));
    } catch (error) {
      connection.console.warn(`Could not read the spinkube settings: ${String(error)}`);
    }
    settingsLoaded = true;
    rebuildContext();
  };

  connection.onInitialized(async () => {
    if (canPullConfiguration) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: 'spinkube' });
    }
    if (canWatchFiles) {
      void connection.client.register(DidChangeWatchedFilesNotification.type, {
        watchers: [{ globPattern: '**/*' }],
      });
    }
    if (canTrackFolders) {
      connection.workspace.onDidChangeWorkspaceFolders(async () => {
        const current = (await connection.workspace.getWorkspaceFolders()) ?? [];
        folders = current.map((f) => toPath(f.uri)).filter((p): p is string => p !== undefined);
        workspace.setFolders(folders);
        revalidateOpen();
      });
    }
    await pullSettings();
    revalidateOpen();
  });

  connection.onDidChangeConfiguration(async (change) => {
    const section = (change.settings as { spinkube?: unknown } | null)?.spinkube;
    if (canPullConfiguration) await pullSettings();
    else if (section !== undefined) {
      settings = settingsFrom(section);
      rebuildContext();
    }
    revalidateOpen();
  });

  connection.onNotification(ClusterFactsNotification, (params: ClusterFactsParams | null | undefined) => {
    clusterFacts = params?.facts ?? null;
    rebuildContext();
    revalidateOpen();
  });

  connection.onDidChangeWatchedFiles((change) => {
    workspace.refresh();
    for (const { uri, type } of change.changes) {
      if (documents.get(uri) || !checkedOnDisk.has(uri)) continue;
      if (type === FileChangeType.Deleted) {
        checkedOnDisk.delete(uri);
        publish(uri, []);
      } else {
        service.forget(uri);
        validateOnDisk(uri);
      }
    }
    revalidateOpen();
  });

  connection.onRequest(
    CheckWorkspaceRequest,
    async (_params: unknown, token): Promise<CheckWorkspaceResult> => {
      const outcome = await checkWorkspaceFiles({
        folders,
        service,
        context,
        openSource: sourceOf,
        publish: (uri, diagnostics) => publish(uri, diagnostics, documents.get(uri)?.version),
        token,
      });
      for (const uri of outcome.uris) if (!documents.get(uri)) checkedOnDisk.add(uri);
      return { files: outcome.files, errors: outcome.errors, warnings: outcome.warnings };
    },
  );

  documents.onDidChangeContent(({ document }) => {
    scheduler.request(document.uri);
    for (const uri of dependantsOf(document.uri, documents.keys())) {
      service.forget(uri);
      scheduler.request(uri);
    }
  });
  documents.onDidClose(({ document }) => {
    const uri = document.uri;
    scheduler.forget(uri);
    service.forget(uri);
    if (checkedOnDisk.has(uri)) validateOnDisk(uri);
    else publish(uri, []);
    for (const dependant of dependantsOf(uri, documents.keys())) {
      service.forget(dependant);
      scheduler.request(dependant);
    }
  });

  registerLanguageFeatures(connection, {
    service,
    sourceOf,
    context: () => context,
    logError: (message) => connection.console.error(message),
  });

  documents.listen(connection);
  connection.listen();
}

function workspaceFoldersOf(params: InitializeParams): string[] {
  const uris = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
  const paths = uris.map(toPath).filter((p): p is string => p !== undefined);
  if (paths.length === 0 && params.rootPath) paths.push(params.rootPath);
  return paths;
}
