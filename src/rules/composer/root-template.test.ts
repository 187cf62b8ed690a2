import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadReleaseCatalog } from '../../knowledge/catalog.js';
import { releaseLookup, type PackageReleases } from '../../knowledge/extension-releases.js';
import { releaseComposer } from '../../knowledge/release-composer.js';
import type { ComposerPackage } from '../../project/model.js';
import type { Finding } from '../../core/finding.js';
import type { MessagePart } from '../rule.js';
import { projectFixture, runRule } from '../testing.js';
import { constraintConflict as constraintConflictRule } from './constraint-conflict.js';
import { createSymbolIndex } from '../../knowledge/memory-symbol-index.js';
import { proposeComposerJson } from './proposal.js';
import { rootTemplate as rootTemplateRule } from './root-template.js';

// The real 2.4.4 and 2.4.8-p3 records (catalog and shipped Composer data); the project is the 2.4.4 root's shape.
const catalog = loadReleaseCatalog();
const current = catalog.get('2.4.4')!;
const target = catalog.get('2.4.8-p3')!;
// MFTF's real requirements at three of its tags (5.1.0 needs Symfony 7, which 2.4.8-p3's ^6.4 excludes).
const MFTF = 'magento/magento2-functional-testing-framework';
const mftfReleases: PackageReleases = {
  name: MFTF,
  source: 'fixture',
  releases: [
    { version: '5.0.6', require: { php: '>=8.2', 'symfony/console': '^6.4', 'symfony/finder': '^6.4' } },
    { version: '5.1.0', require: { php: '^8.2', 'symfony/console': '^7.0', 'symfony/finder': '^7.0' } },
    { version: '5.3.0', require: { php: '^8.2', 'symfony/console': '^6.4||^7.4', 'symfony/finder': '^6.4||^7.4' } },
  ],
};
const composer = {
  target: releaseComposer('2.4.8-p3')!,
  current: releaseComposer('2.4.4')!,
  releases: { releasesOf: (name: string): PackageReleases | undefined => (name === MFTF ? mftfReleases : undefined) },
};
const lib = (name: string, version: string, require: Record<string, string>): ComposerPackage => ({
  name,
  version,
  type: 'library',
  source: name.startsWith('magento/') ? 'core' : 'third-party',
  license: [],
  require,
  dev: true,
});
const project = projectFixture({
  magento: { ...projectFixture().magento, version: '2.4.4' },
  rootRequire: {
    'magento/product-community-edition': '2.4.4',
    'magento/composer-root-update-plugin': '~2.0',
    'acme/erp-bridge': '^1.0',
  },
  rootRequireDev: {
    'magento/magento2-functional-testing-framework': '^3.7',
    'symfony/finder': '^5.2',
    'friendsofphp/php-cs-fixer': '~3.3.0',
    'sebastian/phpcpd': '^6.0.3',
    'pdepend/pdepend': '~2.10.0',
    'acme/own-tool': '^1.0',
  },
  rootComposer: {
    replace: {},
    conflict: { 'gene/bluefoot': '*', 'magento/framework': '>=103.0.8' },
    minimumStability: 'stable',
    platform: {},
    repositories: [],
    json: {},
  },
  packages: [
    lib('magento/magento2-functional-testing-framework', '3.8.0', {
      'symfony/console': '^4.4',
      'symfony/process': '^4.4',
      'symfony/finder': '^5.0',
      'monolog/monolog': '^2.3',
      'guzzlehttp/guzzle': '^7.3.0',
    }),
    lib('symfony/finder', 'v5.4.3', { php: '>=7.2.5' }),
    lib('friendsofphp/php-cs-fixer', 'v3.3.1', { 'symfony/console': '^4.4.20 || ^5.1.3' }),
    lib('sebastian/phpcpd', '6.0.3', { php: '>=7.3' }),
    lib('pdepend/pdepend', '2.10.3', {
      php: '>=5.3.7',
      'symfony/dependency-injection': '^2.3.0|^3|^4|^5',
      'symfony/filesystem': '^2.3.0|^3|^4|^5',
      'symfony/config': '^2.3.0|^3|^4|^5',
    }),
    lib('acme/erp-bridge', '1.0.0', { 'monolog/monolog': '^2.3' }),
  ],
});
const context = {
  project,
  current: { release: current, symbols: null },
  target: { release: target, php: '8.4' },
  composer,
};

/** The finding on one root entry (`require-dev symfony/finder`, `conflict magento/framework`), by its subject. */
const entry = (findings: Finding[], what: string): Finding | undefined =>
  findings.find((f) => f.subject === `root-template ${what}`);
const onPackage = (findings: Finding[], name: string): Finding[] =>
  findings.filter((f) => f.subject?.endsWith(` ${name}`));
const blocker = (name: string, constraint: string, required: string, major: number): MessagePart => ({
  messageId: 'blockerInstalls',
  data: { name, constraint, by: '2.4.8-p3', required, major },
});

