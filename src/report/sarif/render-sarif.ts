import { pathToFileURL } from 'node:url';
import type { Finding, Severity } from '../../core/finding.js';
import type { RuleMeta } from '../../rules/rule.js';
import type { FindingsView } from '../json/findings-view.js';
import { actionOf, rolledUp } from '../../check/summary.js';

/**
 * Where SARIF finds a rule's texts: check's rule registry, monitor's or verify's own rules. Passed in, so rendering an
 * audit (no findings) or a monitor run never loads check's rules.
 */
export type RuleMetaOf = (id: string) => RuleMeta | undefined;

/** Where each rule's documentation lives (`<base><rule-id>.md`). */
export const RULE_DOCS_BASE = 'https://github.com/mageup/mageup/blob/main/docs/rules/';

/** Key of our stable fingerprint in `partialFingerprints` (GitHub code scanning keeps alerts across runs by it). */
export const FINGERPRINT_KEY = 'mageupFingerprint/v1';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = {
  critical: 'error',
  error: 'error',
  warning: 'warning',
  info: 'note',
};

/** GitHub's `security-severity` (CVSS-like 0–10) for security rules, so alerts get a security rating. */
const SECURITY_SEVERITY: Record<Severity, string> = { critical: '9.0', error: '7.0', warning: '4.0', info: '1.0' };

/**
 * SARIF 2.1.0 log (one run) following GitHub code scanning's conventions: rules with descriptions, help and helpUri,
 * results located relative to `%SRCROOT%`, `partialFingerprints` from our line-independent fingerprint. Findings
 * without a file (package or platform level) point at composer.json, since code scanning needs a location.
 */
export function renderSarif(view: FindingsView, opts: { ruleMeta: RuleMetaOf }): string {
  const metaOf = opts.ruleMeta;
  const ruleIds = [...new Set(view.findings.map((f) => f.ruleId))].sort();
  const ruleIndex = new Map(ruleIds.map((id, i) => [id, i]));
  const rules = ruleIds.map((id) =>
    describeRule(
      id,
      view.findings.find((f) => f.ruleId === id)!,
      metaOf(id),
    ),
  );
  const root = pathToFileURL(view.root.endsWith('/') ? view.root : `${view.root}/`).href;
  // Code scanning needs every result at its place; a third-party extension's also name their package action.
  const actions = rolledUp(view.summary?.actions ?? []);
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'MageUp',
            semanticVersion: view.tool.version,
            version: view.tool.version,
            informationUri: 'https://github.com/mageup/mageup',
            rules,
          },
        },
        automationDetails: { id: `mageup/${view.command}/` },
        ...(view.summary || view.coverage
          ? {
              properties: {
                ...(view.summary
                  ? {
                      summary: {
                        findings: view.summary.findings,
                        bySeverity: view.summary.bySeverity,
                        effortHours: view.summary.effortHours,
                        // Info findings' estimates in custom code: optional clean-up, not in effortHours.
                        ...(view.summary.effort ? { optionalHours: view.summary.effort.optionalHours } : {}),
                        ...(view.summary.path ? { path: view.summary.path } : {}),
                        risk: view.summary.risk.level,
                        // One action per third-party extension: its results carry `packageAction`.
                        actions: view.summary.actions.map((a) => ({
                          package: a.package,
                          version: a.version,
                          action: a.action,
                          severity: a.severity,
                          findings: a.findings,
                          hours: a.hours,
                          message: a.message,
                        })),
                      },
                    }
                  : {}),
                // How the knowledge covers each target (indexed / derived from a release / not covered), per family.
                ...(view.coverage ? { coverage: view.coverage } : {}),
              },
            }
          : {}),
        originalUriBaseIds: { '%SRCROOT%': { uri: root } },
        invocations: [
          {
            executionSuccessful: !view.problems.some((p) => p.level === 'error'),
            toolExecutionNotifications: view.problems.map((p) => ({
              level: p.level === 'error' ? 'error' : 'warning',
              message: { text: p.message },
              descriptor: { id: p.code },
              ...(p.file
                ? {
                    locations: [
                      {
                        physicalLocation: {
                          artifactLocation: { uri: uriOf(p.file), uriBaseId: '%SRCROOT%' },
                          ...(p.line ? { region: { startLine: p.line } } : {}),
                        },
                      },
                    ],
                  }
                : {}),
            })),
          },
        ],
        results: view.findings.map((f) => ({
          ruleId: f.ruleId,
          ruleIndex: ruleIndex.get(f.ruleId)!,
          level: LEVEL[f.severity],
          message: { text: `${f.message}\n${f.recommendation}` },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: uriOf(f.file ?? 'composer.json'), uriBaseId: '%SRCROOT%' },
                ...(f.file && f.line
                  ? { region: { startLine: f.line, ...(f.column ? { startColumn: Math.max(1, f.column) } : {}) } }
                  : {}),
              },
            },
          ],
          // The other sides of a conflict: one result, every place shown.
          ...(f.related?.length
            ? {
                relatedLocations: f.related.map((r, i) => ({
                  id: i + 1,
                  physicalLocation: {
                    artifactLocation: { uri: uriOf(r.file), uriBaseId: '%SRCROOT%' },
                    ...(r.line ? { region: { startLine: r.line } } : {}),
                  },
                  ...(r.module ? { message: { text: r.module } } : {}),
                })),
              }
            : {}),
          partialFingerprints: { [FINGERPRINT_KEY]: f.fingerprint },
          properties: {
            severity: f.severity,
            category: f.category,
            targets: f.targets,
            ...(f.package ? { package: f.package } : {}),
            ...(actionOf(f, actions) ? { packageAction: f.package } : {}),
            ...(f.module ? { module: f.module } : {}),
            ...(f.effort ? { effortHours: f.effort.hours, effortConfidence: f.effort.confidence } : {}),
            ...(f.uctCode !== undefined ? { uctCode: f.uctCode } : {}),
          },
        })),
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

function describeRule(id: string, sample: Finding, meta: RuleMeta | undefined): object {
  const severity = meta?.severity ?? sample.severity;
  const category = meta?.category ?? sample.category;
  const description = meta?.description ?? id;
  return {
    id,
    name: id.replace(/(^|[/-])([a-z])/g, (_, _sep: string, c: string) => c.toUpperCase()),
    shortDescription: { text: description },
    fullDescription: { text: description },
    help: { text: meta?.docs ?? description, markdown: meta?.docs ?? description },
    helpUri: `${RULE_DOCS_BASE}${id}.md`,
    defaultConfiguration: { level: LEVEL[severity] },
    properties: {
      tags: category === 'security' ? ['security', 'mageup'] : ['mageup', category],
      precision: 'high',
      ...(category === 'security' ? { 'security-severity': SECURITY_SEVERITY[severity] } : {}),
      ...(meta?.uctCode !== undefined ? { uctCode: meta.uctCode } : {}),
    },
  };
}

/** A relative path as a URI reference: each segment percent-encoded (spaces, `#`, `?`, `<`…), slashes kept. */
function uriOf(path: string): string {
  return path
    .replace(/\\/g, '/')
    .split('/')
    .map((s) => encodeURIComponent(s))
    .join('/');
}
