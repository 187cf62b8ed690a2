// Every findings listing (text, Markdown, HTML) shows as hours only what the total can bill: a finding in Magento's
// bundled code reads "0 h, Magento's code" (no total counts it), an info finding's estimate is marked optional.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { makeFinding, type Finding } from '../src/core/finding.js';
import { renderCheckMarkdown } from '../src/report/check/render-markdown.js';
import { renderCheckText } from '../src/report/check/render-text.js';
import { renderCheckHtml } from '../src/report/html/render-html.js';
import { hostileCheckResult } from './fixtures/reports/hostile-check-result.js';

const finding = (message: string, severity: Finding['severity'], owner: Finding['owner'], hours: number): Finding =>
  makeFinding({
    ruleId: 'security/package-advisory',
    category: 'security',
    severity,
    owner,
    package: `acme/${message}`,
    file: 'composer.lock',
    message,
    recommendation: `fix-${message}`,
    effort: { hours, confidence: 'high' },
  });

function result() {
  const base = hostileCheckResult();
  const findings = [
    finding('magentos', 'error', 'bundled', 2),
    finding('clients', 'error', 'library', 1.5),
    finding('note', 'info', 'custom', 0.5),
  ];
  return {
    ...base,
    summary: { ...base.summary, actions: [] },
    targets: [{ ...base.targets[0]!, findings }],
    findings: findings.map((f) => ({ ...f, target: '2.4.8' })),
  };
}

test("text, Markdown and HTML show a bundled finding's hours as Magento's, an info finding's as optional", () => {
  const text = renderCheckText(result());
  assert.match(text, /fix-magentos {2}\(0 h, Magento's code\)/);
  assert.match(text, /fix-clients {2}\(1\.5 h\)/);
  assert.match(text, /fix-note {2}\(0\.5 h, optional\)/);
  assert.doesNotMatch(text, /\(2 h\)/);

  const md = renderCheckMarkdown(result());
  assert.match(md, /fix-magentos \| 0 h, Magento's code \|/);
  assert.match(md, /fix-clients \| 1\.5 h \|/);
  assert.match(md, /fix-note \| 0\.5 h, optional \|/);

  const html = renderCheckHtml(result());
  assert.match(html, /<td class="num" data-value="0">0 h, Magento&#39;s code<\/td>/);
  assert.match(html, /<td class="num" data-value="1.5">1.5 h<\/td>/);
  assert.match(html, /<td class="num" data-value="0.5">0.5 h, optional<\/td>/);
});
