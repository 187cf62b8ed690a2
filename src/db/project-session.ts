import { readFileSync } from 'node:fs';
import { loadProject, NotMagentoProjectError } from '../project/load.js';
import { detectRoot } from '../project/root.js';
import type { ProjectModel } from '../project/model.js';
import { asSnapshot } from './compare.js';
import { settingsFromDsn, settingsFromEnvPhp, type ConnectionSettings } from './connection-settings.js';
import { DbError } from './errors.js';
import { ReadOnlySession } from './session.js';
import type { DbSnapshot } from './snapshot-types.js';

export interface ProjectSessionRequest {
  /** Project root (credentials from app/etc/env.php); may be no project when `dsn` is given. */
  path: string;
  /** mysql://user:password@host:port/database[?prefix=]; the password may come from MAGEUP_DB_PASSWORD. */
  dsn?: string;
  /** Limit per statement. */
  timeoutSeconds: number;
  /** The project model is needed (its modules for health); otherwise read only when at hand, for its version. */
  wantModel: boolean;
}

/**
 * A read-only session on the store's database, from --dsn or the project's env.php, and the project model when a
 * project is at hand. The caller closes the session.
 */
export async function openProjectSession(
  request: ProjectSessionRequest,
): Promise<{ session: ReadOnlySession; project?: ProjectModel }> {
  const { settings, project } = await connectionFor(request);
  const session = await ReadOnlySession.open(settings, { timeoutSeconds: request.timeoutSeconds });
  return { session, ...(project ? { project } : {}) };
}

async function connectionFor(
  request: ProjectSessionRequest,
): Promise<{ settings: ConnectionSettings; project?: ProjectModel }> {
  const { path, dsn, wantModel } = request;
  let project: ProjectModel | undefined;
  let root: string | undefined;
  try {
    root = detectRoot(path).root;
  } catch (error) {
    if (!(error instanceof NotMagentoProjectError) || !dsn) throw error;
  }
  if (root && (wantModel || !dsn)) project = await loadProject(root);
  else if (root && dsn) project = await loadProject(root).catch(() => undefined);
  let settings: ConnectionSettings;
  if (dsn) {
    settings = settingsFromDsn(dsn);
  } else {
    settings = await settingsFromEnvPhp(root!);
  }
  return { settings, ...(project ? { project } : {}) };
}

/** A snapshot file written by `mageup db snapshot`: unreadable, not JSON or not a snapshot is a DbError naming it. */
export function readSnapshotFile(file: string): DbSnapshot {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new DbError('bad-input', `${file} could not be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new DbError('bad-input', `${file} is not valid JSON (${(error as Error).message})`);
  }
  return asSnapshot(value, file);
}