test('2.4.4 root require-dev against the 2.4.8-p3 project template: the template replacements, dev-only', async () => {
  const findings = await runRule(rootTemplateRule, context);
  const mftf = entry(findings, `require-dev ${MFTF}`)!;
  assert.equal(mftf.severity, 'error');
  assert.equal(mftf.file, 'composer.json');
  assert.equal(mftf.messageId, 'moveDev');
  assert.equal(mftf.recommendationId, 'takeTemplateDev');
  assert.deepEqual(mftf.data, {
    section: 'require-dev',
    name: MFTF,
    constraint: '^3.7',
    template: [{ messageId: 'template', data: { release: '2.4.8-p3' } }],
    wanted: '^5.0',
    theTemplate: [{ messageId: 'theTemplate', data: { release: '2.4.8-p3' } }],
    evidence: [
      {
        messageId: 'installedRequires',
        data: {
          installed: '3.8.0',
          blockers: [
            blocker('symfony/console', '^4.4', '^6.4', 6),
            blocker('symfony/process', '^4.4', '^6.4', 6),
            blocker('monolog/monolog', '^2.3', '^3.6', 3),
          ],
        },
      },
    ],
  });
  // End to end: the blockers, a list inside the evidence list, are joined by `, ` within it.
  assert.equal(
    mftf.message,
    `require-dev ${MFTF} ^3.7 -> magento/project-community-edition 2.4.8-p3 requires ${MFTF} ^5.0; the installed ` +
      '3.8.0 requires symfony/console ^4.4 (2.4.8-p3: ^6.4, installs 6.x), symfony/process ^4.4 (2.4.8-p3: ^6.4, ' +
      'installs 6.x), monolog/monolog ^2.3 (2.4.8-p3: ^3.6, installs 3.x) ' +
      '(dev-only: never installed in production, but Composer resolves require-dev on every update).',
  );
  assert.equal(
    mftf.recommendation,
    `Set "${MFTF}": "^5.0" in require-dev, as the 2.4.8-p3 project template does ` +
      `(composer require --dev ${MFTF}:"^5.0" --no-update).`,
  );

  // symfony/finder ^5.2 fits the libraries 2.4.8-p3 installs; the MFTF the root must move to excludes it.
  const finder = entry(findings, 'require-dev symfony/finder')!;
  assert.equal(finder.severity, 'error');
  assert.deepEqual(finder.data?.evidence, [
    {
      messageId: 'toolingRequires',
      data: {
        tool: MFTF,
        toolConstraint: '^5.0',
        target: '2.4.8-p3',
        count: 2,
        versions: [{ messageId: 'versionRange', data: { first: '5.0.6', last: '5.3.0' } }],
        source: 'fixture',
        name: 'symfony/finder',
        wants: [
          { messageId: 'want', data: { constraint: '^6.4' } },
          { messageId: 'want', data: { constraint: '^6.4||^7.4' } },
        ],
      },
    },
  ]);
  // End to end: the tooling's constraints joined by ` or `.
  assert.equal(
    finder.message,
    'require-dev symfony/finder ^5.2 -> magento/project-community-edition 2.4.8-p3 requires symfony/finder ^6.4; ' +
      'every magento/magento2-functional-testing-framework ^5.0 release that fits 2.4.8-p3 (2: 5.0.6 … 5.3.0, ' +
      'fixture) requires symfony/finder ^6.4 or ^6.4||^7.4 ' +
      '(dev-only: never installed in production, but Composer resolves require-dev on every update).',
  );
  // pdepend ~2.10.0: the template moved to 3.x-dev, but nothing 2.4.8-p3 installs excludes 2.10.
  const pdepend = entry(findings, 'require-dev pdepend/pdepend')!;
  assert.equal(pdepend.severity, 'info');
  assert.deepEqual(
    [pdepend.messageId, pdepend.recommendationId, pdepend.data],
    [
      'devUndecided',
      'takeTemplateOptional',
      {
        name: 'pdepend/pdepend',
        constraint: '~2.10.0',
        theTemplate: [{ messageId: 'theTemplate', data: { release: '2.4.8-p3' } }],
        wanted: '3.x-dev',
        target: '2.4.8-p3',
      },
    ],
  );
  const csFixer = entry(findings, 'require-dev friendsofphp/php-cs-fixer')!;
  assert.deepEqual([csFixer.messageId, csFixer.data?.constraint, csFixer.data?.wanted], ['moveDev', '~3.3.0', '^3.22']);
  const dropped = entry(findings, 'require-dev sebastian/phpcpd')!;
  assert.equal(dropped.severity, 'info');
  assert.deepEqual(
    [dropped.messageId, dropped.recommendationId, dropped.data?.current],
    ['devDropped', 'removeUnlessUsed', '2.4.4'],
  );
  assert.deepEqual(onPackage(findings, 'acme/own-tool'), [], 'own tooling the templates never had is left alone');
  assert.deepEqual(onPackage(findings, 'magento/composer-root-update-plugin'), [], '~2.0 allows ^2.0.4');
  assert.deepEqual(
    onPackage(findings, 'acme/erp-bridge'),
    [],
    'an extension the templates never had is composer/constraint-conflict\'s, not "no longer required by the template"',
  );
  const conflict = entry(findings, 'conflict magento/framework')!;
  assert.equal(conflict.severity, 'critical');
  assert.deepEqual(
    [conflict.messageId, conflict.recommendationId, conflict.data],
    [
      'conflict',
      'narrowConflict',
      { dep: 'magento/framework', constraint: '>=103.0.8', target: '2.4.8-p3', version: '103.0.8-p3' },
    ],
  );
});

