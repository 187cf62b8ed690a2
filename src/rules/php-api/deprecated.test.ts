import { test } from 'node:test';
import assert from 'node:assert/strict';
import { releaseFixture, runRule } from '../testing.js';
import { fixWith } from '../../fix/testing.js';
import { deprecated } from './deprecated.js';
import { classDecl, indexOf, indexOfPackages, method, unitOf } from './fixtures.js';

const target = indexOf([
  classDecl('Magento\\Framework\\Old', { deprecated: '2.4.7 use New', see: ['Magento\\Framework\\New'] }),
  classDecl('Magento\\Framework\\Going', { deprecated: 'will be removed in 2.5.0' }),
  classDecl('Magento\\Framework\\Svc', {
    methods: [method('legacy', { deprecated: '', see: ['we'] }), method('fine')],
  }),
]);

test('first use per file of deprecated classes and members, with UCT codes', async () => {
  const unit = await unitOf(
    'app/code/Acme/Shop/Model/A.php',
    `<?php
namespace Acme\\Shop\\Model;
use Magento\\Framework\\Old;
class A extends Old
{
    public function __construct(private \\Magento\\Framework\\Svc $svc) {}
    public function run() { $this->svc->legacy(); $this->svc->legacy(); $this->svc->fine(); }
}
`,
  );
  const findings = await runRule(deprecated, { code: [unit], target: { symbols: target } });
  // Advice without an announced removal costs no upgrade hours: the code keeps working on the target.
  assert.deepEqual(
    findings.map((f) => [f.line, f.uctCode, f.severity, f.effort?.hours]),
    [
      [3, 1132, 'info', 0],
      [7, 1439, 'info', 0],
    ],
  );
  assert.equal(findings[0]!.messageId, 'deprecated');
  assert.deepEqual(
    [findings[0]!.data?.label, findings[0]!.data?.declaredBy, findings[0]!.data?.note],
    [
      'class `Magento\\Framework\\Old`',
      'magento/framework',
      [{ messageId: 'deprecationNote', data: { text: '2.4.7 use New' } }],
    ],
  );
  assert.match(findings[0]!.message, / is deprecated in .*: 2\.4\.7 use New — /);
  assert.equal(findings[0]!.recommendationId, 'planMoveSee');
  assert.match(String(findings[0]!.data?.see), /^Magento\\Framework\\New/);
  // Prose after @see in an index built before it was filtered ("@see we don't recommend…") names no replacement.
  assert.equal(findings[1]!.recommendationId, 'planMove');
});

test('a deprecation that announces its removal is a warning with an hour to move away', async () => {
  const unit = await unitOf(
    'app/code/Acme/Shop/Model/B.php',
    `<?php
namespace Acme\\Shop\\Model;
class B extends \\Magento\\Framework\\Going {}
`,
  );
  const findings = await runRule(deprecated, { code: [unit], target: { symbols: target } });
  assert.deepEqual(
    findings.map((f) => [f.line, f.severity, f.messageId, f.effort?.hours]),
    [[3, 'warning', 'deprecatedRemovalAnnounced', 1]],
  );
});

test('an inherited deprecated method names the package that declares it, not the subclass package', async () => {
  const symbols = indexOfPackages([
    {
      package: 'magento/framework',
      version: '103.0.8',
      classes: [
        classDecl('Magento\\Framework\\Model\\AbstractModel', { methods: [method('save', { deprecated: '' })] }),
      ],
      functions: [],
    },
    {
      package: 'magento/module-catalog',
      version: '104.0.8',
      classes: [classDecl('Magento\\Catalog\\Model\\Product', { extends: 'Magento\\Framework\\Model\\AbstractModel' })],
      functions: [],
    },
  ]);
  const unit = await unitOf(
    'app/code/Acme/Shop/Model/B.php',
    `<?php
namespace Acme\\Shop\\Model;
class B
{
    public function run(\\Magento\\Catalog\\Model\\Product $product) { $product->save(); }
}
`,
  );
  const findings = await runRule(deprecated, { code: [unit], target: { symbols } });
  assert.equal(findings.length, 1);
  assert.equal(findings[0]!.messageId, 'deprecated');
  assert.deepEqual(
    [findings[0]!.data?.label, findings[0]!.data?.declaredBy],
    ['`Magento\\Framework\\Model\\AbstractModel::save()`', 'magento/framework'],
  );
});

