// Helpers for fixer tests: run a rule on one hand-written file, fix each of its findings, apply the edits.
import { sharedPhpParser } from '../php/parser.js';
import { unitOf } from '../rules/php-api/fixtures.js';
import type { Rule } from '../rules/rule.js';
import { runRule, type ContextOverrides } from '../rules/testing.js';
import { syntaxErrorCount } from './locate.js';
import { applyEdits } from './run-fix.js';

export interface FixedText {
  /** The text with every fix applied. */
  text: string;
  /** How many findings the rule reported. */
  findings: number;
  /** One line per fix. */
  fixes: string[];
  /** One reason per decline. */
  declines: string[];
  /** Findings the rule still reports on the fixed text. */
  remaining: number;
  /** The fixed text parses as well as the original (no new ERROR/MISSING node). */
  parses: boolean;
}

/** Runs `rule` on `source` (as `file`), applies every fix it offers, and runs it again on the result. */
export async function fixWith(
  rule: Rule,
  file: string,
  source: string,
  overrides: ContextOverrides = {},
): Promise<FixedText> {
  const findings = await runRule(rule, { ...overrides, code: [await unitOf(file, source)] });
  const parser = await sharedPhpParser();
  const tree = parser.parse(source);
  const fixes: string[] = [];
  const declines: string[] = [];
  const edits = [];
  for (const finding of findings) {
    const releases = {
      current: overrides.current?.release?.version ?? null,
      target: overrides.target?.release?.version ?? '2.4.8',
    };
    const outcome = rule.fix!(finding, { file, text: source, tree, releases });
    if ('decline' in outcome) declines.push(outcome.decline);
    else {
      fixes.push(outcome.description);
      edits.push(...outcome.edits);
    }
  }
  const text = applyEdits(source, edits);
  const after = parser.parse(text);
  const parses = syntaxErrorCount(after.rootNode) <= syntaxErrorCount(tree.rootNode);
  tree.delete();
  after.delete();
  const remaining = (await runRule(rule, { ...overrides, code: [await unitOf(file, text)] })).length;
  return { text, findings: findings.length, fixes, declines, remaining, parses };
}
