// Spin's build order: a component whose local source path is another component's local
// dependency path is built before it; otherwise manifest order. On a cycle, manifest order.
import * as path from 'node:path';
import type { AppComponent } from '../appManifest';

export function buildOrder(components: readonly AppComponent[], root: string): AppComponent[] {
  const key = (p: string): string => path.resolve(root, p);
  const bySource = new Map<string, number>();
  components.forEach((c, i) => {
    if (c.source.kind === 'local') bySource.set(key(c.source.path), i);
  });
  const byId = new Map(components.map((c, i) => [c.id, i]));
  // prerequisites[i] = components that must be built before component i
  const prerequisites = components.map((c) => {
    const before = new Set<number>();
    for (const dep of c.dependencies.values()) {
      const j =
        dep.kind === 'path'
          ? bySource.get(key(dep.path))
          : dep.kind === 'component'
            ? byId.get(dep.component)
            : undefined;
      if (j !== undefined && j !== components.indexOf(c)) before.add(j);
    }
    return before;
  });
  const done = new Set<number>();
  const order: AppComponent[] = [];
  while (order.length < components.length) {
    const next = components.findIndex(
      (_, i) => !done.has(i) && [...(prerequisites[i] ?? [])].every((j) => done.has(j)),
    );
    if (next < 0) return [...components]; // a cycle: keep the manifest order
    done.add(next);
    const component = components[next];
    if (component) order.push(component);
  }
  return order;
}
