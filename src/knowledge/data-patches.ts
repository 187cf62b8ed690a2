import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readChecksummedJson } from './integrity.js';

/**
 * Which `core_config_data` paths Magento's own data patches write (class name → paths), derived from the patch
 * classes of every release by `scripts/build-data-patch-config.ts`: a config value such a patch changes during
 * `setup:upgrade` is the upgrade's doing, not damage.
 */
export interface DataPatchConfig {
  sources: string[];
  patches: Record<string, { paths: string[]; releases: string[] }>;
}

const FILE = 'data-patch-config.json.gz';
const SCHEMA = 1;
let shipped: DataPatchConfig | undefined;

export function loadDataPatchConfig(
  dataDir: string = fileURLToPath(new URL('../../data/', import.meta.url)),
): DataPatchConfig {
  shipped ??= readChecksummedJson(join(dataDir, FILE), SCHEMA) as DataPatchConfig;
  return shipped;
}
