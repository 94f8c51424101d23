#!/usr/bin/env node
// spinkube: build, push, scaffold and deploy Spin apps headless (CI).
process.stderr.write('spinkube: the build/push/deploy pipeline is not yet available in this version\n');
process.exitCode = 2;
