import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { describe, it } from 'node:test';
import pg from 'pg';
import { STORE_SCHEMA_VERSION } from '../src/history/sql.js';
import { createTestDatabase } from './helpers/pg-database.js';

/** Starts `kind` store openers in separate processes that all migrate at the same moment; resolves with their exits. */
function openTogether(url: string, kinds: ('run' | 'fleet')[]): Promise<{ code: number | null; out: string }[]> {
  // Long enough for every child to load tsx and the store code before the moment comes.
  const at = Date.now() + 12_000;
  return Promise.all(
    kinds.map(
      (kind) =>
        new Promise<{ code: number | null; out: string }>((resolve) => {
          const child = spawn(
            process.execPath,
            ['--import', 'tsx', 'test/helpers/open-store-at.ts', kind, url, String(at)],
            { stdio: ['ignore', 'pipe', 'pipe'] },
          );
          let out = '';
          child.stdout.on('data', (d: Buffer) => (out += d.toString()));
          child.stderr.on('data', (d: Buffer) => (out += d.toString()));
          child.on('exit', (code) => resolve({ code, out }));
        }),
    ),
  );
}

describe('schema migration of a PostgreSQL store is serialised across processes (real PostgreSQL)', () => {
  for (const round of [1, 2, 3])
    it(`four processes (run and fleet stores) migrating one fresh database at once all succeed, round ${round}`, async () => {
      const database = await createTestDatabase('mageup_migrate_lock');
      try {
        const results = await openTogether(database.url, ['run', 'run', 'run', 'fleet']);
        for (const r of results) assert.deepEqual([r.code, r.out.trim()], [0, 'ok']);
        const c = new pg.Client({ connectionString: database.url });
        await c.connect();
        try {
          // One version row (without the lock, each racing process inserted its own).
          const versions = await c.query<{ version: number }>('SELECT version FROM mageup_schema');
          assert.deepEqual(
            versions.rows.map((r) => r.version),
            [STORE_SCHEMA_VERSION],
          );
        } finally {
          await c.end();
        }
      } finally {
        await database.drop();
      }
    });
});
