import { strict as assert } from 'node:assert';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, truncateSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { defaultDataDir, loadReleaseCatalog } from './catalog.js';
import { KnowledgeDataError } from './errors.js';
import { readChecksummedJson, writeChecksummedJson } from './integrity.js';
import { RELEASE_DATA_FILE } from './release-data.js';

const dir = mkdtempSync(join(tmpdir(), 'mageup-integrity-'));
after(() => rmSync(dir, { recursive: true, force: true }));

describe('checksummed knowledge files', () => {
  it('round-trips a document and writes the same bytes twice', () => {
    const file = join(dir, 'doc.json.gz');
    const first = writeChecksummedJson(file, { schema: 1, a: [1, 2] });
    const second = writeChecksummedJson(file, { schema: 1, a: [1, 2] });
    assert.equal(first.sha256, second.sha256);
    assert.deepEqual(readChecksummedJson(file, 1), { schema: 1, a: [1, 2] });
    assert.match(readFileSync(`${file}.sha256`, 'utf8'), /^[0-9a-f]{64} {2}doc\.json\.gz\n$/);
  });

  it('refuses a corrupt file (one byte changed), naming it', () => {
    const file = join(dir, 'corrupt.json.gz');
    writeChecksummedJson(file, { schema: 1, value: 'x'.repeat(100) });
    const bytes = readFileSync(file);
    const at = bytes.length - 5;
    bytes.writeUInt8(bytes.readUInt8(at) ^ 0xff, at);
    writeFileSync(file, bytes);
    assert.throws(
      () => readChecksummedJson(file, 1),
      (e: unknown) =>
        e instanceof KnowledgeDataError && e.message.includes(file) && /checksum mismatch/.test(e.message),
    );
  });

  it('refuses a truncated file, a missing checksum and an unsupported schema', () => {
    const file = join(dir, 'truncated.json.gz');
    writeChecksummedJson(file, { schema: 1, value: 'y'.repeat(1000) });
    truncateSync(file, 10);
    assert.throws(() => readChecksummedJson(file, 1), /corrupt or truncated/);

    const noSum = join(dir, 'nosum.json.gz');
    writeChecksummedJson(noSum, { schema: 1 });
    unlinkSync(`${noSum}.sha256`);
    assert.throws(() => readChecksummedJson(noSum, 1), /checksum file nosum\.json\.gz\.sha256 is missing/);

    const future = join(dir, 'future.json.gz');
    writeChecksummedJson(future, { schema: 99 });
    assert.throws(() => readChecksummedJson(future, 1), /unsupported schema 99/);

    assert.throws(() => readChecksummedJson(join(dir, 'absent.json.gz'), 1), /knowledge file is missing/);
  });

  it('makes the catalog fail loudly on a damaged shipped file instead of answering', () => {
    const damaged = mkdtempSync(join(dir, 'data-'));
    copyFileSync(join(defaultDataDir(), RELEASE_DATA_FILE), join(damaged, RELEASE_DATA_FILE));
    copyFileSync(join(defaultDataDir(), `${RELEASE_DATA_FILE}.sha256`), join(damaged, `${RELEASE_DATA_FILE}.sha256`));
    const size = readFileSync(join(damaged, RELEASE_DATA_FILE)).length;
    truncateSync(join(damaged, RELEASE_DATA_FILE), Math.floor(size / 2));
    assert.throws(() => loadReleaseCatalog({ dataDir: damaged, cacheDir: false }), KnowledgeDataError);
  });
});
