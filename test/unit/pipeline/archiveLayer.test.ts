// The archive layer of a component's files: the same files always give the same bytes, whatever
// the order they come in and whichever OS writes them.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { writeArchiveLayer, type ArchiveEntry } from '../../../src/pipeline/package/archiveLayer';
import { tempFolder } from '../../support/tempFolder';

describe('writeArchiveLayer', () => {
  const folder = tempFolder('spinkube-archive-unit', {
    'assets/index.html': '<h1>hello</h1>\n'.repeat(20),
    'assets/css/site.css': 'body { color: black; }\n'.repeat(20),
  });
  after(() => folder.remove());
  const entry = (relative: string, guestPath: string): ArchiveEntry => {
    const hostPath = path.join(folder.path, relative);
    return { hostPath, guestPath, size: readFileSync(hostPath).length };
  };
  const entries = [entry('assets/index.html', 'index.html'), entry('assets/css/site.css', 'css/site.css')];

  it('gives the same digest for the same files in any order, with a Unix gzip header', async () => {
    const first = await writeArchiveLayer(entries, path.join(folder.path, 'a.tar.gz'));
    const second = await writeArchiveLayer([...entries].reverse(), path.join(folder.path, 'b.tar.gz'));
    assert.equal(second.digest, first.digest);
    const bytes = readFileSync(path.join(folder.path, 'a.tar.gz'));
    assert.equal(bytes.length, first.size);
    assert.equal(bytes[9], 3, 'the gzip header says Unix, whatever OS wrote it');
    const tar = gunzipSync(bytes);
    const names = [0, 512 * (1 + Math.ceil(entries[1]!.size / 512))].map((at) =>
      tar
        .subarray(at, at + 100)
        .toString('utf8')
        .replace(/\0.*$/s, ''),
    );
    assert.deepEqual(names, ['css/site.css', 'index.html'], 'entries sorted by guest path');
  });
});
