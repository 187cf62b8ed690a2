import { statSync } from 'node:fs';
import { join } from 'node:path';
import type { Problem } from '../core/problem.js';
import { jsonErrorPosition } from './json-error.js';
import { parseXml } from './xml.js';
import type { XmlElement } from './xml.js';
import { readTextFile } from './walk.js';

/** Progress of a `loadProject()` run, for progress bars: phases in order, with counts where they are known. */
export interface LoadProgress {
  phase: 'root' | 'composer' | 'modules' | 'customizations' | 'themes' | 'config' | 'code-files' | 'done';
  done?: number;
  total?: number;
}

/** Shared state of one `loadProject()` run: the root, the problems found so far, and file readers that report. */
export class LoadContext {
  readonly problems: Problem[] = [];

  constructor(
    readonly root: string,
    private readonly onProgress?: (e: LoadProgress) => void,
  ) {}

  abs(relPath: string): string {
    return join(this.root, relPath);
  }

  progress(e: LoadProgress): void {
    this.onProgress?.(e);
  }

  problem(p: Problem): void {
    this.problems.push(p);
  }

  /** Text of a root-relative file; undefined when missing (silently) or unreadable (reported). */
  readText(relPath: string): string | undefined {
    const result = readTextFile(this.abs(relPath), this.root, this.problems);
    return result.ok ? result.text : undefined;
  }

  /** True when a regular file (or a link to one) exists at the root-relative path. Reads nothing. */
  exists(relPath: string): boolean {
    try {
      return statSync(this.abs(relPath)).isFile();
    } catch {
      return false;
    }
  }

  /** Parsed JSON of a root-relative file; undefined when missing or invalid (invalid is reported with its line). */
  readJson(relPath: string): unknown {
    const text = this.readText(relPath);
    if (text === undefined) return undefined;
    try {
      return JSON.parse(text) as unknown;
    } catch (e) {
      const raw = e instanceof Error ? e.message : String(e);
      const { line, column } = jsonErrorPosition(text);
      // Newer Node versions quote the document in the message: drop the quote (composer.json may hold credentials).
      // Positions are given as line and column by our own scan, so Node's "at position N" goes too.
      const message = raw
        .replace(/,\s*"[\s\S]*" is not valid JSON$/, '')
        .replace(/\s*(in JSON )?at position \d+( \(line \d+ column \d+\))?$/, '')
        .slice(0, 120);
      this.problem({
        code: 'json-invalid',
        level: 'error',
        file: relPath,
        line,
        message: `${relPath}:${line}:${column}: not valid JSON (${message}); its content is ignored`,
      });
      return undefined;
    }
  }

  /** Root element of a root-relative XML file; undefined when missing or malformed (malformed is reported). */
  readXml(relPath: string): XmlElement | undefined {
    const text = this.readText(relPath);
    if (text === undefined) return undefined;
    const result = parseXml(text);
    if (result.ok) return result.root;
    this.problem({
      code: 'xml-invalid',
      level: 'error',
      file: relPath,
      line: result.line,
      message: `${relPath}:${result.line}: malformed XML (${result.message}); this file is skipped`,
    });
    return undefined;
  }
}

/** Narrowing helpers for untyped JSON. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function stringMap(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isRecord(value)) return out;
  for (const [k, v] of Object.entries(value)) if (typeof v === 'string') out[k] = v;
  return out;
}

export function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
