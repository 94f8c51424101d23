// Watch mode, as `spin watch` does it: a change to a component's `build.watch` files rebuilds that
// component; a change to spin.toml (or to a Wasm source that has no build) reloads. Changes are
// gathered for a short while so one save triggers one rebuild.
import { watch, type FSWatcher } from 'node:fs';
import * as path from 'node:path';
import type { LocalApp } from './localApp';
import { isWatchedBy } from './staleComponents';

const SETTLE_MS = 150;
const IGNORED = /(^|\/)(node_modules|\.git|\.spin)(\/|$)/;

export class AppWatcher {
  private readonly watcher: FSWatcher;
  private pending = new Set<string>();
  private reloadAsked = false;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly app: LocalApp,
    private readonly onChange: (rebuild: string[]) => void,
    say: (line: string) => void,
  ) {
    this.watcher = watch(app.root, { recursive: true }, (_event, name) => {
      if (name) this.changed(path.join(app.root, name.toString()));
    });
    this.watcher.on('error', (error) => say(`Watching stopped: ${error.message}`));
    say(`Watching ${app.root} for changes.`);
  }

  close(): void {
    if (this.timer) clearTimeout(this.timer);
    this.watcher.close();
  }

  private changed(file: string): void {
    const relative = path.relative(this.app.root, file).split(path.sep).join('/');
    if (IGNORED.test(relative)) return;
    let relevant = file === this.app.manifestPath;
    for (const component of this.app.components.values()) {
      if (component.hasBuild && isWatchedBy(component, file)) {
        this.pending.add(component.id);
        relevant = true;
      } else if (!component.hasBuild && file === component.sourcePath) relevant = true;
    }
    if (!relevant) return;
    this.reloadAsked = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.flush(), SETTLE_MS);
  }

  private flush(): void {
    if (!this.reloadAsked) return;
    const rebuild = [...this.pending];
    this.pending = new Set();
    this.reloadAsked = false;
    this.onChange(rebuild);
  }
}
