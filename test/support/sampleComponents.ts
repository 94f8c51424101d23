// The sample app's real JavaScript components, built once with Spin's JS SDK tools from npm (no
// Spin CLI): a copy of sample/ plus a `probe` component for the tests (a module-global counter,
// outbound fetch, the headers it got), built in a folder under the system temp directory named by
// the hash of the sources, so later runs reuse it. Each test copies the built app before using it.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { repoRoot } from './k8s-sim/sharedReference';

export const PROBE_SOURCE = `// Test component: a module-global counter, outbound fetch, and the request headers it got.
let count = 0;
addEventListener('fetch', (event) => event.respondWith(handle(event.request)));
async function handle(request) {
  const url = new URL(request.url);
  if (url.pathname.endsWith('/count')) {
    count += 1;
    return new Response(String(count));
  }
  if (url.pathname.endsWith('/fetch')) {
    try {
      const answer = await fetch(url.searchParams.get('url'));
      return new Response('fetched ' + answer.status + ' ' + (await answer.text()));
    } catch (error) {
      return new Response('fetch failed: ' + error.message, { status: 502 });
    }
  }
  if (url.pathname.endsWith('/headers')) {
    const headers = {};
    for (const [name, value] of request.headers) headers[name] = value;
    return new Response(JSON.stringify(headers), { headers: { 'content-type': 'application/json' } });
  }
  return new Response('probe ' + url.pathname);
}
`;

const PROBE_TOML = `
[[trigger.http]]
route = "/probe/..."
component = "probe"

[component.probe]
source = "probe/dist/probe.wasm"
exclude_files = ["**/node_modules"]
allowed_outbound_hosts = ["http://127.0.0.1:*"]
[component.probe.build]
command = ["npm install --no-audit --no-fund", "npm run build -- probe"]
watch = ["probe/src/**/*.js"]
`;

const COMPONENTS = ['hello', 'echo', 'probe'];

function sourcesHash(sample: string): string {
  const hash = createHash('sha256').update(PROBE_SOURCE).update(PROBE_TOML);
  for (const file of ['package.json', 'package-lock.json', 'build.mjs', 'spin.toml']) {
    hash.update(readFileSync(path.join(sample, file)));
  }
  for (const id of ['hello', 'echo']) hash.update(readFileSync(path.join(sample, id, 'src', 'index.js')));
  return hash.digest('hex').slice(0, 16);
}

/** Builds (or reuses) the sample with its probe; returns the built app's folder (read-only: copy it). */
export function builtSampleApp(): string {
  const sample = path.join(repoRoot(), 'sample');
  const folder = path.join(tmpdir(), `spinkube-sample-built-${sourcesHash(sample)}`);
  if (COMPONENTS.every((id) => existsSync(path.join(folder, id, 'dist', `${id}.wasm`)))) return folder;
  const building = `${folder}.${process.pid}.building`;
  rmSync(building, { recursive: true, force: true });
  cpSync(sample, building, {
    recursive: true,
    filter: (s) => !/node_modules|[\\/]dist$|[\\/]build$/.test(s),
  });
  mkdirSync(path.join(building, 'probe', 'src'), { recursive: true });
  writeFileSync(path.join(building, 'probe', 'src', 'index.js'), PROBE_SOURCE);
  writeFileSync(
    path.join(building, 'spin.toml'),
    readFileSync(path.join(building, 'spin.toml'), 'utf8') + PROBE_TOML,
  );
  const run = (command: string, args: string[]): void => {
    execFileSync(command, args, { cwd: building, stdio: ['ignore', 'ignore', 'pipe'], timeout: 600_000 });
  };
  run('npm', ['ci', '--no-audit', '--no-fund']);
  for (const id of COMPONENTS) run(process.execPath, ['build.mjs', id]);
  rmSync(folder, { recursive: true, force: true });
  renameSync(building, folder);
  return folder;
}

/** A fresh copy of the built app in `target` (node_modules linked, timestamps kept). */
export function copyBuiltApp(built: string, target: string): void {
  for (const entry of readdirSync(built)) {
    if (entry === 'node_modules') symlinkSync(path.join(built, entry), path.join(target, entry), 'dir');
    else {
      cpSync(path.join(built, entry), path.join(target, entry), {
        recursive: true,
        preserveTimestamps: true,
      });
    }
  }
}
