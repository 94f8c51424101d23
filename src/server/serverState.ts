// What the language server keeps between messages: the open documents, the language service and
// its workspace view, the settings and cluster facts that make up the checks' context, what the
// client can do, and how documents get validated and their diagnostics published.
import { TextDocuments, type Connection } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DiskWorkspaceView } from '../language/diskWorkspace';
import { LanguageService } from '../language/service';
import type { ClusterFacts, Diagnostic, LanguageContext, SourceDocument } from '../language/types';
import { DEFAULT_SETTINGS, type ServerSettings } from './settings';
import { ValidationScheduler } from './validationScheduler';

/** What the client said it supports (in `initialize`). */
export interface ClientAbilities {
  readonly pullConfiguration: boolean;
  readonly watchFiles: boolean;
  readonly trackFolders: boolean;
}

export class ServerState {
  readonly documents = new TextDocuments(TextDocument);
  readonly service: LanguageService;
  readonly workspace: DiskWorkspaceView;
  readonly scheduler = new ValidationScheduler((uri) => this.validateOpen(uri));
  /** Closed files whose diagnostics a workspace check published; kept fresh as they change on disk. */
  readonly checkedOnDisk = new Set<string>();
  folders: string[] = [];
  settings: ServerSettings = DEFAULT_SETTINGS;
  clusterFacts: ClusterFacts | null = null;
  context: LanguageContext;
  client: ClientAbilities = { pullConfiguration: false, watchFiles: false, trackFolders: false };
  /** Until the client's settings arrive nothing is published (it could be disabled); then all open documents are. */
  settingsLoaded = true;

  constructor(private readonly connection: Connection) {
    this.service = new LanguageService({ log: (message) => connection.console.error(message) });
    this.workspace = new DiskWorkspaceView([], {
      textOf: (uri) => this.documents.get(uri)?.getText(),
      openUris: () => this.documents.keys(),
    });
    this.context = { workspace: this.workspace };
  }

  setFolders(folders: string[]): void {
    this.folders = folders;
    this.workspace.setFolders(folders);
  }

  /** The checks' context after the settings or the cluster facts changed. */
  rebuildContext(): void {
    this.context = {
      workspace: this.workspace,
      cluster: this.settings.clusterAware && this.clusterFacts ? this.clusterFacts : undefined,
      shimTriggers: this.settings.shimTriggers,
      format: this.settings.format,
    };
  }

  sourceOf(uri: string): SourceDocument | undefined {
    const doc = this.documents.get(uri);
    return doc
      ? { uri: doc.uri, text: doc.getText(), version: doc.version, languageId: doc.languageId }
      : undefined;
  }

  publish(uri: string, diagnostics: Diagnostic[], version?: number): void {
    void this.connection.sendDiagnostics({ uri, version, diagnostics });
  }

  private validateOpen(uri: string): void {
    const doc = this.sourceOf(uri);
    if (!doc || this.service.kindOf(doc) === 'other' || !this.settingsLoaded) return;
    const enabled = this.settings.validationEnabled;
    this.publish(uri, enabled ? this.service.validate(doc, this.context) : [], doc.version);
  }

  /** Validates `uri` again (soon, through the scheduler), dropping what the service cached for it. */
  revalidate(uri: string): void {
    this.service.forget(uri);
    this.scheduler.request(uri);
  }

  revalidateOpen(): void {
    for (const uri of this.documents.keys()) this.revalidate(uri);
  }

  /** Validates a closed file from its text on disk (a file a workspace check reported on). */
  validateOnDisk(uri: string): void {
    const text = this.workspace.readFile(uri);
    if (text === undefined) {
      this.checkedOnDisk.delete(uri);
      this.publish(uri, []);
      return;
    }
    const enabled = this.settings.validationEnabled;
    this.publish(uri, enabled ? this.service.validate({ uri, text }, this.context) : []);
  }
}
