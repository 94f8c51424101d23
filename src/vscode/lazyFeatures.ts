import * as path from 'node:path';
import * as vscode from 'vscode';
import { LazyTreeDataProvider } from './cluster/lazyTreeProvider';
import type { Features } from './features';
import type { LanguageFeature } from './language/feature';
import { isManifestDocument } from './language/manifestDocuments';

type FeaturesModule = typeof import('./features');

/** The task type contributed in package.json (`taskDefinitions`). */
const SPIN_TASK_TYPE = 'spin';
type LanguageModule = typeof import('./language/entry');

/** Loads a sibling bundle of dist/extension.js (kept out of it so activation stays small). */
function loadBundle<T>(name: string): T {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(path.join(__dirname, name)) as T;
}

/**
 * The extension's features, each created the first time it is needed: the language client when a
 * manifest is open, the explorer and pipeline when the view shows or a command runs.
 */
export class LazyFeatures {
  private languageFeature: LanguageFeature | undefined;
  private loaded: Features | undefined;
  private readonly provider: LazyTreeDataProvider<unknown>;
  private readonly view: vscode.TreeView<unknown>;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly output: vscode.LogOutputChannel,
  ) {
    this.provider = new LazyTreeDataProvider(() => this.features());
    this.view = vscode.window.createTreeView('spinkube.cluster', {
      treeDataProvider: this.provider,
      showCollapseAll: true,
    });
    // Run Task lists spin builds from the first moment; the pipeline code loads when it is asked.
    const tasks = vscode.tasks.registerTaskProvider(SPIN_TASK_TYPE, {
      provideTasks: (token) => this.features().spinTasks.provideTasks(token),
      resolveTask: (task, token) => this.features().spinTasks.resolveTask(task, token),
    });
    context.subscriptions.push(this.view, this.provider, tasks);
    this.startLanguageWhenNeeded();
  }

  language(): LanguageFeature {
    this.languageFeature ??= loadBundle<LanguageModule>('language.js').createLanguageFeature(
      this.context,
      this.output,
    );
    return this.languageFeature;
  }

  features(): Features {
    if (!this.loaded) {
      const language = this.language();
      const { createFeatures } = loadBundle<FeaturesModule>('features.js');
      this.loaded = createFeatures(this.context, this.output, language, {
        attach: (provider) => {
          this.provider.attach(provider as vscode.TreeDataProvider<unknown>);
          return this.view as vscode.TreeView<never>;
        },
      });
    }
    return this.loaded;
  }

  /** The language server starts when a spin.toml or YAML document is open, just after activation. */
  private startLanguageWhenNeeded(): void {
    const start = (): void => {
      if (this.languageFeature) return;
      try {
        this.language();
      } catch (error) {
        this.output.error(`The language features did not load: ${String(error)}`);
      }
    };
    if (vscode.workspace.textDocuments.some(isManifestDocument)) setImmediate(start);
    const listener = vscode.workspace.onDidOpenTextDocument((doc) => {
      if (isManifestDocument(doc)) {
        listener.dispose();
        start();
      }
    });
    this.context.subscriptions.push(listener);
  }
}
