import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { KnowledgeDataError } from './errors.js';

/**
 * Knowledge files are gzipped JSON with a `<file>.sha256` beside them, in `sha256sum` format, so a corrupt or
 * truncated file is refused with a clear error instead of giving a wrong answer (`sha256sum -c` works on them too).
 */
export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function checksumPath(file: string): string {
  return `${file}.sha256`;
}

/** Deterministic gzip of a JSON document (no timestamp in the header, fixed level) and its checksum file. */
export function writeChecksummedJson(file: string, document: unknown): { bytes: number; sha256: string } {
  const bytes = gzipSync(Buffer.from(JSON.stringify(document) + '\n', 'utf8'), { level: 9 });
  const digest = sha256(bytes);
  // Write to temporary names and rename so a reader never sees a half-written pair.
  writeFileSync(`${file}.tmp`, bytes);
  writeFileSync(`${checksumPath(file)}.tmp`, `${digest}  ${basename(file)}\n`);
  renameSync(`${file}.tmp`, file);
  renameSync(`${checksumPath(file)}.tmp`, checksumPath(file));
  return { bytes: bytes.length, sha256: digest };
}

/** Reads a file written by writeChecksummedJson, verifying its checksum, and checks its `schema` number. */
export function readChecksummedJson(file: string, expectedSchema: number): unknown {
  if (!existsSync(file))
    throw new KnowledgeDataError(file, 'knowledge file is missing (reinstall mageup or run the data build)');
  const sumFile = checksumPath(file);
  if (!existsSync(sumFile)) throw new KnowledgeDataError(file, `checksum file ${basename(sumFile)} is missing`);
  const bytes = readFileSync(file);
  const expected = readFileSync(sumFile, 'utf8').trim().split(/\s+/)[0] ?? '';
  if (!/^[0-9a-f]{64}$/.test(expected)) throw new KnowledgeDataError(sumFile, 'checksum file is not a sha256 digest');
  const actual = sha256(bytes);
  if (actual !== expected) {
    throw new KnowledgeDataError(
      file,
      `checksum mismatch (expected ${expected.slice(0, 12)}…, found ${actual.slice(0, 12)}…): the file is corrupt or truncated; reinstall mageup or regenerate the data`,
    );
  }
  let document: unknown;
  try {
    document = JSON.parse(gunzipSync(bytes).toString('utf8'));
  } catch (error) {
    throw new KnowledgeDataError(file, `cannot be decoded: ${(error as Error).message}`);
  }
  const schema = (document as { schema?: unknown } | null)?.schema;
  if (schema !== expectedSchema) {
    throw new KnowledgeDataError(
      file,
      `unsupported schema ${String(schema)} (this mageup reads schema ${expectedSchema})`,
    );
  }
  return document;
}
