// The default key-value store, kept between runs in the app's `.spin/` folder (Spin keeps it in
// `.spin/sqlite_key_value.db`; we write a JSON file beside it, `.spin/key_value.json`, as Node 20
// has no SQLite). Values are bytes, stored base64. Written through on every change.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

export const KEY_VALUE_FILE = path.join('.spin', 'key_value.json');

type Stored = Record<string, Record<string, string>>;

export class KeyValueFile {
  private data: Stored | undefined;

  constructor(readonly filePath: string) {}

  private load(): Stored {
    if (this.data) return this.data;
    try {
      this.data = JSON.parse(readFileSync(this.filePath, 'utf8')) as Stored;
    } catch {
      this.data = {};
    }
    return this.data;
  }

  private save(): void {
    mkdirSync(path.dirname(this.filePath), { recursive: true });
    const temporary = `${this.filePath}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify(this.load(), null, 1));
    renameSync(temporary, this.filePath);
  }

  get(store: string, key: string): Uint8Array | undefined {
    const value = this.load()[store]?.[key];
    return value === undefined ? undefined : new Uint8Array(Buffer.from(value, 'base64'));
  }

  set(store: string, key: string, value: Uint8Array): void {
    const data = this.load();
    (data[store] ??= {})[key] = Buffer.from(value).toString('base64');
    this.save();
  }

  delete(store: string, key: string): void {
    const table = this.load()[store];
    if (!table || !(key in table)) return;
    delete table[key];
    this.save();
  }

  keys(store: string): string[] {
    return Object.keys(this.load()[store] ?? {});
  }
}
