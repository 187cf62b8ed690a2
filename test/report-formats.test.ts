import { isComplete } from '../src/knowledge/coverage.js';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv';
import AjvDraft04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { SaxesParser } from 'saxes';
import { runCheck } from '../src/check/index.js';
import type { CheckResult } from '../src/check/types.js';
import { escapeData, escapeProperty } from '../src/report/github/render-github.js';
import type { FindingCategory } from '../src/core/finding.js';
import { viewOfCheck } from '../src/report/json/findings-view.js';
import { CHECK_REPORT_FORMATS, renderCheckReport } from '../src/report/json/render-report.js';
import { renderSarif } from '../src/report/sarif/render-sarif.js';
import { fenceFor } from '../src/report/finding-details.js';
import { hostileCheckResult, EVIL_FILE } from './fixtures/reports/hostile-check-result.js';

const GOLDEN = new URL('./golden/reports/', import.meta.url);
const update = process.env.UPDATE_GOLDEN === '1';

/** Compares with the golden file; UPDATE_GOLDEN=1 rewrites it instead. */
function golden(name: string, actual: string): void {
  const file = new URL(name, GOLDEN);
  if (update) {
    mkdirSync(GOLDEN, { recursive: true });
    writeFileSync(file, actual);
    return;
  }
  let expected: string;
  try {
    expected = readFileSync(file, 'utf8');
  } catch {
    assert.fail(`golden file ${name} missing: run with UPDATE_GOLDEN=1 to create it`);
  }
  assert.equal(actual, expected, `${name} differs from its golden file (UPDATE_GOLDEN=1 to accept)`);
}

function json(path: string): object {
  return JSON.parse(readFileSync(new URL(path, import.meta.url), 'utf8')) as object;
}

