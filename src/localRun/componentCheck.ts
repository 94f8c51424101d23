// What the local host can run: a Wasm component (not a plain module) exporting
// `wasi:http/incoming-handler@0.2.*` and importing only WASI 0.2 and the Spin interfaces we
// provide (variables, key-value). Anything else is refused in one sentence before serving.
import { ELSEWHERE, LocalRunError } from './localRunError';

const SUPPORTED_PREFIXES = [
  'wasi:cli/',
  'wasi:io/',
  'wasi:clocks/',
  'wasi:random/',
  'wasi:filesystem/',
  'wasi:sockets/',
  'wasi:http/types',
  'wasi:http/outgoing-handler',
  'wasi:config/store',
  'fermyon:spin/variables',
  'fermyon:spin/key-value',
];

const NAMED: readonly [RegExp, string][] = [
  [/sqlite/, 'SQLite'],
  [/redis/, 'Redis'],
  [/mqtt/, 'MQTT'],
  [/postgres/, 'PostgreSQL'],
  [/mysql/, 'MySQL'],
  [/llm/, 'LLM (Serverless AI)'],
];

function describe(name: string): string {
  const known = NAMED.find(([pattern]) => pattern.test(name));
  return known ? `${name} (${known[1]})` : name;
}

/** Throws a LocalRunError for a plain module, unsupported imports or a missing HTTP export. */
export function checkComponent(
  componentId: string,
  imports: readonly string[],
  bytes: Uint8Array | undefined,
  exports?: readonly [string, string][],
): void {
  if (bytes) {
    const isWasm = bytes[0] === 0x00 && bytes[1] === 0x61 && bytes[2] === 0x73 && bytes[3] === 0x6d;
    if (!isWasm) throw new LocalRunError(`The source of component ${componentId} is not a Wasm file.`);
    if (bytes[4] === 0x01 && bytes[5] === 0x00 && bytes[6] === 0x00 && bytes[7] === 0x00) {
      throw new LocalRunError(
        `Component ${componentId} is a plain Wasm module, not a component, and Run Locally runs only components: ${ELSEWHERE}`,
      );
    }
  }
  const unsupported = imports.filter((name) => !SUPPORTED_PREFIXES.some((prefix) => name.startsWith(prefix)));
  if (unsupported.length > 0) {
    throw new LocalRunError(
      `Component ${componentId} imports ${unsupported.map(describe).join(', ')}, which Run Locally does not provide: ${ELSEWHERE}`,
    );
  }
  if (exports && !exports.some(([name]) => name.startsWith('wasi:http/incoming-handler@0.2'))) {
    throw new LocalRunError(
      `Component ${componentId} does not export wasi:http/incoming-handler@0.2, so it cannot serve HTTP here: ${ELSEWHERE}`,
    );
  }
}
