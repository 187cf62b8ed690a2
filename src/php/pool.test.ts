import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeFiles, splitIntoBatches, type FileToAnalyze } from './pool.js';

function fixture(): { root: string; files: FileToAnalyze[] } {
  const root = mkdtempSync(join(tmpdir(), 'mageup-pool-'));
  const write = (name: string, content: string | Buffer): FileToAnalyze => {
    writeFileSync(join(root, name), content);
    return { path: join(root, name), file: name };
  };
  const files = [
    write('Good.php', '<?php\nnamespace V;\nclass Good { public function f(): int { return 1; } }\n'),
    write('Broken.php', '<?php\nclass Broken {\n  public function f( {\n}\nclass Later {}\n'),
    write('._Good.php', Buffer.from([0, 5, 22, 7, 0, 2, 0, 0, 77, 97, 99])),
    write('Big.php', '<?php\n' + '// padding\n'.repeat(200)),
    { path: join(root, 'Missing.php'), file: 'Missing.php' },
    write('view.phtml', '<?php /** @var \\V\\Block $block */ ?>\n<p><?= $block->getName() ?></p>\n'),
  ];
  return { root, files };
}

test('analyses files inline (1 worker) and reports each bad file as a problem', async () => {
  const { root, files } = fixture();
  try {
    const progress: number[] = [];
    const { results, problems } = await analyzeFiles(files, {
      workers: 1,
      cacheDir: false,
      maxFileBytes: 1000,
      onProgress: (done, total) => progress.push(done / total),
    });
    assert.deepEqual(
      results.map((r) => r.file),
      ['Good.php', 'Broken.php', 'view.phtml'],
    );
    assert.equal(results[0]!.classes[0]!.name, 'V\\Good');
    assert.ok(results[1]!.errors.length > 0);
    assert.ok(
      results[1]!.classes.some((c) => c.name === 'Later'),
      'partial analysis of the broken file',
    );
    assert.equal(results[2]!.templateBlockClass, 'V\\Block');
    assert.deepEqual(
      problems.map((p) => [p.code, p.file, p.level]),
      [
        ['php-syntax', 'Broken.php', 'warning'],
        ['file-binary', '._Good.php', 'warning'],
        ['file-too-large', 'Big.php', 'warning'],
        ['file-unreadable', 'Missing.php', 'error'],
      ],
    );
    for (const p of problems) assert.ok(p.message.includes(p.file!), `message names the file: ${p.message}`);
    assert.equal(problems[0]!.line, 3);
    assert.equal(progress.at(-1), 1);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('a second run is served from the content-hash cache', async () => {
  const { root, files } = fixture();
  const cacheDir = join(root, '.cache');
  try {
    const first = await analyzeFiles(files, { workers: 1, cacheDir, maxFileBytes: 1000 });
    const entries = readdirSync(cacheDir, { recursive: true }).filter((e) => String(e).endsWith('.json'));
    assert.equal(entries.length, 1, 'one entry for the one batch');
    // Prove the second run reads the cache: alter the entry and see the alteration come back.
    const path = join(cacheDir, String(entries[0]));
    const cached = JSON.parse(readFileSync(path, 'utf8')) as { results: { namespaces: string[] }[] };
    cached.results[0]!.namespaces = ['FromCache'];
    writeFileSync(path, JSON.stringify(cached));
    const second = await analyzeFiles(files, { workers: 1, cacheDir, maxFileBytes: 1000 });
    assert.deepEqual(second.results[0]!.namespaces, ['FromCache']);
    assert.equal(second.results[0]!.file, 'Good.php');
    assert.deepEqual(second.problems, first.problems);
    // The mode is part of the key: a declarations-only run does not reuse full analyses.
    const decl = await analyzeFiles(files, { workers: 1, cacheDir, maxFileBytes: 1000, declarationsOnly: true });
    assert.deepEqual(decl.results[0]!.namespaces, ['V']);
    // A changed file is a miss: it is analysed again.
    writeFileSync(files[0]!.path, '<?php namespace Changed; class Good {}');
    const changed = await analyzeFiles(files, { workers: 1, cacheDir, maxFileBytes: 1000 });
    assert.deepEqual(changed.results[0]!.namespaces, ['Changed']);
    // A corrupt entry is ignored, never trusted.
    for (const entry of readdirSync(cacheDir, { recursive: true })) {
      if (String(entry).endsWith('.json')) writeFileSync(join(cacheDir, String(entry)), '{not json');
    }
    const third = await analyzeFiles(files, { workers: 1, cacheDir, maxFileBytes: 1000 });
    assert.deepEqual(third.results[0]!.namespaces, ['Changed']);
    assert.deepEqual(third.problems, first.problems);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('worker threads give the same results as inline analysis, in input order', async () => {
  const root = mkdtempSync(join(tmpdir(), 'mageup-pool-'));
  try {
    mkdirSync(join(root, 'src'));
    const files: FileToAnalyze[] = [];
    for (let i = 0; i < 200; i++) {
      const name = `src/C${i}.php`;
      writeFileSync(
        join(root, name),
        `<?php\nnamespace N;\nuse Dep\\D${i};\nclass C${i} { public function __construct(D${i} $d) {} }\n`,
      );
      files.push({ path: join(root, name), file: name });
    }
    const inline = await analyzeFiles(files, { workers: 1, cacheDir: false });
    const pooled = await analyzeFiles(files, { workers: 2, cacheDir: false });
    assert.equal(pooled.results.length, 200);
    assert.deepEqual(pooled, inline);
    assert.equal(pooled.results[7]!.classes[0]!.name, 'N\\C7');
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('batch boundaries depend on paths: adding a file changes only its own batch', () => {
  const names = Array.from({ length: 2000 }, (_, i) => ({ file: `app/code/V/M/Model/File${i}.php` }));
  const before = splitIntoBatches(names);
  assert.ok(before.length > 20 && before.length < 200, `${before.length} batches`);
  assert.ok(before.every((b) => b.length <= 160));
  const after = splitIntoBatches([
    ...names.slice(0, 1000),
    { file: 'app/code/V/M/Model/New.php' },
    ...names.slice(1000),
  ]);
  const key = (b: { file: string }[]) => b.map((f) => f.file).join('|');
  const unchanged = new Set(before.map(key));
  const changed = after.filter((b) => !unchanged.has(key(b)));
  assert.ok(changed.length <= 2, `${changed.length} batches changed`);
});