test('without a release list of the tooling the root must move to, a pin only the template moved is not an error', async () => {
  const findings = await runRule(rootTemplateRule, {
    ...context,
    composer: { ...composer, releases: { releasesOf: () => undefined } },
  });
  const finder = entry(findings, 'require-dev symfony/finder')!;
  assert.equal(finder.severity, 'info');
  assert.equal(entry(findings, `require-dev ${MFTF}`)!.severity, 'error');
});

test("the shipped snapshot of MFTF's tags tells the same about symfony/finder", async () => {
  const findings = await runRule(rootTemplateRule, {
    ...context,
    composer: { ...composer, releases: releaseLookup() },
  });
  const finder = entry(findings, 'require-dev symfony/finder')!;
  assert.equal(finder.severity, 'error');
  const [evidence] = finder.data?.evidence as MessagePart[];
  assert.deepEqual(
    [evidence!.messageId, evidence!.data?.tool, evidence!.data?.toolConstraint, evidence!.data?.target],
    ['toolingRequires', MFTF, '^5.0', '2.4.8-p3'],
  );
  const [versions] = evidence!.data?.versions as MessagePart[];
  assert.deepEqual([versions!.messageId, versions!.data?.first], ['versionRange', '5.0.0']);
});

test('a root-pinned tool the template moves is reported once, by root-template', async () => {
  const findings = await runRule(constraintConflictRule, context);
  assert.ok(!findings.some((f) => f.package === 'friendsofphp/php-cs-fixer'), JSON.stringify(findings, null, 1));
});

test('extension mode and releases without a template are left alone', async () => {
  assert.deepEqual(await runRule(rootTemplateRule, { ...context, project: { ...project, kind: 'extension' } }), []);
  assert.deepEqual(
    await runRule(rootTemplateRule, {
      ...context,
      composer: { ...composer, target: { ...composer.target, template: null } },
    }),
    [],
  );
});

test('a target without metapackage data is compared with the nearest release of its line, and says so', async () => {
  const derived = {
    ...context,
    target: { release: catalog.get('2.4.6-p15')!, php: '8.2', symbols: createSymbolIndex([]) },
    composer: { ...composer, target: releaseComposer('2.4.6-p14')!, targetDerivedFrom: '2.4.6-p14' },
  };
  const findings = await runRule(rootTemplateRule, derived);
  const mftf = entry(findings, `require-dev ${MFTF}`)!;
  assert.equal(mftf.severity, 'error');
  const derivedFrom = { from: '2.4.6-p14', target: '2.4.6-p15' };
  assert.deepEqual(
    [mftf.messageId, mftf.data?.template, mftf.data?.wanted, mftf.recommendationId, mftf.data?.theTemplate],
    [
      'moveDev',
      [{ messageId: 'templateDerived', data: derivedFrom }],
      '^4.3.1',
      'takeTemplateDev',
      [{ messageId: 'theTemplateDerived', data: derivedFrom }],
    ],
  );
  assert.ok(
    mftf.message.startsWith(
      "require-dev magento/magento2-functional-testing-framework ^3.7 -> magento/project-community-edition 2.4.6-p14 (derived from 2.4.6-p14: MageUp's data has no template of 2.4.6-p15) requires magento/magento2-functional-testing-framework ^4.3.1; ",
    ),
    mftf.message,
  );
  const proposal = proposeComposerJson({
    ...derived,
    catalog,
    code: [],
    advisoriesFor: () => [],
    now: new Date('2026-12-01T00:00:00Z'),
  })!;
  assert.equal(proposal.templateDerivedFrom, '2.4.6-p14');
  assert.match(
    proposal.commands[0]!,
    /^# derived: MageUp's data has no metapackage of 2\.4\.6-p15; these changes follow 2\.4\.6-p14's project template/,
  );
  assert.ok(
    proposal.changes.some((c) => c.name === MFTF && c.why.startsWith('the 2.4.6-p14 project template (derived')),
  );
  assert.equal(proposal.changes.find((c) => c.name === 'magento/product-community-edition')?.to, '2.4.6-p15');
});
