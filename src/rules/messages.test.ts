// Messages are data: a rule reports a message id declared in its meta with the placeholders' values, and
// ruleFinding() (the one place message text is made) refuses anything else.
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { allRules } from './registry.js';
import { ruleFinding, type CheckRuleMeta } from './rule.js';

const RULES_DIR = fileURLToPath(new URL('.', import.meta.url));

/** The source files of the category folders (the top-level files are the rule machinery, not rules). */
function ruleSources(dir: string, top = true): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? ruleSources(join(dir, e.name), false)
      : !top && e.name.endsWith('.ts') && !e.name.endsWith('.test.ts')
        ? [join(dir, e.name)]
        : [],
  );
}

test('rule files report message ids, not inline text', () => {
  const inline = ruleSources(RULES_DIR)
    .filter((file) => /^\s+message:/m.test(readFileSync(file, 'utf8')))
    .map((file) => relative(RULES_DIR, file).replace(/\\/g, '/'))
    .sort();
  assert.deepEqual(inline, []);
});

test('every message id a rule file reports is declared in the meta of a rule of its folder', () => {
  const declared = new Map<string, Set<string>>();
  for (const rule of allRules()) {
    const folder = rule.meta.id.split('/')[0]!;
    const ids = declared.get(folder) ?? new Set<string>();
    for (const id of Object.keys(rule.meta.messages)) ids.add(id);
    declared.set(folder, ids);
  }
  for (const file of ruleSources(RULES_DIR)) {
    const folder = relative(RULES_DIR, file).split(/[\\/]/)[0]!;
    const text = readFileSync(file, 'utf8');
    // `messageId: 'x'` and `messageId: cond ? 'x' : 'y'`: every quoted id on the line.
    for (const line of text.split('\n').filter((l) => /\bmessageId\??:/.test(l) && !/\bmessageId\?:/.test(l))) {
      for (const [, id] of line
        .split('messageId')[1]!
        .split('recommendationId')[0]!
        .matchAll(/'(\w+)'/g)) {
        assert.ok(
          declared.get(folder)?.has(id!),
          `${relative(RULES_DIR, file)} reports "${id}", declared by no ${folder} rule`,
        );
      }
    }
  }
});

test('every recommendation id a rule file reports is declared in the meta of a rule of its folder', () => {
  const declared = new Map<string, Set<string>>();
  for (const rule of allRules()) {
    const folder = rule.meta.id.split('/')[0]!;
    const ids = declared.get(folder) ?? new Set<string>();
    for (const id of Object.keys(rule.meta.recommendations ?? {})) ids.add(id);
    declared.set(folder, ids);
  }
  for (const file of ruleSources(RULES_DIR)) {
    const folder = relative(RULES_DIR, file).split(/[\\/]/)[0]!;
    const text = readFileSync(file, 'utf8');
    for (const line of text.split('\n').filter((l) => /\brecommendationId:/.test(l))) {
      for (const [, id] of line.split('recommendationId')[1]!.matchAll(/'(\w+)'/g)) {
        assert.ok(
          declared.get(folder)?.has(id!),
          `${relative(RULES_DIR, file)} recommends "${id}", declared by no ${folder} rule`,
        );
      }
    }
  }
});

test('each rule’s message severities name declared messages', () => {
  for (const rule of allRules()) {
    for (const id of Object.keys(rule.meta.messageSeverity ?? {}))
      assert.ok(rule.meta.messages[id] !== undefined, `${rule.meta.id}: messageSeverity.${id} names no message`);
  }
});

test('each rule’s list separators name placeholders of its messages or recommendations', () => {
  for (const rule of allRules()) {
    const templates = [...Object.values(rule.meta.messages), ...Object.values(rule.meta.recommendations ?? {})].join(
      '\n',
    );
    for (const name of Object.keys(rule.meta.listSeparators ?? {}))
      assert.ok(templates.includes(`{{${name}}}`), `${rule.meta.id}: listSeparators.${name} names no placeholder`);
  }
});

const META: CheckRuleMeta = {
  id: 'test/rule',
  severity: 'error',
  category: 'php-api',
  description: 'd',
  docs: 'd',
  messages: { gone: 'Class {{cls}} was removed in {{target}}.', soft: 'Maybe {{cls}}.', why: 'it moved to {{to}}' },
  messageSeverity: { soft: 'info' },
  recommendations: { replace: 'Replace {{cls}} ({{reasons}}).' },
};

test('ruleFinding fills the template and takes the severity of the message, the report, or the rule', () => {
  const made = ruleFinding(META, { messageId: 'gone', data: { cls: 'A\\B', target: '2.4.8' }, recommendation: 'r' });
  assert.equal(made.finding.message, 'Class A\\B was removed in 2.4.8.');
  assert.equal(made.finding.severity, 'error');
  assert.equal(made.messageId, 'gone');
  assert.equal(
    ruleFinding(META, { messageId: 'soft', data: { cls: 'A' }, recommendation: 'r' }).finding.severity,
    'info',
  );
  const forced = ruleFinding(META, { messageId: 'soft', severity: 'warning', data: { cls: 'A' }, recommendation: 'r' });
  assert.equal(forced.finding.severity, 'warning');
});

test('ruleFinding refuses a message id the meta does not declare, and a placeholder without a value', () => {
  assert.throws(() => ruleFinding(META, { messageId: 'other', recommendation: 'r' }), /does not declare/);
  assert.throws(
    () => ruleFinding(META, { messageId: 'gone', data: { cls: 'A' }, recommendation: 'r' }),
    /\{\{target\}\}/,
  );
});

test('ruleFinding fills the recommendation from the same data, its list parts from the messages, and keeps the id', () => {
  const made = ruleFinding(META, {
    messageId: 'soft',
    recommendationId: 'replace',
    data: { cls: 'A', reasons: [{ messageId: 'why', data: { to: 'B' } }] },
  });
  assert.equal(made.finding.recommendation, 'Replace A (it moved to B).');
  assert.equal(made.finding.recommendationId, 'replace');
  assert.throws(() => ruleFinding(META, { messageId: 'soft', recommendationId: 'gone', data: { cls: 'A' } }), /gone/);
  assert.throws(
    () => ruleFinding(META, { messageId: 'soft', recommendationId: 'replace', data: { cls: 'A' } }),
    /\{\{reasons\}\}/,
  );
});

test('a list part may hold a list itself: rendered alike, each list joined by the separator of its own name', () => {
  const meta: CheckRuleMeta = {
    ...META,
    messages: {
      pins: 'Pins: {{evidence}}.',
      requires: '{{pkg}} requires {{blockers}}',
      blocker: '{{name}} {{constraint}}',
    },
    listSeparators: { blockers: ', ' },
  };
  const blockers = [
    { messageId: 'blocker', data: { name: 'a/b', constraint: '^1' } },
    { messageId: 'blocker', data: { name: 'c/d', constraint: '^2' } },
  ];
  const evidence = [
    { messageId: 'requires', data: { pkg: 'x', blockers } },
    { messageId: 'requires', data: { pkg: 'y', blockers: blockers.slice(1) } },
  ];
  const made = ruleFinding(meta, { messageId: 'pins', data: { evidence }, recommendation: 'r' });
  assert.equal(made.finding.message, 'Pins: x requires a/b ^1, c/d ^2; y requires c/d ^2.');
});
