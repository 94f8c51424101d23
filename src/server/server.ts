import { TextDocuments, TextDocumentSyncKind, type Connection } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LanguageService } from '../language/service';
import type { Diagnostic } from '../language/types';

/** Wires the language service to an LSP connection: documents in, diagnostics out. */
export function startServer(connection: Connection): void {
  const service = new LanguageService();
  const documents = new TextDocuments(TextDocument);

  connection.onInitialize(() => ({
    capabilities: { textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental } },
    serverInfo: { name: 'spinkube-language-server', version: '0.1.0' },
  }));

  const publish = (doc: TextDocument): void => {
    let diagnostics: Diagnostic[];
    try {
      diagnostics = service.validate({ uri: doc.uri, text: doc.getText(), version: doc.version });
    } catch (error) {
      connection.console.error(`Validation of ${doc.uri} failed: ${String(error)}`);
      diagnostics = [];
    }
    void connection.sendDiagnostics({ uri: doc.uri, version: doc.version, diagnostics });
  };
  documents.onDidChangeContent((e) => publish(e.document));
  documents.onDidClose((e) => void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] }));

  documents.listen(connection);
  connection.listen();
}
