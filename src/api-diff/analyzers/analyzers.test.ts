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

  it('db_schema: tables, columns, keys, and the whitelist reduced or missing a table', async () => {
    const schema = (body: string) => `<schema>${body}</schema>`;
    const table = (name: string, cols: string) => `<table name="${name}" resource="default">${cols}</table>`;
    const found = await rows(
      {
        'Acme/Shop/etc/db_schema.xml': schema(
          table(
            'acme_a',
            '<column name="id"/><column name="old"/><constraint referenceId="PRIMARY"><column name="id"/></constraint>',
          ) + table('acme_gone', '<column name="id"/>'),
        ),
        'Acme/Shop/etc/db_schema_whitelist.json': JSON.stringify({
          acme_a: { column: { id: true, old: true } },
          acme_gone: { column: { id: true } },
        }),
      },
      {
        'Acme/Shop/etc/db_schema.xml': schema(
          table(
            'acme_a',
            '<column name="id"/><column name="new"/><constraint referenceId="PRIMARY"><column name="new"/></constraint>',
          ) + table('acme_b', '<column name="id"/>'),
        ),
        'Acme/Shop/etc/db_schema_whitelist.json': JSON.stringify({ acme_a: { column: { id: true, new: true } } }),
      },
    );
    // SVC reports a changed key from each side (its before and after file)
    assert.deepEqual(found, [
      'MAJOR acme_a/PRIMARY | Primary key was changed | M206',
      'MAJOR acme_a/PRIMARY | Primary key was changed | M206',
      'MAJOR acme_a/column/old | Module db schema whitelist reduced (acme_a/column/old). | M110',
      'MAJOR acme_a/old | Column was removed | M107',
      'MAJOR acme_gone | Module db schema whitelist reduced (acme_gone). | M110',
      'MAJOR acme_gone | Table was dropped | M104',
      'MINOR acme_a/new | Column was added | M203',
      'MINOR acme_b | Table was added | M202',
      'MINOR acme_b | Whitelist do not have table acme_b declared in db_schema.xml | M109',
    ]);
  });

  it('di.xml, layout and system.xml: what SVC calls removed, changed or added', async () => {
    const found = await rows(
      {
        'Acme/Shop/etc/di.xml': '<config><virtualType name="A" type="X"/><virtualType name="B" type="Y"/></config>',
        'Acme/Shop/view/frontend/layout/default.xml':
          '<page><body><referenceContainer name="content"><container name="c1"><block name="b1"/></container></referenceContainer><update handle="h1"/></body></page>',
        'Acme/Shop/etc/adminhtml/system.xml':
          '<config><system><section id="s"><group id="g"><field id="f1"/></group></section></system></config>',
      },
      {
        'Acme/Shop/etc/di.xml': '<config><virtualType name="A" type="\\X"/><virtualType name="B" type="Z"/></config>',
        'Acme/Shop/view/frontend/layout/default.xml': '<page><body/></page>',
        'Acme/Shop/etc/adminhtml/system.xml':
          '<config><system><section id="s"><group id="g"><field id="f2"/></group></section></system></config>',
      },
    );
    assert.deepEqual(found, [
      'MAJOR b1 | Block was removed | M220',
      'MAJOR c1 | Container was removed | M221',
      'MAJOR h1 | An Update was removed | M222',
      'MAJOR s/g/f1 | A field-node was removed | M303',
      'MAJOR type | Virtual Type was changed | M201',
      'MINOR s/g/f2 | A field-node was added | M302',
    ]);
  });

  it('XSD and LESS: required and optional nodes, variables, mixins and their parameters', async () => {
    const xsd = (body: string) => `<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">${body}</xs:schema>`;
    const found = await rows(
      {
        'Acme/Shop/etc/conf.xsd': xsd('<xs:element name="keep" type="t"/><xs:element name="gone" type="t"/>'),
        'Acme/Shop/view/frontend/web/css/source/_module.less': '@gap: 1px;\n@old: 2px;\n.box(@a) { margin: @a; }\n',
        'Acme/Shop/view/base/web/css/_mixins.less': '.pad(@a) { padding: @a; }\n',
      },
      {
        'Acme/Shop/etc/conf.xsd': xsd(
          '<xs:element name="keep" type="t"/><xs:element name="req" type="t"/><xs:element name="opt" type="t" minOccurs="0"/><xs:attribute name="at" type="s" use="required"/>',
        ),
        'Acme/Shop/view/frontend/web/css/source/_module.less': '@gap: 1px;\n.box(@a) { margin: @a; }\n',
        'Acme/Shop/view/base/web/css/_mixins.less': '.pad(@a; @b: 0) { padding: @a @b; }\n',
      },
    );
    assert.deepEqual(found, [
      'MAJOR .pad:@b | A parameter was added to the mixin-node | M403',
      'MAJOR @old | A less variable-node was removed | M400',
      'MAJOR at | A required attribute was added | M0136',
      'MAJOR gone | A node was removed | M0137',
      'MAJOR req | A required node was added | M0135',
      'MINOR opt | An optional node was added | M0133',
    ]);
  });
});
