import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ComposerPackage } from '../../project/model.js';
import { moduleFixture, projectFixture } from '../../rules/testing.js';
import { renderAuditHtml } from '../html/render-audit-html.js';
import { buildAuditReport } from './audit-report.js';
import { renderAuditMarkdown } from './render-markdown.js';
import { renderAuditText } from './render-text.js';

const pkg = (name: string, over: Partial<ComposerPackage> = {}): ComposerPackage => ({
  name,
  version: '1.0.0',
  type: 'magento2-module',
  source: 'third-party',
  license: [],
  require: {},
  ...over,
});

// Shaped on UglyWillDuckling/magento23 (2.3.2, vendor/ not committed): the summary said "19 not from Magento" while
// the module section listed 30, and the extension section listed only Magento's bundled Klarna, Amazon, MSP.
test("Magento's bundled packages and their config.php-only modules are not 'not from Magento'; every format counts alike", () => {
  const model = projectFixture({
    packages: [
      pkg('klarna/module-core', { ownership: 'bundled', bundled: true }),
      pkg('symfony/console', { type: 'library', ownership: 'bundled', bundled: true }),
      pkg('mirasvit/module-search', { ownership: 'third-party', path: 'vendor/mirasvit/module-search' }),
    ],
    modules: [
      moduleFixture('Klarna_Core', {}, { location: 'unknown', path: '', package: 'klarna/module-core' }),
      moduleFixture(
        'Mirasvit_Search',
        {},
        { location: 'vendor', path: 'vendor/mirasvit/module-search', package: 'mirasvit/module-search' },
      ),
      moduleFixture('Acme_Shop'),
    ],
  });
  const report = buildAuditReport(model);
  assert.equal(report.summary.customModules, 2);
  assert.deepEqual(
    report.modules.filter((m) => m.notFromMagento).map((m) => m.name),
    ['Mirasvit_Search', 'Acme_Shop'],
  );
  const text = renderAuditText(report, { color: false });
  assert.match(text, /2 not from Magento/);
  assert.match(text, /Modules not from Magento \(2 of 3\)/);
  assert.match(text, /Extensions not from Magento \(1;/);
  assert.doesNotMatch(text, /klarna\/module-core|Klarna_Core/);
  const md = renderAuditMarkdown(report);
  assert.match(md, /## Modules not from Magento \(2\)/);
  assert.match(md, /## Extensions not from Magento \(1\)/);
  const html = renderAuditHtml(report);
  assert.match(html, /Modules not from Magento \(2\)/);
  assert.match(html, /Packages not from Magento \(1\)/);
});

// Shaped on the same 2.3.2 project: "Packages: … 194 third-party" counted laminas, symfony, Klarna… by their
// repository, while every list already left them out as Magento's.
test("the package counts call what Magento's metapackage brings bundled, not third-party, in every format", () => {
  const model = projectFixture({
    packages: [
      pkg('magento/framework', { type: 'magento2-library', source: 'core', ownership: 'core' }),
      pkg('laminas/laminas-http', { type: 'library', ownership: 'bundled', bundled: true }),
      pkg('klarna/module-core', { ownership: 'bundled', bundled: true }),
      pkg('mirasvit/module-search', { ownership: 'third-party' }),
      pkg('league/csv', { type: 'library', ownership: 'library' }),
    ],
  });
  const report = buildAuditReport(model);
  assert.deepEqual(report.summary.packagesBySource, { bundled: 2, core: 1, 'third-party': 2 });
  assert.match(renderAuditText(report, { color: false }), /Packages: 5 \(2 bundled, 1 core, 2 third-party\)/);
  assert.match(renderAuditMarkdown(report), /- Packages: 5 \(2 bundled, 1 core, 2 third-party\)/);
  assert.match(renderAuditHtml(report), /2 bundled, 1 core, 2 third-party/);
});

// Same 2.3.2 project: "N third-party PHP/phtml files" counted the code of Klarna, Amazon, Vertex, dotdigital — which
// the product metapackage brings and `check` leaves out unless --include-bundled — while the package counts call
// those packages bundled.
test("the code file count calls the files of Magento's bundled extensions bundled, as the package counts, in every format", () => {
  const model = projectFixture({
    packages: [
      pkg('klarna/module-core', { ownership: 'bundled', bundled: true, path: 'vendor/klarna/module-core' }),
      pkg('mirasvit/module-search', { ownership: 'third-party', path: 'vendor/mirasvit/module-search' }),
    ],
    codeFiles: [
      { file: 'app/code/Acme/Foo/registration.php', package: null, module: 'Acme_Foo', origin: 'custom' },
      {
        file: 'vendor/klarna/module-core/registration.php',
        package: 'klarna/module-core',
        module: null,
        origin: 'vendor',
      },
      {
        file: 'vendor/klarna/module-core/Model/Api.php',
        package: 'klarna/module-core',
        module: null,
        origin: 'vendor',
      },
      {
        file: 'vendor/mirasvit/module-search/registration.php',
        package: 'mirasvit/module-search',
        module: null,
        origin: 'vendor',
      },
    ],
  });
  const report = buildAuditReport(model);
  assert.deepEqual(report.summary.codeFiles, { custom: 1, vendor: 1, bundled: 2 });
  const line =
    "1 custom and 1 third-party PHP/phtml files (2 more in Magento's bundled extensions, checked only with --include-bundled)";
  assert.ok(renderAuditText(report, { color: false }).includes(`Code under check: ${line}`));
  assert.ok(renderAuditMarkdown(report).includes(`- Code under check: ${line}`));
  assert.ok(renderAuditHtml(report).includes(line.replace("'", '&#39;')));
  // Without bundled code the key is absent and the line unchanged.
  const plain = buildAuditReport(projectFixture({ codeFiles: model.codeFiles!.slice(0, 1) }));
  assert.deepEqual(plain.summary.codeFiles, { custom: 1, vendor: 0 });
});
