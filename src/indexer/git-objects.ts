import { execFileSync, spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';

export interface TreeEntry {
  mode: string;
  type: string;
  sha: string;
  path: string;
}

/**
 * Reads a bare git repository without a work tree: one long-lived `git cat-file --batch` answers object requests in
 * order, so reading tens of thousands of files costs one process. Used to index fetched snapshots of Magento trees
 * straight from their objects (no checkout of 70 trees). Absent objects (partial snapshots) read as null.
 */
export class GitObjects {
  private proc: ChildProcessWithoutNullStreams | undefined;
  private buffer: Buffer = Buffer.alloc(0);
  private readonly waiting: ((value: Buffer | null) => void)[] = [];

  constructor(readonly gitDir: string) {}

  /** Content of an object given by sha or `rev:path`; null when absent. */
  read(object: string): Promise<Buffer | null> {
    const proc = this.start();
    return new Promise((resolve) => {
      this.waiting.push(resolve);
      proc.stdin.write(`${object}\n`);
    });
  }

  async readText(object: string): Promise<string | null> {
    const bytes = await this.read(object);
    return bytes ? bytes.toString('utf8') : null;
  }

  /** Entries of a tree (`rev:path` or tree sha); recursive lists blobs under it with paths relative to it. */
  lsTree(treeish: string, recursive = false): TreeEntry[] {
    const output = execFileSync('git', ['-C', this.gitDir, 'ls-tree', '-z', ...(recursive ? ['-r'] : []), treeish], {
      maxBuffer: 1 << 30,
    }).toString('utf8');
    return output
      .split('\0')
      .filter(Boolean)
      .map((line) => {
        const tab = line.indexOf('\t');
        const [mode = '', type = '', sha = ''] = line.slice(0, tab).split(' ');
        return { mode, type, sha, path: line.slice(tab + 1) };
      });
  }

  revParse(rev: string): string | null {
    try {
      return execFileSync('git', ['-C', this.gitDir, 'rev-parse', '--verify', '--quiet', rev]).toString('utf8').trim();
    } catch {
      return null;
    }
  }

  refs(pattern: string): string[] {
    return execFileSync('git', ['-C', this.gitDir, 'for-each-ref', '--format=%(refname:short)', pattern])
      .toString('utf8')
      .split('\n')
      .filter(Boolean);
  }

  /** The oldest commit reachable from a ref (for a branch of daily snapshots: the first one). */
  firstCommit(ref: string): string {
    const all = execFileSync('git', ['-C', this.gitDir, 'rev-list', '--reverse', ref], { maxBuffer: 1 << 26 });
    return all.toString('utf8').split('\n')[0]!.trim();
  }

  commitDate(rev: string): string {
    return execFileSync('git', ['-C', this.gitDir, 'log', '-1', '--format=%cI', rev]).toString('utf8').trim();
  }

  close(): void {
    this.proc?.stdin.end();
    this.proc = undefined;
  }

  private start(): ChildProcessWithoutNullStreams {
    if (this.proc) return this.proc;
    const proc = spawn('git', ['-C', this.gitDir, 'cat-file', '--batch'], { stdio: ['pipe', 'pipe', 'pipe'] });
    proc.stdout.on('data', (chunk: Buffer) => {
      this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
      this.drain();
    });
    this.proc = proc;
    return proc;
  }

  private drain(): void {
    for (;;) {
      const nl = this.buffer.indexOf(10);
      if (nl < 0) return;
      const header = this.buffer.subarray(0, nl).toString('utf8');
      if (header.endsWith(' missing') || header.endsWith(' ambiguous')) {
        this.buffer = this.buffer.subarray(nl + 1);
        this.waiting.shift()?.(null);
        continue;
      }
      const size = Number(header.split(' ')[2]);
      if (this.buffer.length < nl + 1 + size + 1) return;
      const content = Buffer.from(this.buffer.subarray(nl + 1, nl + 1 + size));
      this.buffer = this.buffer.subarray(nl + 1 + size + 1);
      this.waiting.shift()?.(content);
    }
  }
}
