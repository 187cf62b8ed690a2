import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadReleaseCatalog } from '../../knowledge/catalog.js';
import type { PackageReleases } from '../../knowledge/extension-releases.js';
import { releaseComposer } from '../../knowledge/release-composer.js';
import { createSymbolIndex } from '../../knowledge/memory-symbol-index.js';
import type { ComposerPackage, ProjectModel } from '../../project/model.js';
import type { MessagePart, PackageContext } from '../rule.js';
import { projectFixture, runRule } from '../testing.js';
import { proposeComposerJson } from './proposal.js';
import { proposedComposerJson as proposedComposerJsonRule } from './proposed-composer-json.js';

const catalog = loadReleaseCatalog();
// The root composer.json of the public 2.4.4 tree (speedupmate/Magento2-OS-Mirror, tag magento2-os-2.4.4), trimmed.
const rootJson = {
  name: 'magento/project-community-edition',
  config: { platform: { php: '8.1.0' }, 'sort-packages': true },
  require: {
    'klaviyo/magento2-extension': '^2.2',
    'magento/composer-root-update-plugin': '~2.0',
    'magento/product-community-edition': '2.4.4',
  },
  'require-dev': {
    'friendsofphp/php-cs-fixer': '~3.3.0',
    'magento/magento2-functional-testing-framework': '^3.7',
    'sebastian/phpcpd': '^6.0.3',
    'symfony/finder': '^5.2',
  },
  replace: { 'magento/module-elasticsearch-7': '*' },
  conflict: { 'gene/bluefoot': '*' },
};
const klaviyo: ComposerPackage = {
  name: 'klaviyo/magento2-extension',
  version: '2.2.0',
  type: 'magento2-module',
  source: 'third-party',
  license: [],
  require: { php: '~7.4.0||~8.1.0' },
  path: 'vendor/klaviyo/magento2-extension',
};
const lists: Record<string, PackageReleases> = {
  'klaviyo/magento2-extension': {
    name: 'klaviyo/magento2-extension',
    source: 'test',
    releases: [
      { version: '2.2.0', require: { php: '~7.4.0||~8.1.0' } },
      { version: '4.0.0', require: { php: '^8.1' } },
      { version: '4.1.2', require: { php: '^8.1' } },
    ],
  },
};
const project: ProjectModel = projectFixture({
  rootRequire: rootJson.require,
  rootRequireDev: rootJson['require-dev'],
  rootComposer: {
    replace: rootJson.replace,
    conflict: rootJson.conflict,
    minimumStability: null,
    platform: rootJson.config.platform,
    repositories: [],
    json: rootJson,
  },
  packages: [klaviyo],
});
const context: PackageContext = {
  project,
  catalog,
  current: { release: catalog.get('2.4.4')!, symbols: null },
  target: { release: catalog.get('2.4.8-p3')!, php: '8.3', symbols: createSymbolIndex([]) },
  code: [],
  advisoriesFor: () => [],
  now: new Date('2026-12-01T00:00:00Z'),
  composer: {
    target: releaseComposer('2.4.8-p3')!,
    current: releaseComposer('2.4.4')!,
    releases: { releasesOf: (n) => lists[n] },
  },
};

