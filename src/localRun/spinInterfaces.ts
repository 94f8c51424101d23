// Spin's own host interfaces a component may import, as jco import objects: variables
// (`fermyon:spin/variables@2.0.0`, and `wasi:config/store`) and key-value
// (`fermyon:spin/key-value@2.0.0`, the `default` store only). jco maps a thrown value to the
// `err` case of a `result`, and `undefined` to an option's `none`.
import type { KeyValueFile } from './keyValue';
import type { ComponentVariables } from './variables';

export interface KeyValueAccess {
  readonly file: KeyValueFile;
  /** The component's `key_value_stores`. */
  readonly granted: readonly string[];
  /** Called when a store is first opened (Spin says where the default store lives). */
  readonly onOpen?: (label: string) => void;
}

export function variablesInterface(variables: ComponentVariables): { get(name: string): string } {
  return {
    get(name: string): string {
      const result = variables.get(name);
      if (result.ok) return result.value;
      throw result.error;
    },
  };
}

export function configStoreInterface(variables: ComponentVariables): {
  get(key: string): string | undefined;
  getAll(): [string, string][];
} {
  return {
    get(key: string): string | undefined {
      const result = variables.get(key);
      if (result.ok) return result.value;
      if (result.error.tag === 'undefined') return undefined;
      throw { tag: 'upstream', val: result.error.val };
    },
    getAll: () => [],
  };
}

export function keyValueInterface(access: KeyValueAccess): { Store: unknown } {
  class Store {
    private constructor(private readonly label: string) {}

    static open(label: string): Store {
      if (!access.granted.includes(label)) throw { tag: 'access-denied' };
      if (label !== 'default') throw { tag: 'no-such-store' };
      access.onOpen?.(label);
      return new Store(label);
    }

    get(key: string): Uint8Array | undefined {
      return access.file.get(this.label, key);
    }

    set(key: string, value: Uint8Array): void {
      access.file.set(this.label, key, value);
    }

    delete(key: string): void {
      access.file.delete(this.label, key);
    }

    exists(key: string): boolean {
      return access.file.get(this.label, key) !== undefined;
    }

    getKeys(): string[] {
      return access.file.keys(this.label);
    }
  }
  return { Store };
}