test('fix: $block->escapeHtml() → $escaper->escapeHtml() in a 2.4 template, every call of the method; declines', async () => {
  const deprecatedEscape = { deprecated: '103.0.0 Use $escaper directly in templates and in blocks.' };
  const blocks = indexOf([
    classDecl('Magento\\Framework\\View\\Element\\AbstractBlock', {
      methods: [
        method('escapeHtml', deprecatedEscape),
        method('escapeUrl', deprecatedEscape),
        method('escapeJsQuote', deprecatedEscape),
      ],
    }),
    classDecl('Magento\\Framework\\View\\Element\\Template', {
      extends: 'Magento\\Framework\\View\\Element\\AbstractBlock',
    }),
  ]);
  const template = [
    '<?php',
    '/** @var \\Magento\\Framework\\View\\Element\\Template $block */',
    '// $block->escapeHtml() in a comment stays',
    '?>',
    '<h1><?= $block->escapeHtml($block->getTitle()) ?></h1>',
    '<a href="<?= $this->escapeUrl($block->getUrl()) ?>"><?= $block->escapeHtml(__("Go"), [\'b\']) ?></a>',
    "<script>var q = '<?= $block->escapeJsQuote('x') ?>';</script>",
    '',
  ].join('\r\n');
  const current = { release: releaseFixture('2.4.4'), symbols: blocks };
  const file = 'app/design/frontend/Acme/default/Magento_Theme/templates/x.phtml';
  const r = await fixWith(deprecated, file, template, { current, target: { symbols: blocks } });
  assert.equal(r.findings, 3);
  assert.deepEqual(r.fixes, [
    '$block->escapeHtml() → $escaper->escapeHtml() (2 calls in the template)',
    '$block->escapeUrl() → $escaper->escapeUrl() (1 call in the template)',
  ]);
  assert.deepEqual(
    r.declines,
    ['not a block escape method in a template'],
    'escapeJsQuote is deprecated on Escaper too',
  );
  assert.equal(r.remaining, 1);
  assert.equal(
    r.text,
    template
      .replace('<?= $block->escapeHtml($block->getTitle())', '<?= $escaper->escapeHtml($block->getTitle())')
      .replace('$this->escapeUrl(', '$escaper->escapeUrl(')
      .replace('$block->escapeHtml(__', '$escaper->escapeHtml(__'),
  );
  assert.match(r.text, /\/\/ \$block->escapeHtml\(\) in a comment stays\r\n/);

  const old = await fixWith(deprecated, file, template, {
    current: { release: releaseFixture('2.3.7'), symbols: blocks },
    target: { symbols: blocks },
  });
  assert.equal(old.text, template);
  assert.deepEqual(old.declines.slice(0, 2), [
    'the current release 2.3.7 gives templates no $escaper (2.4.0 does)',
    'the current release 2.3.7 gives templates no $escaper (2.4.0 does)',
  ]);
  const own = await fixWith(deprecated, file, template.replace('?>\r\n<h1>', '$escaper = $block;\r\n?>\r\n<h1>'), {
    current,
    target: { symbols: blocks },
  });
  assert.deepEqual(own.fixes, []);
  assert.equal(own.declines[0], 'the template assigns $escaper itself: change it by hand');
  const php = await fixWith(deprecated, 'app/code/Acme/Shop/Block/A.php', template.replace(/^<\?php/, '<?php'), {
    current,
    target: { symbols: blocks },
  });
  assert.equal(php.fixes.length, 0, 'only templates get $escaper');
});
