// One push in a fresh Node process, so that its peak memory (maxRSS) is the push's own.
// Prints one JSON line: { ms, maxRssMB, uploadedBytes, skippedBlobs, blobs, digest }.
//   node bench/push/pushOnce.mjs <spin.toml> <reference>
import { createRequire } from 'node:module';
import { join } from 'node:path';

const root = new URL('../..', import.meta.url).pathname;
const require = createRequire(import.meta.url);
const { pushApp } = require(join(root, 'out/src/pipeline/oci/push.js'));

const [manifestPath, reference] = process.argv.slice(2);
const start = performance.now();
const result = await pushApp({ manifestPath, reference });
const ms = performance.now() - start;
console.log(
  JSON.stringify({
    ms,
    maxRssMB: process.resourceUsage().maxRSS / 1024,
    uploadedBytes: result.uploadedBytes,
    skippedBlobs: result.skippedBlobs,
    blobs: result.blobs,
    digest: result.digest,
  }),
);
