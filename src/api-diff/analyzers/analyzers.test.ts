import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { renderApiDiffText, runApiDiff } from '../index.js';

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'mageup-api-diff-files-'));
  for (const [path, body] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), body);
  }
  return root;
}

/** The report's rows for files other than PHP, as `target | reason | code`. */
async function rows(before: Record<string, string>, after: Record<string, string>): Promise<string[]> {
  const report = await runApiDiff(tree(before), tree(after));
  return report.fileChanges.map((o) => `${o.level} ${o.target} | ${o.reason} | ${o.code}`).sort();
}

const MFTF = 'Acme/Shop/Test/Mftf';

describe('api-diff: files other than PHP', () => {
  it('MFTF: action groups, their actions and arguments, and tests added or removed', async () => {
    const ag = (body: string) => `<actionGroups><actionGroup name="Login">${body}</actionGroup></actionGroups>`;
    const found = await rows(
      {
        [`${MFTF}/ActionGroup/login.xml`]: ag(
          '<arguments><argument name="user" type="string"/></arguments><click stepKey="a" selector="#a"/><fillField stepKey="b" selector="#b"/>',
        ),
        [`${MFTF}/Test/old.xml`]: '<tests><test name="OldTest"><click stepKey="x"/></test></tests>',
      },
      {
        [`${MFTF}/ActionGroup/login.xml`]: ag(
          '<arguments><argument name="user" type="entity"/><argument name="pass"/></arguments><click stepKey="a" selector="#a2"/><click stepKey="c"/>',
        ),
        [`${MFTF}/Test/new.xml`]: '<tests><test name="NewTest"><click stepKey="x"/></test></tests>',
      },
    );
    assert.deepEqual(found, [
      'MAJOR Shop/ActionGroup/Login/b | <actionGroup> <action> was removed | M202',
      'MAJOR Shop/ActionGroup/Login/pass | <actionGroup> <argument> was added | M227',
      'MAJOR Shop/ActionGroup/Login/user/type | <actionGroup> <argument> was changed | M203',
      'MAJOR Shop/Test/OldTest | <test> was removed | M218',
      'MINOR Shop/ActionGroup/Login/c | <actionGroup> <action> was added | M226',
      'MINOR Shop/Test/NewTest | <test> was added | M237',
      'PATCH Shop/ActionGroup/Login/a/selector | <actionGroup> <action> was changed | M204',
    ]);
    const text = renderApiDiffText(
      await runApiDiff(
        tree({ [`${MFTF}/Test/old.xml`]: '<tests><test name="OldTest"/></tests>' }),
        tree({ [`${MFTF}/Test/other.xml`]: '<tests/>' }),
      ),
    );
    assert.match(
      text,
      /Mftf \(MAJOR\)\n\| MAJOR \| \S+\/Test\/old\.xml:0 \| Shop\/Test\/OldTest \| <test> was removed \| M218 \|/,
    );
    assert.match(text, /Major change is detected\./);
  });
});
