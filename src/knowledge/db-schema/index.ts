import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readChecksummedJson } from '../integrity.js';
import { compareMagentoVersions } from '../magento-version.js';
import { rangesContain } from '../ranges.js';
import type { CoreTable, DbSchemaIndexDocument } from './types.js';

export type { CoreColumn, CoreConstraint, CoreIndex, CoreTable, DbSchemaIndexDocument } from './types.js';

export const DB_SCHEMA_FILE = 'db-schema/core-schema.json.gz';
export const DB_SCHEMA_SCHEMA = 1;

/** Core tables of one release, answered from the shipped timeline. */
export interface CoreSchema {
  /** The indexed release whose tables these are. */
  release: string;
  /** True when `release` is the version asked for; false when the nearest indexed release stands in for it. */
  exact: boolean;
  /** Version asked for. */
  requested: string;
  getTable(name: string): CoreTable | undefined;
  tableNames(): string[];
}

export interface DbSchemaIndex {
  releases: readonly string[];
  /** Tables declared by core at `version`, or at the nearest indexed release (see `CoreSchema.exact`). */
  at(version: string): CoreSchema;
}

export function createDbSchemaIndex(document: DbSchemaIndexDocument): DbSchemaIndex {
  const releases = document.releases;
  const cache = new Map<number, Map<string, CoreTable>>();
  const tablesOf = (index: number): Map<string, CoreTable> => {
    let tables = cache.get(index);
    if (!tables) {
      tables = new Map();
      for (const [name, variants] of Object.entries(document.tables)) {
        const variant = variants.find((v) => rangesContain(v.in, index));
        if (variant) tables.set(name, variant.table);
      }
      cache.set(index, tables);
    }
    return tables;
  };
  return {
    releases,
    at(version) {
      const index = nearestIndex(releases, version);
      const tables = tablesOf(index);
      return {
        release: releases[index]!,
        exact: releases[index] === version,
        requested: version,
        getTable: (name) => tables.get(name),
        tableNames: () => [...tables.keys()],
      };
    },
  };
}

/**
 * The indexed release to use for a version: itself when indexed; else the newest indexed release not newer than it
 * (2.4.8-p3 → 2.4.8-p1), or the oldest indexed one for versions before the index starts.
 */
export function nearestIndex(releases: readonly string[], version: string): number {
  const exact = releases.indexOf(version);
  if (exact >= 0) return exact;
  let best = 0;
  releases.forEach((release, index) => {
    if (compareMagentoVersions(release, version) <= 0) best = index;
  });
  return best;
}

let shipped: DbSchemaIndex | undefined;

/** The shipped index (`data/db-schema/core-schema.json.gz`), checksum-verified, loaded once. */
export function loadDbSchemaIndex(
  dataDir: string = fileURLToPath(new URL('../../../data/', import.meta.url)),
): DbSchemaIndex {
  if (!shipped || dataDir !== shippedDir) {
    shipped = createDbSchemaIndex(
      readChecksummedJson(join(dataDir, DB_SCHEMA_FILE), DB_SCHEMA_SCHEMA) as DbSchemaIndexDocument,
    );
    shippedDir = dataDir;
  }
  return shipped;
}
let shippedDir: string | undefined;
