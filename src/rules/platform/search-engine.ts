import type { ProjectPlatform } from '../../check/project-platform.js';
import type { Release } from '../../knowledge/types.js';
import type { MessagePart, Rule } from '../rule.js';
import { fitsAny, listVersions, supported, uncertainty, UNCERTAINTY_MESSAGES } from './service-versions.js';

/** Catalog search engines Magento knows, with the module package that provides each and the service it talks to. */
const ENGINES: Record<
  string,
  { label: string; package?: string; service?: 'elasticsearch' | 'opensearch'; major?: string }
> = {
  mysql: { label: 'MySQL catalog search' },
  elasticsearch: {
    label: 'Elasticsearch 2',
    package: 'magento/module-elasticsearch',
    service: 'elasticsearch',
    major: '2',
  },
  elasticsearch5: {
    label: 'Elasticsearch 5',
    package: 'magento/module-elasticsearch',
    service: 'elasticsearch',
    major: '5',
  },
  elasticsearch6: {
    label: 'Elasticsearch 6',
    package: 'magento/module-elasticsearch-6',
    service: 'elasticsearch',
    major: '6',
  },
  elasticsearch7: {
    label: 'Elasticsearch 7',
    package: 'magento/module-elasticsearch-7',
    service: 'elasticsearch',
    major: '7',
  },
  elasticsearch8: {
    label: 'Elasticsearch 8',
    package: 'magento/module-elasticsearch-8',
    service: 'elasticsearch',
    major: '8',
  },
  opensearch: { label: 'OpenSearch', package: 'magento/module-open-search', service: 'opensearch' },
};

/** The catalog search engine configured in env.php/config.php against the engines the target ships and supports. */
export const searchEngine: Rule = {
  meta: {
    id: 'platform/search-engine',
    severity: 'critical',
    category: 'platform',
    description: 'The configured catalog search engine is not supported by the target release.',
    docs:
      'Magento talks to its search engine through one module per engine (`magento/module-elasticsearch-7`, ' +
      '`magento/module-open-search`, …). When the target no longer ships the module of the configured engine ' +
      '(2.4.8 removed Elasticsearch 7), `setup:upgrade` fails and the catalog search stops. Fix: move to a supported ' +
      'engine (OpenSearch), reindex, then switch `catalog/search/engine`. An Adobe Commerce Cloud project names ' +
      'its search server in .magento/services.yaml (`opensearch:2`, `elasticsearch:7.6`): that engine and version ' +
      'are judged against the target, at their line, and a supported one is not reported.',
    recommendations: {
      installEngine:
        'Before upgrading, install {{engines}}, point catalog/search/engine at it (bin/magento config:set ' +
        'catalog/search/engine opensearch) and run a full reindex.',
      installAnyEngine:
        'Before upgrading, install a supported search engine, point catalog/search/engine at it (bin/magento ' +
        'config:set catalog/search/engine opensearch) and run a full reindex.',
      checkEngine: 'Check the engine in the database (catalog/search/engine) and move to {{engines}} before upgrading.',
    },
    messages: {
      ...UNCERTAINTY_MESSAGES,
      // The module still ships but the release no longer lists the engine: an error, not a blocker.
      notListed: 'Catalog search engine "{{engine}}" ({{label}}) is not supported by {{target}}: {{reason}}{{note}}.',
      noAdapter: 'Catalog search engine "{{engine}}" ({{label}}) is not supported by {{target}}: {{reason}}{{note}}.',
      noneConfigured:
        'No search engine is configured in app/etc/env.php or config.php; every engine {{current}} supports is ' +
        'unsupported by {{target}}{{note}}.',
      // The project names its search server (Adobe Commerce Cloud's .magento/services.yaml): judged on that version.
      // Critical when the target has no module for that engine; an error when it still ships one but no longer lists it.
      declaredUnsupported:
        '{{file}} runs {{label}} {{version}}; {{target}} has no {{label}} {{major}} adapter and supports {{engines}}' +
        '{{note}}: the search engine must be replaced.',
      declaredNotListed:
        '{{file}} runs {{label}} {{version}}; {{target}} supports {{engines}}{{note}}: the search engine must be ' +
        'upgraded.',
      // The {{reason}} of notListed and noAdapter.
      noLongerShips: '{{target}} no longer ships {{package}}',
      hasNoAdapter: '{{target}} has no {{label}} adapter',
      noLongerLists: '{{target}} no longer lists {{label}} among its supported search engines',
    },
    messageSeverity: { notListed: 'error', declaredNotListed: 'error', noneConfigured: 'warning' },
  },
  check(ctx) {
    if (ctx.project.kind === 'extension') return;
    const target = ctx.target.release;
    const configured = ctx.project.services.searchEngine;
    const where = ctx.platform?.settings.searchEngine;
    const note = uncertainty(target);
    const declared = ctx.platform?.searchEngine;
    // A declared server is judged itself; a supported one also answers what the no-engine warning could only guess.
    if (declared && (judgeDeclared(declared, target, note, ctx.report) === 'reported' || !configured)) return;
    if (!configured) {
      reportWhenCurrentEnginesDropped(ctx.current.release, target, note, ctx.report);
      return;
    }
    const engine = configured.engine.toLowerCase();
    const known = ENGINES[engine];
    const file = where?.file ?? `app/etc/${configured.source}`;
    const subject = `search engine ${engine}`;
    const alternatives = supportedEngines(target);
    if (!known) {
      // Third-party engines (Elasticsuite's `elasticsuite`, Algolia…) bring their own module: nothing to tell here.
      return;
    }
    const shipsModule = known.package === undefined ? false : !target.packagesKnown || known.package in target.packages;
    const serviceVersions = known.service ? supported(target, known.service) : [];
    const serviceListed =
      known.service === 'opensearch'
        ? serviceVersions.length > 0
        : known.major !== undefined && serviceVersions.some((v) => v.split('.')[0] === known.major);
    if (shipsModule && (serviceListed || serviceVersions.length === 0)) return;
    const reason: MessagePart = !shipsModule
      ? known.package
        ? { messageId: 'noLongerShips', data: { target: target.version, package: known.package } }
        : { messageId: 'hasNoAdapter', data: { target: target.version, label: known.label } }
      : { messageId: 'noLongerLists', data: { target: target.version, label: known.label } };
    ctx.report({
      file,
      line: where?.line,
      subject,
      messageId: shipsModule ? 'notListed' : 'noAdapter',
      data: {
        engine: configured.engine,
        label: known.label,
        target: target.version,
        reason: [reason],
        note,
        engines: alternatives,
      },
      recommendationId: alternatives ? 'installEngine' : 'installAnyEngine',
      effort: { hours: 4, confidence: 'medium' },
    });
  },
};

