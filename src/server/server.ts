import { FileChangeType, type Connection } from 'vscode-languageserver';
import { dependantsOf } from './dependants';
import { registerLanguageFeatures } from './languageFeatures';
import { CheckWorkspaceRequest, type CheckWorkspaceResult } from './protocol';
import { ServerState } from './serverState';
import { registerSettingsHandlers } from './settingsHandlers';
import { checkWorkspaceFiles } from './workspaceCheck';

/**
 * Wires the language service to an LSP connection: open documents are validated as they change
 * (and the documents that depend on them), requests are answered from the service, settings and
 * cluster facts feed the checks' context, and `spinkube/checkWorkspace` validates every file.
 */
export function startServer(connection: Connection): void {
  const state = new ServerState(connection);
  registerSettingsHandlers(connection, state);
  registerDocumentHandlers(connection, state);
  registerWorkspaceCheck(connection, state);
  registerLanguageFeatures(connection, {
    service: state.service,
    sourceOf: (uri) => state.sourceOf(uri),
    context: () => state.context,
    logError: (message) => connection.console.error(message),
  });
  state.documents.listen(connection);
  connection.listen();
}

/** Open documents (and those that depend on them) as they change and close; files on disk. */
function registerDocumentHandlers(connection: Connection, state: ServerState): void {
  const { documents } = state;
  documents.onDidChangeContent(({ document }) => {
    state.scheduler.request(document.uri);
    for (const uri of dependantsOf(document.uri, documents.keys())) state.revalidate(uri);
  });
  documents.onDidClose(({ document }) => {
    const uri = document.uri;
    state.scheduler.forget(uri);
    state.service.forget(uri);
    if (state.checkedOnDisk.has(uri)) state.validateOnDisk(uri);
    else state.publish(uri, []);
    for (const dependant of dependantsOf(uri, documents.keys())) state.revalidate(dependant);
  });
  connection.onDidChangeWatchedFiles((change) => {
    state.workspace.refresh();
    for (const { uri, type } of change.changes) {
      if (documents.get(uri) || !state.checkedOnDisk.has(uri)) continue;
      if (type === FileChangeType.Deleted) {
        state.checkedOnDisk.delete(uri);
        state.publish(uri, []);
      } else {
        state.service.forget(uri);
        state.validateOnDisk(uri);
      }
    }
    state.revalidateOpen();
  });
}

/** `spinkube/checkWorkspace`: validates every manifest in the workspace folders. */
function registerWorkspaceCheck(connection: Connection, state: ServerState): void {
  connection.onRequest(
    CheckWorkspaceRequest,
    async (_params: unknown, token): Promise<CheckWorkspaceResult> => {
      const outcome = await checkWorkspaceFiles({
        folders: state.folders,
        service: state.service,
        context: state.context,
        openSource: (uri) => state.sourceOf(uri),
        publish: (uri, diagnostics) => state.publish(uri, diagnostics, state.documents.get(uri)?.version),
        token,
      });
      for (const uri of outcome.uris) if (!state.documents.get(uri)) state.checkedOnDisk.add(uri);
      return { files: outcome.files, errors: outcome.errors, warnings: outcome.warnings };
    },
  );
}
