// Shapes shared by every part of the language service. They are the LSP's own types (plain data,
// no VS Code), so the server forwards them unchanged and the linter prints them.
export type {
  Diagnostic,
  Range,
  Position,
  TextEdit,
  CompletionItem,
  Hover,
} from 'vscode-languageserver-types';
export { DiagnosticSeverity } from 'vscode-languageserver-types';

/** A document as the language service sees it: one version of one file's text. */
export interface SourceDocument {
  readonly uri: string;
  readonly text: string;
  readonly version?: number;
}

/** The kind of file a document is, decided from its name and content. */
export type DocumentKind = 'spin-toml' | 'yaml' | 'other';