/** Cloud's declared search server against the target: reported at its line unless supported or unknown. */
function judgeDeclared(
  declared: NonNullable<ProjectPlatform['searchEngine']>,
  target: Release,
  note: MessagePart[],
  report: Parameters<Rule['check']>[0]['report'],
): 'reported' | 'fine' {
  const engines = supportedEngines(target);
  // Unknown (the target publishes no search engines) or still supported: not reported.
  if (engines === '' || fitsAny(declared.version, supported(target, declared.service))) return 'fine';
  const major = declared.version.split('.')[0]!;
  const module = ENGINES[declared.service === 'opensearch' ? 'opensearch' : `elasticsearch${major}`]?.package;
  const shipsModule = module !== undefined && (!target.packagesKnown || module in target.packages);
  const label = declared.service === 'opensearch' ? 'OpenSearch' : 'Elasticsearch';
  report({
    file: declared.file,
    line: declared.line,
    subject: `search engine ${declared.service}:${declared.version}`,
    messageId: shipsModule ? 'declaredNotListed' : 'declaredUnsupported',
    data: { file: declared.file, label, version: declared.version, major, target: target.version, note, engines },
    recommendationId: 'installEngine',
    effort: { hours: 4, confidence: 'medium' },
  });
  return 'reported';
}

function supportedEngines(target: Release): string {
  const parts: string[] = [];
  const os = supported(target, 'opensearch');
  if (os.length > 0) parts.push(`OpenSearch ${listVersions(os)}`);
  const es = supported(target, 'elasticsearch');
  if (es.length > 0) parts.push(`Elasticsearch ${listVersions(es)}`);
  return parts.join(' or ');
}

/** No engine configured in the files: warn only when every engine the current release supports is gone. */
function reportWhenCurrentEnginesDropped(
  current: Release | null,
  target: Release,
  note: MessagePart[],
  report: Parameters<Rule['check']>[0]['report'],
): void {
  if (!current) return;
  const majors = (r: Release) => new Set(supported(r, 'elasticsearch').map((v) => v.split('.')[0]));
  const targetMajors = majors(target);
  const before = supported(current, 'elasticsearch').length + supported(current, 'opensearch').length;
  const esSurvives = [...majors(current)].some((m) => targetMajors.has(m));
  const osSurvives = supported(current, 'opensearch').length > 0 && supported(target, 'opensearch').length > 0;
  if (before === 0 || esSurvives || osSurvives) return;
  report({
    subject: `search engine ${current.version} -> ${target.version}`,
    messageId: 'noneConfigured',
    data: { current: current.version, target: target.version, note, engines: supportedEngines(target) },
    recommendationId: 'checkEngine',
    effort: { hours: 4, confidence: 'low' },
  });
}