test('the proposed composer.json for 2.4.4 → 2.4.8-p3: template, extension, replace, platform', () => {
  const proposal = proposeComposerJson(context)!;
  const json = JSON.parse(proposal.text);
  assert.equal(json.require['magento/product-community-edition'], '2.4.8-p3');
  assert.equal(json.require['klaviyo/magento2-extension'], '^4.1.2');
  assert.equal(json['require-dev']['magento/magento2-functional-testing-framework'], '^5.0');
  assert.equal(json['require-dev']['symfony/finder'], '^6.4');
  assert.equal(json['require-dev']['friendsofphp/php-cs-fixer'], '^3.22');
  assert.equal(json['require-dev']['phpunit/phpunit'], '^10.5', 'the template tooling the root follows is added');
  assert.equal(json['require-dev']['sebastian/phpcpd'], undefined, 'dropped by the template, kept as written');
  assert.equal(json.replace['magento/module-elasticsearch-8'], '*');
  assert.equal(json.config.platform.php, '8.3.0');
  assert.deepEqual(Object.keys(json['require-dev']), [...Object.keys(json['require-dev'])].sort(), 'sort-packages');
  assert.match(proposal.diff, /^- {8}"magento\/magento2-functional-testing-framework": "\^3\.7",$/m);
  assert.match(proposal.diff, /^\+ {8}"magento\/magento2-functional-testing-framework": "\^5\.0",$/m);
  assert.deepEqual(proposal.commands.slice(0, 2), [
    'composer require magento/product-community-edition=2.4.8-p3 --no-update',
    'composer require magento/composer-dependency-version-audit-plugin:"~0.1" klaviyo/magento2-extension:"^4.1.2" --no-update',
  ]);
  assert.equal(json.replace['magento/module-open-search'], '*', 'added in 2.4.6, after the current 2.4.4');
  assert.ok(proposal.commands.includes('composer remove --dev sebastian/phpcpd --no-update'));
  assert.ok(proposal.commands.includes('composer config platform.php 8.3.0'));
  assert.equal(proposal.commands.at(-1), 'composer update --with-all-dependencies');
  assert.deepEqual(proposal.unresolved, []);
  assert.equal(rootJson.require['magento/product-community-edition'], '2.4.4', "the project's document is untouched");
});

test('the check shows the proposal as one info finding with the diff as details', async () => {
  const findings = await runRule(proposedComposerJsonRule, context);
  assert.equal(findings.length, 1);
  assert.equal(findings[0]!.severity, 'info');
  assert.equal(findings[0]!.messageId, 'proposal');
  const changes = findings[0]!.data?.changes as MessagePart[];
  assert.equal(findings[0]!.data?.count, changes.length);
  assert.deepEqual(changes.slice(0, 2), [
    {
      messageId: 'change',
      data: { section: 'require', name: 'magento/product-community-edition', from: '2.4.4', to: '2.4.8-p3' },
    },
    {
      messageId: 'changeNew',
      data: { section: 'require', name: 'magento/composer-dependency-version-audit-plugin', to: '~0.1' },
    },
  ]);
  assert.ok(
    findings[0]!.message.startsWith(
      `${changes.length} change(s) to composer.json for 2.4.8-p3: require magento/product-community-edition 2.4.4 → 2.4.8-p3, require magento/composer-dependency-version-audit-plugin (new) → ~0.1, `,
    ),
    findings[0]!.message,
  );
  assert.match(findings[0]!.details!, /^--- a\/composer\.json/);
  assert.equal(findings[0]!.recommendationId, 'apply');
  assert.deepEqual(
    (findings[0]!.data?.commands as MessagePart[]).slice(0, 2),
    [
      'composer require magento/product-community-edition=2.4.8-p3 --no-update',
      'composer require magento/composer-dependency-version-audit-plugin:"~0.1" klaviyo/magento2-extension:"^4.1.2" --no-update',
    ].map((command) => ({ messageId: 'command', data: { command } })),
  );
  const [editFirst] = findings[0]!.data?.edit as MessagePart[];
  assert.equal(editFirst!.messageId, 'editFirst');
  assert.deepEqual((editFirst!.data?.edits as MessagePart[])[0], {
    messageId: 'edit',
    data: { edit: '"replace": { "magento/module-elasticsearch-8": "*" }' },
  });
  // End to end: the edits no command makes, then the commands joined by ` && `.
  assert.match(
    findings[0]!.recommendation,
    /writes the file\): edit composer\.json \("replace": \{ "magento\/module-elasticsearch-8": "\*" \}, .*\), then composer require magento\/product-community-edition=2\.4\.8-p3 --no-update && composer require /,
  );
  assert.deepEqual(
    await runRule(proposedComposerJsonRule, { ...context, project: { ...project, kind: 'extension' } }),
    [],
  );
});
