import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { MageupError } from '../core/errors.js';
import type { SqlConnection } from '../history/sql.js';
import type { FleetProject } from './types.js';

/** Bad input to the registry (unknown name, duplicate, unreadable path): the message names the cause. */
export class FleetError extends MageupError {
  override name = 'FleetError';
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;
const TAG = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/;

/** A git remote: https/ssh URL or scp-like `git@host:org/repo.git`. */
export function isGitUrl(location: string): boolean {
  return /^(https?|ssh|git|file):\/\/.+/i.test(location) || /^[\w.-]+@[\w.-]+:.+/.test(location);
}

export function parseTags(value: string | string[] | undefined): string[] {
  const list = (Array.isArray(value) ? value : value ? [value] : []).flatMap((v) => v.split(','));
  const tags = [...new Set(list.map((t) => t.trim()).filter(Boolean))].sort();
  for (const tag of tags)
    if (!TAG.test(tag)) throw new FleetError(`--tags: "${tag}" is not a tag (letters, digits, . _ : -; at most 64)`);
  return tags;
}

export interface AddProject {
  name: string;
  location: string;
  tags?: string[];
  verifyUrl?: string;
  target?: string;
  /** Replace an existing entry of the same name. */
  replace?: boolean;
}

/** Registers a store. A path must exist now (it is stored absolute); a git URL is cloned by the worker. */
export async function addProject(db: SqlConnection, input: AddProject, now = new Date()): Promise<FleetProject> {
  if (!NAME.test(input.name))
    throw new FleetError(
      `"${input.name}" is not a fleet name: letters, digits, dot, dash, underscore; at most 100, starting with a letter or digit`,
    );
  const git = isGitUrl(input.location);
  const location = git ? input.location : resolve(input.location);
  if (!git && !(existsSync(location) && statSync(location).isDirectory()))
    throw new FleetError(`${location} is not a directory (give a project root or a git URL)`);
  if (input.verifyUrl !== undefined && !/^https?:\/\/[^\s]+$/i.test(input.verifyUrl))
    throw new FleetError(`--url: expected an http(s) URL, got "${input.verifyUrl}"`);
  const project: FleetProject = {
    name: input.name,
    location,
    kind: git ? 'git' : 'path',
    tags: input.tags ?? [],
    verifyUrl: input.verifyUrl ?? null,
    target: input.target ?? null,
    addedAt: now.toISOString(),
  };
  const values = [
    project.name,
    project.location,
    project.kind,
    project.tags,
    project.verifyUrl,
    project.target,
    project.addedAt,
  ];
  const sql = `INSERT INTO mageup_fleet_projects (name, location, kind, tags, verify_url, target, added_at)
               VALUES ($1, $2, $3, $4, $5, $6, $7)`;
  if (input.replace) {
    await db.query(
      `${sql} ON CONFLICT (name) DO UPDATE SET location = $2, kind = $3, tags = $4, verify_url = $5, target = $6`,
      values,
    );
  } else {
    const inserted = await db.query(`${sql} ON CONFLICT (name) DO NOTHING RETURNING name`, values);
    if (inserted.rows.length === 0)
      throw new FleetError(`the fleet already has a store named "${input.name}" (fleet remove it, or add --replace)`);
  }
  return project;
}

/** Registered stores by name; with `tags`, only those carrying every one of them. */
export async function listProjects(db: SqlConnection, opts: { tags?: string[] } = {}): Promise<FleetProject[]> {
  const tags = opts.tags ?? [];
  const rows = await db.query<ProjectRow>(
    `SELECT * FROM mageup_fleet_projects ${tags.length ? 'WHERE tags @> $1::text[]' : ''} ORDER BY name`,
    tags.length ? [tags] : [],
  );
  return rows.rows.map(toProject);
}

export async function getProject(db: SqlConnection, name: string): Promise<FleetProject> {
  const rows = await db.query<ProjectRow>('SELECT * FROM mageup_fleet_projects WHERE name = $1', [name]);
  const row = rows.rows[0];
  if (!row) throw new FleetError(`no store named "${name}" in the fleet (mageup fleet list shows them)`);
  return toProject(row);
}

/** Unregisters a store; its scans and runs stay in the history. */
export async function removeProject(db: SqlConnection, name: string): Promise<void> {
  const removed = await db.query('DELETE FROM mageup_fleet_projects WHERE name = $1 RETURNING name', [name]);
  if (removed.rows.length === 0)
    throw new FleetError(`no store named "${name}" in the fleet (mageup fleet list shows them)`);
}

interface ProjectRow {
  name: string;
  location: string;
  kind: string;
  tags: string[];
  verify_url: string | null;
  target: string | null;
  added_at: Date | string;
}

function toProject(r: ProjectRow): FleetProject {
  return {
    name: r.name,
    location: r.location,
    kind: r.kind === 'git' ? 'git' : 'path',
    tags: r.tags ?? [],
    verifyUrl: r.verify_url,
    target: r.target,
    addedAt: (r.added_at instanceof Date ? r.added_at : new Date(r.added_at)).toISOString(),
  };
}
