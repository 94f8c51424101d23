// The language service, loaded on first use. The server answers `initialize` with only the LSP
// wiring loaded; the language modules (the YAML and TOML parsers, the schemas and rules, most of
// the bundle) load right after, in the background, or at the first request that needs them.
import type { LanguageService, LanguageServiceOptions } from '../language/service';

export interface LazyLanguageService {
  /** The service; the first access loads it. */
  readonly service: LanguageService;
  /** Loads the service now if it is not loaded yet (call when the server is idle). */
  load(): void;
}

export function lazyLanguageService(options: LanguageServiceOptions): LazyLanguageService {
  let real: LanguageService | undefined;
  const load = (): LanguageService => {
    if (!real) {
      // A plain require (not an import) so that the bundler runs these modules only now.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const module = require('../language/service') as typeof import('../language/service');
      real = new module.LanguageService(options);
    }
    return real;
  };
  const service = new Proxy({} as LanguageService, {
    get(_target, property) {
      const target = load();
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
  return { service, load: () => void load() };
}
