// `mageup db snapshot|compare|health` as one library call each, so the CLI only parses, calls and renders: each opens
// the read-only session (and always closes it) and loads the knowledge it judges against.
import { loadReleaseCatalog } from '../knowledge/catalog.js';
import { loadDataPatchConfig } from '../knowledge/data-patches.js';
import { loadDbSchemaIndex } from '../knowledge/db-schema/index.js';
import { loadProject } from '../project/load.js';
import { bundledSchemaOf } from './bundled-schema.js';
import { compareSnapshots, type DbComparison } from './compare.js';
import { checkDbHealth, type DbHealthReport } from './health.js';
import { openProjectSession, readSnapshotFile, type ProjectSessionRequest } from './project-session.js';
import type { DbSnapshot } from './snapshot-types.js';
import { takeSnapshot } from './take-snapshot.js';

/** Where the database is: the project's env.php, or `dsn`; the model is read as each command needs it. */
export type DbConnectRequest = Omit<ProjectSessionRequest, 'wantModel'>;

/** `db snapshot`: the key figures of the store's database, with the project's Magento version when it is at hand. */
export async function snapshotProjectDb(request: DbConnectRequest): Promise<DbSnapshot> {
  const { session, project } = await openProjectSession({ ...request, wantModel: false });
  try {
    return await takeSnapshot(session, { magentoVersion: project?.magento.version ?? null });
  } finally {
    await session.close();
  }
}

/**
 * `db compare`: two snapshot files reconciled against the target's core schema (`to`, else the AFTER snapshot's
 * version), the config paths Magento's data patches write and, with `project`, the bundled packages' db_schema.xml of
 * the AFTER code.
 */
export async function compareSnapshotFiles(request: {
  before: string;
  after: string;
  to?: string;
  project?: string;
}): Promise<DbComparison> {
  const before = readSnapshotFile(request.before);
  const after = readSnapshotFile(request.after);
  const targetRelease = request.to ? loadReleaseCatalog().resolve(request.to).version : undefined;
  const bundledSchema = request.project ? bundledSchemaOf(await loadProject(request.project)) : undefined;
  return compareSnapshots(before, after, {
    targetRelease,
    schemaIndex: loadDbSchemaIndex(),
    dataPatchConfig: loadDataPatchConfig(),
    ...(bundledSchema ? { bundledSchema } : {}),
  });
}

/** `db health`: the database's readiness, against the requirements of `to` when given (resolved before connecting). */
export async function projectDbHealth(request: DbConnectRequest & { to?: string }): Promise<DbHealthReport> {
  const { to, ...connect } = request;
  const target = to ? loadReleaseCatalog().resolve(to) : undefined;
  const { session, project } = await openProjectSession({ ...connect, wantModel: true });
  try {
    return await checkDbHealth(session, { project, target, schemaIndex: loadDbSchemaIndex() });
  } finally {
    await session.close();
  }
}
