// Shapes shared by every part of the language service. They are the LSP's own types (plain data,
// no VS Code), so the server forwards them unchanged and the linter prints them.
import type * as lsp from 'vscode-languageserver-types';

export type {
  CodeAction,
  CompletionItem,
  Diagnostic,
  DocumentSymbol,
  Hover,
  Location,
  Position,
  Range,
  TextEdit,
  WorkspaceEdit,
} from 'vscode-languageserver-types';
export { DiagnosticSeverity } from 'vscode-languageserver-types';

/** A document as the language service sees it: one version of one file's text. */
export interface SourceDocument {
  readonly uri: string;
  readonly text: string;
  readonly version?: number;
  /** The editor's language id (`yaml`, `spin-toml`, `toml`, `plaintext`…), when an editor gave one. */
  readonly languageId?: string;
}

/** The kind of file a document is, decided from its name and content. */
export type DocumentKind = 'spin-toml' | 'yaml' | 'other';

/** The settings of one SpinAppExecutor in the cluster that SpinApp checks depend on. */
export interface ClusterExecutorSettings {
  /** `spec.createDeployment`: whether the operator creates a Deployment for the apps that use it. */
  readonly createDeployment?: boolean;
}

/** Facts about the connected cluster, pushed by the client; absent when offline. */
export interface ClusterFacts {
  /** Namespace a SpinApp without `metadata.namespace` goes to. */
  readonly defaultNamespace: string;
  /** SpinAppExecutor names per namespace. */
  readonly executorsByNamespace: Readonly<Record<string, readonly string[]>>;
  /**
   * What the checks know of each SpinAppExecutor, by namespace then name. Optional: a client that
   * sends only the names leaves the checks that need an executor's settings to executors in the file.
   */
  readonly executorSettings?: Readonly<Record<string, Readonly<Record<string, ClusterExecutorSettings>>>>;
  /** The openAPIV3Schema of the SpinApp CRD installed in the cluster (its storage version), if any. */
  readonly spinAppSchema?: unknown;
  /** The API group the installed CRDs use (`core.spinkube.dev`, or the legacy `core.spinoperator.dev`). */
  readonly apiGroup?: string;
}

/** Read access to the workspace's files, for cross-file checks (files exist, spin.toml next to a SpinApp). */
export interface WorkspaceView {
  /** Text of a file by URI, from an open document or disk; undefined if it does not exist. */
  readFile(uri: string): string | undefined;
  /** Whether a path (file or folder) exists. */
  exists(uri: string): boolean;
  /** URIs of every spin.toml in the workspace. */
  spinManifests(): readonly string[];
  /**
   * Expands a glob relative to a folder URI with Spin's `files` meaning (src/language/spinGlob.ts:
   * no brace sets); returns matching file URIs, none for a pattern Spin rejects.
   */
  glob?(baseUri: string, pattern: string): readonly string[];
}

/** The `spinkube.format.*` settings; each absent one keeps the language's default. */
export interface FormatSettings {
  readonly columnWidth?: number;
  readonly arrayTrailingComma?: boolean;
  readonly allowedBlankLines?: number;
}

/** What a check may know besides the document itself. */
export interface LanguageContext {
  readonly workspace?: WorkspaceView;
  readonly cluster?: ClusterFacts;
  /** Trigger types the Spin shim can run (setting `spinkube.validation.shimTriggers`). */
  readonly shimTriggers?: readonly string[];
  /** How to format documents (settings `spinkube.format.*`). */
  readonly format?: FormatSettings;
}

/**
 * What `prepareRename` answers for a name that can be renamed (its range) or one that cannot
 * (why not, in words the editor shows the user).
 */
export type RenamePreparation = { readonly range: lsp.Range } | { readonly refusal: string };

/**
 * One document language (spin.toml, Kubernetes YAML). The service dispatches to it by document
 * kind; every method is pure and must never throw on any input.
 */
export interface DocumentLanguage {
  validate(doc: SourceDocument, ctx: LanguageContext): lsp.Diagnostic[];
  complete?(doc: SourceDocument, position: lsp.Position, ctx: LanguageContext): lsp.CompletionItem[];
  hover?(doc: SourceDocument, position: lsp.Position, ctx: LanguageContext): lsp.Hover | null;
  codeActions?(
    doc: SourceDocument,
    range: lsp.Range,
    diagnostics: lsp.Diagnostic[],
    ctx: LanguageContext,
  ): lsp.CodeAction[];
  symbols?(doc: SourceDocument): lsp.DocumentSymbol[];
  /**
   * Edits that format the document, or only the statements that touch `range`; empty when it is
   * already formatted or cannot be (a syntax error).
   */
  format?(doc: SourceDocument, range: lsp.Range | undefined, ctx: LanguageContext): lsp.TextEdit[];
  definition?(doc: SourceDocument, position: lsp.Position, ctx: LanguageContext): lsp.Location[];
  references?(doc: SourceDocument, position: lsp.Position, ctx: LanguageContext): lsp.Location[];
  rename?(
    doc: SourceDocument,
    position: lsp.Position,
    newName: string,
    ctx: LanguageContext,
  ): lsp.WorkspaceEdit | null;
  /**
   * Whether the name at a position can be renamed: its range, a refusal with the reason, or null
   * when nothing there is a name. Refuses exactly what `rename` would refuse for any valid new name.
   * Without it the service tries a rename.
   */
  prepareRename?(doc: SourceDocument, position: lsp.Position, ctx: LanguageContext): RenamePreparation | null;
  /**
   * Why `rename` to `newName` gives no edit at a position (an invalid new name, a name that cannot
   * be renamed), in words the editor shows; undefined when it gives one or nothing is there.
   */
  renameProblem?(
    doc: SourceDocument,
    position: lsp.Position,
    newName: string,
    ctx: LanguageContext,
  ): string | undefined;
}
