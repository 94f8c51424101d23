#!/usr/bin/env node
// Language server benchmark: drives OUR server (dist/server.js), yaml-language-server (with the
// SpinApp CRD converted to a JSON schema) and taplo's LSP (with Spin's published manifest schema)
// on the same inputs, with a floor server that checks nothing (floorServer.cjs: what the machine and
// the protocol cost), and prints a Markdown report:
//   cold start, open → diagnostics, edit → diagnostics (median, p95 over EDITS edits), peak RSS,
//   diagnostics on valid input, and per planted error: how many diagnostics, on the right line.
// Then cold start alone, over several starts of each server (coldStart.mjs).
// Usage: npx tsc -p tsconfig.test.json && node scripts/build.mjs --production && node bench/language/run.mjs [--edits N] [--cold-starts N | --no-cold-start] [--json out.json] [--server ours]
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { benchInputs, editTarget } from './inputs.mjs';
import { coldStarts, coldStartTable, fillCodeCache } from './coldStart.mjs';
import { startServer } from './lspProcess.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..', '..');
const shared = path.resolve(
  process.env.SPINKUBE_SHARED_DIR ?? path.resolve(repo, '..', 'shared'),
  'reference',
);
const argValue = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : fallback;
};
const EDITS = Number(argValue('--edits', '30'));
const COLD_STARTS = Number(argValue('--cold-starts', '9'));
const jsonOut = argValue('--json', undefined);
// `--server ours` (or taplo, yaml): run one server only, for quick iterations.
const onlyServer = argValue('--server', '');

/** The SpinApp CRD's openAPIV3Schema as a strict JSON schema (unknown fields are errors). */
function spinAppJsonSchema() {
  const crd = parseYaml(
    readFileSync(path.join(shared, 'crds', 'core.spinkube.dev_spinapps.main.yaml'), 'utf8'),
  );
  const version = crd.spec.versions.find((v) => v.storage) ?? crd.spec.versions[0];
  const convert = (node) => {
    if (Array.isArray(node)) return node.map(convert);
    if (typeof node !== 'object' || node === null) return node;
    const out = {};
    for (const [key, value] of Object.entries(node)) {
      if (key === 'nullable' || key.startsWith('x-kubernetes-')) continue;
      out[key] =
        key === 'properties'
          ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, convert(v)]))
          : convert(value);
    }
    if (node['x-kubernetes-int-or-string'] && !out.anyOf)
      out.anyOf = [{ type: 'integer' }, { type: 'string' }];
    if (
      out.properties &&
      out.additionalProperties === undefined &&
      !node['x-kubernetes-preserve-unknown-fields']
    ) {
      out.additionalProperties = false;
    }
    return out;
  };
  const schema = convert(version.schema.openAPIV3Schema);
  schema.properties.metadata = { type: 'object' };
  return { $schema: 'http://json-schema.org/draft-07/schema#', ...schema };
}

function writeWorkspace(dir, inputs) {
  const schemaPath = path.join(dir, 'spinapp.schema.json');
  writeFileSync(schemaPath, JSON.stringify(spinAppJsonSchema()));
  const spinSchema = path.join(shared, 'schemas', 'spin-manifest-v2.latest.schema.json');
  for (const input of inputs) {
    mkdirSync(path.join(dir, input.file.split('/')[0]), { recursive: true });
    writeFileSync(
      path.join(dir, input.file.split('/')[0], '.taplo.toml'),
      `[[rule]]\ninclude = ["**/spin.toml"]\n[rule.schema]\npath = ${JSON.stringify(spinSchema)}\n`,
    );
    for (const [variant, text] of [
      ['valid', input.valid],
      ['planted', input.planted],
    ]) {
      const [top, ...rest] = input.file.split('/');
      const file = path.join(dir, top, variant, ...rest);
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, text);
      input[`${variant}Uri`] = pathToFileURL(file).href;
      // What the manifests reference, so that file checks have nothing to report on valid input.
      if (input.kind === 'toml') {
        const appDir = path.dirname(file);
        for (const sub of ['assets', 'api', 'web']) mkdirSync(path.join(appDir, sub), { recursive: true });
        for (const m of text.matchAll(/^source = "([^"]+)"/gm)) writeFileSync(path.join(appDir, m[1]), '');
      }
    }
  }
  return { schemaUri: pathToFileURL(schemaPath).href, spinSchemaUri: pathToFileURL(spinSchema).href };
}

/** How the extension starts the server: node options, environment (src/server/protocol.ts, compiled by tsc). */
function serverProtocol() {
  const compiled = path.join(repo, 'out', 'src', 'server', 'protocol.js');
  if (!existsSync(compiled)) throw new Error('run `npx tsc -p tsconfig.test.json` first (out/ is missing)');
  return createRequire(import.meta.url)(compiled);
}

