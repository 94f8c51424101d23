#!/usr/bin/env node
// spinkube-lint: the language service's checks for CI.
import { runLint } from './command';

runLint(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    process.stderr.write(`spinkube-lint: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  },
);
