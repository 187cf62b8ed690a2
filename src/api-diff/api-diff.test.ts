import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ApiDiffInputError, renderApiDiffJson, renderApiDiffMarkdown, renderApiDiffText, runApiDiff } from './index.js';

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'mageup-api-diff-'));
  for (const [path, body] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), body);
  }
  return root;
}

const api = (body: string): string =>
  `<?php\nnamespace Acme\\Lib;\n\n/**\n * @api\n */\nclass Service\n{\n${body}\n}\n`;
const plain = (body: string): string => `<?php\nnamespace Acme\\Lib;\n\nclass Helper\n{\n${body}\n}\n`;

describe('api-diff', () => {
  it('gives SVC codes and levels, and dampens changes outside @api to PATCH', async () => {
    const before = tree({
      'Service.php': api('    public function run(int $a) {}\n    public function gone() {}'),
      'Helper.php': plain('    public function old() {}'),
    });
    const after = tree({
      'Service.php': api('    public function run(int $a, $b) {}\n    public function added($x = 1) {}'),
      'Helper.php': plain('    public function fresh() {}'),
    });
    const report = await runApiDiff(before, after);
    const text = renderApiDiffText(report);
    assert.match(text, /Acme\\Lib\\Service::run\s+\| \[public\] Method parameter added\. \| V010 \|/);
    assert.match(text, /Acme\\Lib\\Service::gone\s+\| \[public\] Method has been removed\. \| V006 \|/);
    assert.match(text, /Acme\\Lib\\Service::added\s+\| \[public\] Method has been added\. \| V015 \|/);
    assert.match(text, /Class \(PATCH\)\n\s+Acme\\Lib\\Helper::fresh/);
    assert.equal(report.level, 'MAJOR');
    assert.match(text, /Major change is detected\./);
    const json = JSON.parse(renderApiDiffJson(report)) as { level: string; lines: { code: string }[] };
    assert.equal(json.level, 'MAJOR');
    assert.ok(json.lines.some((l) => l.code === 'V010'));
    assert.match(renderApiDiffMarkdown(report), /\| MAJOR \| class \| Acme\\\\Lib\\\\Service::run \|/);
  });

  it('needs MINOR for an optional parameter and PATCH for a body-only change', async () => {
    const minor = await runApiDiff(
      tree({ 'Service.php': api('    public function run($a) {}') }),
      tree({ 'Service.php': api('    public function run($a, $b = null) {}') }),
    );
    assert.equal(minor.level, 'MINOR');
    assert.equal(minor.changes[0]?.svc[0]?.code, 'M102');
    const patch = await runApiDiff(
      tree({ 'Service.php': api('    public function run($a) { return 1; }') }),
      tree({ 'Service.php': api('    public function run($a) { return 2; }') }),
    );
    assert.equal(patch.level, 'PATCH');
    assert.equal(patch.changes[0]?.svc[0]?.code, 'V023');
  });

  it('counts a comment-only change as PATCH but no API change, and whitespace as nothing', async () => {
    const comment = await runApiDiff(
      tree({ 'Service.php': api('    public function run() {}') }),
      tree({ 'Service.php': api('    // note\n    public function run() {}') }),
    );
    assert.deepEqual([comment.apiLevel, comment.level], ['NONE', 'PATCH']);
    const spaces = await runApiDiff(
      tree({ 'Service.php': api('    public function run() {}') }),
      tree({ 'Service.php': api('\n    public function run()   {}\n') }),
    );
    assert.deepEqual([spaces.apiLevel, spaces.level, spaces.filesChanged], ['NONE', 'NONE', 0]);
  });

  it('says which operand it cannot read', async () => {
    await assert.rejects(runApiDiff('9.9.9', '2.4.7'), /"9\.9\.9" is neither a directory nor an indexed release/);
    await assert.rejects(runApiDiff('/nonexistent/path', '2.4.7'), (error: Error) => {
      assert.ok(error instanceof ApiDiffInputError);
      assert.match(error.message, /\/nonexistent\/path: no such directory/);
      return true;
    });
  });
});