function servers({ schemaUri, spinSchemaUri }, dir) {
  const protocol = serverProtocol();
  const yamlSettings = {
    validate: true,
    hover: true,
    completion: true,
    schemaStore: { enable: false },
    schemas: { [schemaUri]: ['*.yaml', '**/*.yaml'] },
  };
  const taploSettings = { schema: { enabled: true, associations: { '.*spin\\.toml$': spinSchemaUri } } };
  return [
    {
      name: 'SpinKube (ours)',
      kinds: ['toml', 'yaml'],
      command: process.execPath,
      // Started as the extension starts it (its node options), plus BENCH_SERVER_NODE_ARGS
      // (e.g. `--cpu-prof --cpu-prof-dir=…`) for profiling.
      // As the extension gives it: its environment, with a code cache folder of the run's own.
      env: protocol.serverEnvironment(process.env, path.join(dir, 'server-cache')),
      cacheVariable: protocol.SERVER_CACHE_DIR_VARIABLE,
      args: [
        ...protocol.SERVER_EXEC_ARGV,
        ...(process.env.BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? []),
        path.join(repo, 'dist', 'server.js'),
        '--stdio',
      ],
      configuration: (section) => (section === 'spinkube' ? {} : null),
    },
    {
      name: 'yaml-language-server',
      kinds: ['yaml'],
      command: process.execPath,
      args: [
        path.join(repo, 'node_modules', 'yaml-language-server', 'bin', 'yaml-language-server'),
        '--stdio',
      ],
      configuration: (section) => (section === 'yaml' ? yamlSettings : section === '[yaml]' ? {} : null),
      pushSettings: { yaml: yamlSettings },
    },
    {
      name: 'taplo',
      kinds: ['toml'],
      command: process.execPath,
      args: [path.join(here, 'taploServer.cjs')],
      initializationOptions: { configurationSection: 'evenBetterToml' },
      configuration: (section) => (section === 'evenBetterToml' ? taploSettings : null),
      pushSettings: { evenBetterToml: taploSettings },
    },
    {
      // What the machine and the protocol cost, for reading the others' figures (floorServer.cjs).
      name: 'LSP floor (checks nothing)',
      kinds: ['toml', 'yaml'],
      floor: true,
      command: process.execPath,
      args: [path.join(here, 'floorServer.cjs'), '--stdio'],
    },
  ];
}

const median = (xs) => quantile(xs, 0.5);
function quantile(xs, q) {
  const sorted = xs.filter(Number.isFinite).sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
}

async function measure(server, input, dir) {
  // Each input is its own workspace (valid and planted variant side by side).
  const folder = path.join(dir, input.file.split('/')[0]);
  const s = await startServer({ ...server, cwd: repo, folder });
  try {
    if (server.pushSettings) {
      await s.connection.sendNotification('workspace/didChangeConfiguration', {
        settings: server.pushSettings,
      });
    }
    const languageId = input.kind === 'toml' ? 'toml' : 'yaml';
    // Open the valid document: time to its first diagnostics, and what it settles on.
    const opened = s.nextDiagnostics(input.validUri);
    const openStart = performance.now();
    await s.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri: input.validUri, languageId, version: 1, text: input.valid },
    });
    const first = await opened;
    const openMs = first.at - openStart;
    const validDiagnostics = (await s.settledDiagnostics(input.validUri, first)).diagnostics;

    // Edits: one line changes each time; time to the next diagnostics for the document.
    const target = editTarget(input);
    const editMs = [];
    for (let i = 1; i <= EDITS; i++) {
      const newText =
        input.kind === 'toml'
          ? target.text.replace(/https:\/\/[^"]+/, `https://edit-${i}.example.com`)
          : target.text.replace(/hello.*/, `hello-${i}`);
      const next = s.nextDiagnostics(input.validUri, 10_000, i + 1);
      const sent = performance.now();
      await s.connection.sendNotification('textDocument/didChange', {
        textDocument: { uri: input.validUri, version: i + 1 },
        contentChanges: [
          {
            range: {
              start: { line: target.line, character: 0 },
              end: { line: target.line, character: target.text.length },
            },
            text: newText,
          },
        ],
      });
      target.text = newText;
      try {
        // Until the last publication for this edit (some servers publish more than once).
        const settled = await s.settledDiagnostics(input.validUri, await next, 150);
        editMs.push(settled.at - sent);
      } catch {
        editMs.push(NaN);
      }
    }

    // The planted errors: diagnostics per error line, and any elsewhere.
    const plantedFirst = s.nextDiagnostics(input.plantedUri);
    await s.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri: input.plantedUri, languageId, version: 1, text: input.planted },
    });
    const plantedDiagnostics = (await s.settledDiagnostics(input.plantedUri, await plantedFirst)).diagnostics;
    const perError = input.errorLines.map(
      (line) =>
        plantedDiagnostics.filter(
          (d) => d.range.start.line <= line && d.range.end.line >= line && d.range.start.line === line,
        ).length,
    );
    const elsewhere = plantedDiagnostics.filter((d) => !input.errorLines.includes(d.range.start.line));
    return {
      server: server.name,
      floor: Boolean(server.floor),
      input: input.name,
      coldStartMs: s.coldStartMs,
      openMs,
      editMedianMs: median(editMs),
      editP95Ms: quantile(editMs, 0.95),
      editsWithoutDiagnostics: editMs.filter((x) => !Number.isFinite(x)).length,
      peakRssMb: s.peakRssMb(),
      validDiagnostics: validDiagnostics.length,
      perError,
      elsewhere: elsewhere.length,
      sample: plantedDiagnostics.slice(0, 8).map((d) => `${d.range.start.line}: ${d.message}`.slice(0, 140)),
    };
  } finally {
    await s.stop();
  }
}

