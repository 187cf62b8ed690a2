import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ADVISORY_DATA_FILE } from './advisory-data.js';
import { defaultDataDir } from './catalog.js';
import { RELEASE_DATA_FILE } from './release-data.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const sharedData = join(root, '..', 'shared', 'data');

describe('shipped data files', () => {
  it('are small', () => {
    for (const file of [RELEASE_DATA_FILE, ADVISORY_DATA_FILE]) {
      const size = readFileSync(join(defaultDataDir(), file)).length;
      assert.ok(size < 512 * 1024, `${file} is ${size} bytes`);
    }
  });

  it(
    'are exactly what scripts/build-knowledge.ts generates from ../shared/data',
    { skip: !existsSync(sharedData) && 'no ../shared/data here' },
    () => {
      const out = mkdtempSync(join(tmpdir(), 'mageup-kb-build-'));
      try {
        execFileSync(
          process.execPath,
          ['--import', 'tsx', join(root, 'scripts', 'build-knowledge.ts'), '--source', sharedData, '--out', out],
          {
            cwd: root,
            stdio: 'pipe',
          },
        );
        for (const file of [RELEASE_DATA_FILE, ADVISORY_DATA_FILE]) {
          assert.equal(
            readFileSync(join(out, `${file}.sha256`), 'utf8'),
            readFileSync(join(defaultDataDir(), `${file}.sha256`), 'utf8'),
            `${file} is stale: run npx tsx scripts/build-knowledge.ts`,
          );
        }
      } finally {
        rmSync(out, { recursive: true, force: true });
      }
    },
  );
});
