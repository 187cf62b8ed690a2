import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { ruleDocPages } from './docs.js';

test('every rule has a committed, up-to-date docs page (what SARIF helpUri points at)', () => {
  const pages = ruleDocPages();
  assert.ok(pages.length > 40);
  for (const page of pages) {
    const committed = readFileSync(new URL(`../../docs/rules/${page.path}`, import.meta.url), 'utf8');
    assert.equal(committed, page.text, `docs/rules/${page.path} is stale: run scripts/generate-rule-docs.ts`);
  }
});