const fmt = (x) => (Number.isFinite(x) ? (x >= 100 ? x.toFixed(0) : x.toFixed(1)) : 'n/a');

async function main() {
  const dir = mkdtempSync(path.join(tmpdir(), 'spinkube-bench-language-'));
  try {
    const inputs = benchInputs();
    const schemas = writeWorkspace(dir, inputs);
    const results = [];
    const chosen = servers(schemas, dir).filter((sv) =>
      sv.name.toLowerCase().includes(onlyServer.toLowerCase()),
    );
    const ours = chosen.find((sv) => sv.cacheVariable);
    if (ours) {
      // Every start but the first after an install finds the code cache an earlier one wrote.
      process.stderr.write('code cache …\n');
      mkdirSync(ours.env[ours.cacheVariable], { recursive: true });
      const documents = inputs
        .filter((i) => i.name.startsWith('typical'))
        .map((i) => ({ uri: i.validUri, languageId: i.kind === 'toml' ? 'toml' : 'yaml', text: i.valid }));
      await fillCodeCache(ours, ours.env, { folder: dir, cwd: repo, documents });
    }
    for (const input of inputs) {
      for (const server of chosen.filter((sv) => sv.kinds.includes(input.kind))) {
        process.stderr.write(`${server.name} × ${input.name} …\n`);
        try {
          results.push(await measure(server, input, dir));
        } catch (error) {
          results.push({ server: server.name, input: input.name, error: String(error) });
        }
      }
    }
    console.log(
      `| input | server | cold start ms | open → diags ms | edit → diags median / p95 ms | peak RSS MB | diags on valid input | diags per planted error (on its line) | diags elsewhere |`,
    );
    console.log('|---|---|---|---|---|---|---|---|---|');
    for (const r of results) {
      if (r.error) {
        console.log(`| ${r.input} | ${r.server} | failed: ${r.error} |||||||`);
        continue;
      }
      const missed = r.editsWithoutDiagnostics ? ` (${r.editsWithoutDiagnostics} edits unanswered)` : '';
      // The floor checks nothing: its diagnostics columns say nothing.
      const checks = r.floor
        ? '– | – | –'
        : `${r.validDiagnostics} | ${r.perError.join(', ')} | ${r.elsewhere}`;
      console.log(
        `| ${r.input} | ${r.server} | ${fmt(r.coldStartMs)} | ${fmt(r.openMs)} | ${fmt(r.editMedianMs)} / ${fmt(r.editP95Ms)}${missed} | ${fmt(r.peakRssMb)} | ${checks} |`,
      );
    }
    let coldStartRows = [];
    if (!process.argv.includes('--no-cold-start')) {
      process.stderr.write('cold starts …\n');
      coldStartRows = await coldStarts({ servers: chosen, folder: dir, cwd: repo, starts: COLD_STARTS });
      console.log(
        `\nCold start: spawn → \`initialize\` answered.\n\n${coldStartTable(coldStartRows, COLD_STARTS)}`,
      );
    }
    if (jsonOut) writeFileSync(jsonOut, JSON.stringify({ results, coldStarts: coldStartRows }, null, 2));
    if (process.argv.includes('--verbose')) {
      for (const r of results)
        console.error(`\n${r.server} × ${r.input}:\n  ${(r.sample ?? []).join('\n  ')}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
