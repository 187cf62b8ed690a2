#!/usr/bin/env -S node --import tsx
// Writes docs/rules/<category>/<name>.md (the pages SARIF `helpUri` points at), docs/rules/README.md and the rule table
// of the top README.md from each rule's own metadata, so the docs never drift from the code. `--check` fails when a
// committed page or the table is out of date.
// Usage: node --import tsx scripts/generate-rule-docs.ts [--check]
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ruleDocPages } from '../src/rules/docs.js';
import { allRules } from '../src/rules/registry.js';
import { ruleTable, withRuleTable } from './readme-rule-table.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const check = process.argv.includes('--check');
const stale: string[] = [];
for (const page of ruleDocPages()) {
  const file = join(root, 'docs', 'rules', page.path);
  let current: string | undefined;
  try {
    current = readFileSync(file, 'utf8');
  } catch {
    current = undefined;
  }
  if (current === page.text) continue;
  if (check) stale.push(page.path);
  else {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, page.text);
  }
}
const readmeFile = join(root, 'README.md');
const readme = readFileSync(readmeFile, 'utf8');
const updated = withRuleTable(readme, ruleTable(allRules().map((r) => r.meta)));
if (updated !== readme) {
  if (check) stale.push('the rule table of README.md');
  else writeFileSync(readmeFile, updated);
}
if (stale.length > 0) {
  console.error(`rule docs are out of date (${stale.join(', ')}): run node --import tsx scripts/generate-rule-docs.ts`);
  process.exit(1);
}
