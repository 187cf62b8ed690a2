// A generated pair of vendor trees (test/fixtures/vendor-pair) run through every override and conflict rule: each
// warning type of ampersand's upgrade-patch-helper comes out, with upstream diffs from the two trees.
import { strict as assert } from 'node:assert';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Finding } from '../src/core/finding.js';
import { createSymbolIndex } from '../src/knowledge/memory-symbol-index.js';
import { gitBlobHash, releaseFilesFromVendor } from '../src/check/files/release-files.js';
import { analyzePhp } from '../src/php/index.js';
import type { CodeUnit } from '../src/rules/rule.js';
import { rules as conflictRules } from '../src/rules/conflicts/index.js';
import { rules as overrideRules } from '../src/rules/overrides/index.js';
import { missingClass } from '../src/rules/php-api/missing-class.js';
import { createCoreTableChangedRule } from '../src/rules/db-schema/core-table-changed.js';
import { dbSchemaIndexFromVendorTrees } from '../src/check/files/db-schema-from-vendor.js';
import { projectFixture, releaseFixture, runRule } from '../src/rules/testing.js';
import { pairModules, pairTheme, projectFiles, vendorPhp, writeVendorPair } from './fixtures/vendor-pair/pair.js';

describe('override rules on a generated pair of vendor trees', () => {
  let root: string;
  const findings: Finding[] = [];

  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'mageup-vendor-pair-'));
    const dirs = writeVendorPair(root);
    const symbols = async (files: Record<string, string>, version: string) =>
      createSymbolIndex([
        {
          package: 'magento/module-foo',
          version,
          classes: (await Promise.all(Object.entries(files).map(([f, s]) => analyzePhp(s, f)))).flatMap(
            (a) => a.classes,
          ),
          functions: [],
        },
      ]);
    const code: CodeUnit[] = [];
    for (const [file, source] of Object.entries(projectFiles)) {
      if (!file.endsWith('.php')) continue;
      code.push({ analysis: await analyzePhp(source, file), package: null, module: 'Acme_Foo', origin: 'custom' });
    }
    const context = {
      project: projectFixture({ root: dirs.project, themes: [pairTheme], modules: pairModules }),
      current: { release: releaseFixture('2.4.6-p3'), symbols: await symbols(vendorPhp.before, '100.0.1') },
      target: { symbols: await symbols(vendorPhp.after, '100.0.2') },
      code,
      files: {
        current: releaseFilesFromVendor(dirs.before, 'before'),
        target: releaseFilesFromVendor(dirs.after, 'after'),
        // Like the real file context: undefined for a file the project does not have.
        projectHash: (file: string) =>
          existsSync(join(dirs.project, file)) ? gitBlobHash(readFileSync(join(dirs.project, file))) : undefined,
      },
    };
    for (const rule of [...overrideRules, ...conflictRules, missingClass])
      findings.push(...(await runRule(rule, context)));
    // DB schema warnings are db-schema/core-table-changed's (not duplicated here), fed with the two trees.
    const schemaRule = createCoreTableChangedRule(() =>
      dbSchemaIndexFromVendorTrees({ dir: dirs.before, version: '2.4.6-p3' }, { dir: dirs.after, version: '2.4.8' }),
    );
    findings.push(...(await runRule(schemaRule, context)));
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  const has = (ruleId: string, file: string, pattern?: RegExp) =>
    assert.ok(
      findings.some((f) => f.ruleId === ruleId && f.file === file && (!pattern || pattern.test(f.message))),
      `no ${ruleId} on ${file}${pattern ? ` matching ${pattern}` : ''}; got:\n${findings.map((f) => `${f.ruleId} ${f.file}: ${f.message}`).join('\n')}`,
    );
  const theme = (p: string) => `app/design/frontend/Acme/shop/Magento_Foo/${p}`;

  it('WARN Preference: preference for a class whose code changed', () =>
    has('overrides/preference-changed', 'app/code/Acme/Foo/etc/di.xml', /Thing, whose code changed/));
  it('WARN Preference Removed: preference for a class the target removed, judged once by php-api/missing-class', () => {
    has('php-api/missing-class', 'app/code/Acme/Foo/etc/di.xml', /Magento\\Foo\\Model\\Legacy.*di\.xml preference/);
    const twice = findings.filter((f) => f.ruleId === 'overrides/preference-changed' && /Legacy/.test(f.message));
    assert.deepEqual(twice, [], 'the removed class is not a second, preference-changed finding');
  });
  it('WARN Plugin: changed body here; changed signature and final are judged once, by php-api/signature-mismatch', () => {
    has('overrides/plugin-target-changed', 'app/code/Acme/Foo/etc/di.xml', /afterGetName.*changed its code/);
    // The plugin's code is under check, so its fitness to the new signature (aroundSave) and to the final method
    // (beforeLoad) is php-api/signature-mismatch's finding (its own test: "plugins on removed, final, or re-signed
    // methods"), never a second one here.
    const plugin = findings.filter((f) => f.ruleId === 'overrides/plugin-target-changed');
    assert.ok(!plugin.some((f) => /aroundSave|beforeLoad/.test(f.message)), plugin.map((f) => f.message).join('\n'));
  });
  it('WARN Override (phtml): changed original, with the upstream diff from the two trees', () => {
    has('overrides/theme-template-changed', theme('templates/item.phtml'));
    const f = findings.find((x) => x.file === theme('templates/item.phtml'))!;
    assert.match(f.details ?? '', /^- {4}<\?= \$block->getName\(\) \?>$/m);
    assert.match(f.details ?? '', /^\+ {4}<\?= \$escaper->escapeHtml/m);
  });
  it('WARN Override resolved along the theme chain (Luma) and removed originals', () => {
    has('overrides/theme-template-changed', theme('templates/luma.phtml'), /frontend\/Magento\/luma/);
    has('overrides/theme-template-changed', theme('templates/gone.phtml'), /no longer has/);
  });
  it('WARN Override (js/html knockout), layout override and email template', () => {
    has('overrides/theme-web-changed', theme('web/js/widget.js'));
    has('overrides/theme-web-changed', theme('web/template/item.html'));
    has('overrides/theme-layout-changed', theme('layout/override/base/foo_index_index.xml'));
    has('overrides/theme-email-changed', theme('email/welcome.html'));
  });
  it('redundant override and an override with no original', () => {
    has('overrides/redundant-override', theme('templates/same.phtml'));
    has('overrides/no-original', theme('templates/brand-new.phtml'));
  });
  it('layout references to removed blocks and handles', () => {
    has('overrides/layout-reference-removed', theme('layout/foo_index_index.xml'), /"foo.old"/);
    has('overrides/layout-reference-removed', theme('layout/foo_index_index.xml'), /handle "foo_legacy"/);
    assert.ok(!findings.some((f) => f.message.includes('"foo.main"')), 'a container still declared is not reported');
  });
  it('requirejs mixins and map entries on changed or removed JS (module and lib/web)', () => {
    has(
      'overrides/requirejs-mixin-target',
      'app/code/Acme/Foo/view/frontend/requirejs-config.js',
      /js\/widget\.js changed/,
    );
    has('overrides/requirejs-mixin-target', 'app/code/Acme/Foo/view/frontend/requirejs-config.js', /old\.js is absent/);
    has(
      'overrides/requirejs-map-target',
      'app/code/Acme/Foo/view/frontend/requirejs-config.js',
      /lib\/web\/mage\/thing\.js changed/,
    );
  });
  it('WARN DB schema target changed (db-schema/core-table-changed on the two trees)', () =>
    has('db-schema/core-table-changed', 'app/code/Acme/Foo/etc/db_schema.xml', /foo_item/));
  it('INFO Queue consumer changed', () =>
    assert.ok(
      findings.some(
        (f) => f.ruleId === 'overrides/queue-consumer-changed' && /queue_consumer\.xml is changed/.test(f.message),
      ),
    ));
  it('INFO Setup Patch Data / Schema and Setup Script', () => {
    has('overrides/setup-patch', 'app/code/Acme/Foo/Setup/Patch/Data/AddThing.php');
    has('overrides/setup-patch', 'app/code/Acme/Foo/Setup/Patch/Schema/AddColumn.php');
    has('overrides/legacy-setup-script', 'app/code/Acme/Foo/Setup/InstallData.php');
  });
  it('around plugin that never calls $proceed', () =>
    has('conflicts/around-without-proceed', 'app/code/Acme/Foo/Plugin/ThingPlugin.php', /aroundSave\(\)/));
});
