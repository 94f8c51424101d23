#!/usr/bin/env node
// spinkube: build, push, scaffold and deploy Spin apps headless (CI). Ctrl+C cancels (exit 130).
import { runUpCommand } from '../up/upCommand';
import { runSpinkubeCli } from './cli';

const controller = new AbortController();
process.once('SIGINT', () => controller.abort());
process.once('SIGTERM', () => controller.abort());

const [command, ...rest] = process.argv.slice(2);
const run = command === 'up' ? runUpCommand : runSpinkubeCli;
run(command === 'up' ? rest : process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
  signal: controller.signal,
}).then(
  (code) => {
    process.exitCode = code;
    // Watches and keep-alive sockets must not keep a finished command alive.
    setImmediate(() => process.exit(code));
  },
  (error: unknown) => {
    process.stderr.write(`spinkube: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
