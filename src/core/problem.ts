/**
 * Something MageUp could not read or understand in the analysed input (bad JSON, broken XML, unparsable PHP,
 * unreadable file…). Problems never stop a scan; they are listed in every output and set the exit code.
 */
export interface Problem {
  /** Stable machine code, e.g. `json-invalid`, `xml-invalid`, `php-syntax`, `file-too-large`, `symlink-loop`. */
  code: string;
  /** `error`: something is missing from the result because of this; `warning`: result complete but suspicious. */
  level: 'error' | 'warning';
  /** Path relative to the analysed root, forward slashes, when the problem concerns a file. */
  file?: string;
  line?: number;
  message: string;
}

/** Collects problems during a scan, in a deterministic order when read back. */
export class ProblemLog {
  private readonly items: Problem[] = [];

  add(problem: Problem): void {
    this.items.push(problem);
  }

  get all(): Problem[] {
    return [...this.items].sort(
      (a, b) =>
        (a.file ?? '').localeCompare(b.file ?? '') || (a.line ?? 0) - (b.line ?? 0) || a.code.localeCompare(b.code),
    );
  }

  get size(): number {
    return this.items.length;
  }
}