describe('report formats of a check result', () => {
  const result = hostileCheckResult();

  it('Markdown: golden, HTML in names shown as text', () => {
    const md = renderCheckReport(result, 'md');
    golden('check.md', md);
    // Code spans show their content literally; everywhere else HTML must be escaped.
    assert.ok(!md.replace(/`[^`\n]*`/g, '').includes('<script>'), 'no raw <script> in Markdown');
    assert.match(md, /<details>/);
  });

  it('JUnit: golden, well-formed XML with one failure per finding', () => {
    const xml = renderCheckReport(result, 'junit');
    golden('check.junit.xml', xml);
    const parser = new SaxesParser();
    let failures = 0;
    const names: string[] = [];
    parser.on('opentag', (tag) => {
      if (tag.name === 'failure') failures++;
      if (tag.name === 'testcase') names.push(String(tag.attributes.name));
    });
    parser.write(xml).close();
    assert.equal(failures, result.findings.length);
    assert.ok(
      names.some((n) => n.includes(EVIL_FILE)),
      'the hostile path survives as an attribute value',
    );
  });

  it('SARIF: golden, valid against the official SARIF 2.1.0 schema, GitHub conventions', () => {
    // Rule texts come from the registry and evolve with the rules: the golden file uses fixed ones.
    const text = renderSarif(viewOfCheck(result), {
      ruleMeta: (id) => ({
        id,
        severity: 'error',
        category: id.split('/')[0] as FindingCategory,
        description: `What ${id} finds`,
        docs: `Why ${id} matters and how to fix it.`,
      }),
    });
    golden('check.sarif', text);
    const live = JSON.parse(renderCheckReport(result, 'sarif')) as {
      runs: { tool: { driver: { rules: { help: { text: string } }[] } } }[];
    };
    assert.ok(
      live.runs[0]!.tool.driver.rules.every((r) => r.help.text.length > 40),
      'registry docs used as help',
    );
    const ajv = new AjvDraft04.default({ allErrors: true, strict: false });
    addFormats.default(ajv);
    const validate = ajv.compile(json('../schemas/vendor/sarif-schema-2.1.0.json'));
    const log = JSON.parse(text) as {
      runs: {
        tool: { driver: { rules: { id: string; helpUri: string; properties: Record<string, unknown> }[] } };
        results: { ruleId: string; partialFingerprints: Record<string, string>; locations: unknown[] }[];
      }[];
    };
    assert.ok(validate(log), ajv.errorsText(validate.errors));
    assert.ok(validate(live), ajv.errorsText(validate.errors));
    const run = log.runs[0]!;
    for (const r of run.results) {
      assert.ok(r.locations.length > 0, 'code scanning needs a location');
      assert.match(Object.values(r.partialFingerprints)[0]!, /^[0-9a-f]{16}$/);
    }
    for (const rule of run.tool.driver.rules) assert.match(rule.helpUri, /^https:\/\//);
    const security = run.tool.driver.rules.find((r) => r.id === 'security/package-advisory')!;
    assert.equal(security.properties['security-severity'], '7.0', 'error-level security rule');
  });

  it('GitHub annotations: golden, one command per line, escaped per GitHub rules', () => {
    const text = renderCheckReport(result, 'github');
    golden('check.github.txt', text);
    const lines = text.trimEnd().split('\n');
    // One per finding and problem, plus one notice per target whose knowledge is derived or not covered.
    assert.equal(lines.length, result.findings.length + result.problems.length + 1);
    assert.ok(lines.at(-1)!.startsWith('::notice title=mageup%3A knowledge of '));
    for (const line of lines) assert.match(line, /^::(error|warning|notice) [^:]*::/);
    assert.ok(lines.some((l) => l.includes('100%25 sure')));
    assert.ok(lines.some((l) => l.includes('only%0Asecond line')));
    assert.equal(escapeProperty('a:b,c%\n'), 'a%3Ab%2Cc%25%0A');
    assert.equal(escapeData('a:b,c'), 'a:b,c');
  });

  it('JSON: valid against schemas/check.schema.json, with and without governance', () => {
    const ajv = new Ajv.default({ allErrors: true, strict: false });
    const validate = ajv.compile(json('../schemas/check.schema.json'));
    assert.ok(validate(JSON.parse(renderCheckReport(result, 'json'))), ajv.errorsText(validate.errors));
    const governed = {
      ...result,
      governance: {
        configFile: '/srv/shop/mageup.config.json',
        baselineFile: null,
        waived: [
          {
            fingerprint: 'abc',
            ruleId: 'php-api/non-api',
            message: 'x',
            waiver: { rule: 'php-api', reason: 'r', owner: 'o', expires: '2027-01-01', index: 0 },
          },
        ],
        baselined: 0,
        resurfaced: [],
        staleWaivers: [],
        staleBaselineEntries: 0,
        excluded: 1,
        severityOverrides: [{ ruleId: 'php-api/non-api', from: 'info' as const, to: 'warning' as const, count: 1 }],
      },
    };
    assert.ok(validate(JSON.parse(renderCheckReport(governed, 'json'))), ajv.errorsText(validate.errors));
  });

  it('HTML: self-contained, CSP without network, everything escaped', () => {
    const html = renderCheckReport(result, 'html');
    const scripts = html.match(/<script\b/gi) ?? [];
    assert.equal(scripts.length, 1, 'only the page script');
    assert.ok(!/<img\b/i.test(html), 'injected <img> is text');
    assert.ok(!/<(link|iframe|object|embed|base|form)\b/i.test(html), 'nothing to load');
    assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;/);
    assert.match(html, /&lt;script&gt;window.__pwned=1&lt;\/script&gt;/);
    assert.ok(html.includes('Risk level'));
    assert.match(html, /<svg role="img"/);
  });

  it('config schema accepts a full config and rejects a typo', () => {
    const ajv = new Ajv.default({ allErrors: true, strict: false });
    const validate = ajv.compile(json('../schemas/config.schema.json'));
    const config = {
      target: '2.4.8',
      exclude: ['app/code/Legacy/**'],
      severity: { 'php-api/non-api': 'off', 'php-version': 'error' },
      waivers: [
        {
          rule: 'php-api/missing-class',
          path: 'app/code/Acme/**',
          reason: 'replaced in Q3',
          owner: 'jane',
          expires: '2027-03-31',
        },
      ],
      baseline: 'mageup-baseline.json',
    };
    assert.ok(validate(config), ajv.errorsText(validate.errors));
    assert.ok(!validate({ ...config, waiver: [] }));
  });
});

describe('every format of the sample store check', () => {
  const store = fileURLToPath(new URL('../examples/sample-store', import.meta.url));
  let result: CheckResult;
  const out = new Map<string, string>();

  // One real check (1-2 s) shared by every format below.
  before(async () => {
    result = await runCheck({ path: store, to: '2.4.8', cacheDir: false, workers: 1 });
    for (const format of CHECK_REPORT_FORMATS) out.set(format, renderCheckReport(result, format));
  });

  it('has findings to show in every format', () => {
    assert.ok(result.findings.length > 0, 'the sample store has known upgrade issues');
    assert.equal(result.summary.findings, result.findings.length);
    for (const format of CHECK_REPORT_FORMATS) assert.ok(out.get(format)!.length > 0, `${format} is empty`);
  });

  it('JSON is valid against schemas/check.schema.json', () => {
    const ajv = new Ajv.default({ allErrors: true, strict: false });
    const validate = ajv.compile(json('../schemas/check.schema.json'));
    const parsed = JSON.parse(out.get('json')!) as { findings: unknown[] };
    assert.ok(validate(parsed), ajv.errorsText(validate.errors));
    assert.equal(parsed.findings.length, result.findings.length);
  });

  it('SARIF is valid against the official 2.1.0 schema, one result per finding', () => {
    const ajv = new AjvDraft04.default({ allErrors: true, strict: false });
    addFormats.default(ajv);
    const validate = ajv.compile(json('../schemas/vendor/sarif-schema-2.1.0.json'));
    const log = JSON.parse(out.get('sarif')!) as { runs: { results: unknown[] }[] };
    assert.ok(validate(log), ajv.errorsText(validate.errors));
    assert.equal(log.runs[0]!.results.length, result.findings.length);
  });

  it('JUnit parses as XML with one failing test case per finding', () => {
    const counts = { testcase: 0, failure: 0, error: 0 };
    const parser = new SaxesParser();
    parser.on('error', (e) => assert.fail(`JUnit XML is not well-formed: ${e.message}`));
    parser.on('opentag', (tag) => {
      if (tag.name in counts) counts[tag.name as keyof typeof counts]++;
    });
    parser.write(out.get('junit')!).close();
    assert.equal(counts.failure, result.findings.length);
    assert.equal(counts.testcase, Math.max(result.findings.length, 1) + result.problems.length);
    assert.equal(counts.error, result.problems.filter((p) => p.level === 'error').length);
  });

  it('GitHub annotations: one workflow command per finding and problem', () => {
    const lines = out.get('github')!.trimEnd().split('\n');
    // One per finding and problem, plus one notice per target whose knowledge is derived or not covered.
    const incomplete = result.summary.coverage.filter((c) => !isComplete(c)).length;
    assert.equal(lines.length, result.findings.length + result.problems.length + incomplete);
    for (const line of lines)
      assert.match(line, /^::(error|warning|notice) (file=[^,:]+(,line=\d+(,col=\d+)?)?,)?title=[^:]*::\S/);
  });

  it('Markdown, text and HTML name every finding rule and the target (a package action in place of its findings)', () => {
    assert.ok(result.summary.actions.length > 0, 'the sample store has third-party extensions with findings');
    const rolled = new Set(result.summary.actions.flatMap((a) => a.fingerprints.map((fp) => `${a.package} ${fp}`)));
    const listed = result.findings.filter((f) => !rolled.has(`${f.package} ${f.fingerprint}`));
    for (const format of ['md', 'text', 'html'] as const) {
      const text = out.get(format)!;
      assert.match(text, /2\.4\.8/, `${format} names the target`);
      for (const f of listed) assert.ok(text.includes(f.ruleId), `${format} names ${f.ruleId}`);
      for (const a of result.summary.actions) {
        const message = format === 'html' ? a.message.replace(/&/g, '&amp;').replace(/</g, '&lt;') : a.message;
        if (format !== 'md') assert.ok(text.includes(message), `${format} shows the action on ${a.package}`);
        assert.equal(text.split(`${a.findings} finding${a.findings === 1 ? '' : 's'} if you keep`).length > 1, true);
      }
    }
    // The findings under each action stay available: HTML in a collapsed element, text and Markdown with --expand.
    for (const format of ['md', 'text'] as const) {
      const expanded = renderCheckReport(result, format, { expand: true });
      for (const f of result.findings) assert.ok(expanded.includes(f.ruleId), `${format} --expand names ${f.ruleId}`);
    }
    for (const f of result.findings) assert.ok(out.get('html')!.includes(f.ruleId), `html names ${f.ruleId}`);
    assert.ok(!out.get('text')!.includes('composer/abandoned-package'), 'text rolls up the abandoned extension');
    assert.match(out.get('html')!, /<meta http-equiv="Content-Security-Policy"/);
  });
});

describe('finding details (an upstream diff) in Markdown, HTML and text', () => {
  // 60 lines, a Markdown fence and HTML inside: must stay inside its block everywhere.
  const diff = [
    '--- a/view/frontend/templates/<b>list</b>.phtml',
    '+++ b/view/frontend/templates/<b>list</b>.phtml',
    '@@ -1,58 +1,58 @@',
    '-```',
    '+</details></pre><script>window.__pwned=4</script>',
    ...Array.from({ length: 55 }, (_, i) => ` <div class="row-${i}">`),
  ].join('\n');
  const base = hostileCheckResult();
  const evil = base.findings[0]!.fingerprint;
  const withDetails = <T extends { fingerprint: string }>(f: T): T =>
    f.fingerprint === evil ? { ...f, details: diff } : f;
  const result: CheckResult = {
    ...base,
    findings: base.findings.map(withDetails),
    targets: base.targets.map((t) => ({ ...t, findings: t.findings.map(withDetails) })),
  };

  it('Markdown: golden, a collapsible diff block whose fence the diff cannot close', () => {
    const md = renderCheckReport(result, 'md');
    golden('check-details.md', md);
    assert.equal(fenceFor(diff), '````');
    assert.equal(fenceFor('no fence'), '```');
    const open = md.indexOf('````diff\n');
    const close = md.indexOf('\n````\n', open);
    assert.ok(open > 0 && close > open, 'a four-backtick diff fence');
    assert.ok(md.slice(open, close).includes('\n-```\n'), "the diff's own fence is inside the block");
    assert.ok(md.slice(open, close).includes('<script>window.__pwned=4'), 'shown verbatim inside the code block');
    assert.ok(!md.slice(0, open).includes('__pwned=4') && !md.slice(close).includes('__pwned=4'));
    assert.match(md.slice(0, open), /<details><summary>Diff: php-api\/missing-class app\/code\/Evil\/&lt;img /);
  });

  it('HTML: an escaped, collapsed <pre> under the finding', () => {
    const html = renderCheckReport(result, 'html');
    assert.equal((html.match(/<script\b/gi) ?? []).length, 1, 'only the page script');
    assert.match(
      html,
      /<details class="more"><summary>upstream diff<\/summary><pre class="details">--- a\/view\/frontend\/templates\/&lt;b&gt;list&lt;\/b&gt;\.phtml/,
    );
    assert.ok(html.includes('+&lt;/details&gt;&lt;/pre&gt;&lt;script&gt;window.__pwned=4&lt;/script&gt;'));
    assert.ok(!/<details class="more" open/.test(html), 'collapsed');
  });

  it('text: indented, the first 40 lines then how many more', () => {
    const text = renderCheckReport(result, 'text');
    const lines = text.split('\n');
    const first = lines.findIndex((l) => l.includes('--- a/view/frontend/templates/<b>list</b>.phtml'));
    assert.ok(first > 0);
    assert.match(lines[first]!, /^ {15}--- a/);
    assert.match(lines[first + 39]!, /^ {15} <div class="row-34">$/);
    assert.equal(lines[first + 40], '               … 20 more lines (see --format md, html or json)');
    const short = renderCheckReport(
      {
        ...result,
        targets: result.targets.map((t) => ({
          ...t,
          findings: t.findings.map((f) => ({ ...f, details: f.details ? 'one line' : undefined })),
        })),
      },
      'text',
    );
    assert.ok(short.includes('\n               one line\n') && !short.includes('more line'));
  });
});
