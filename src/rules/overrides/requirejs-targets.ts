// Shared by the mixin and map rules: which RequireJS entries point at core JS that changed or disappeared.
import type { JsSource, RequireJsConfig } from '../../project/model.js';
import { cosmeticChange } from '../../check/files/release-files.js';
import type { MessagePart, RuleContext } from '../rule.js';
import { areaOfRequireJsFile, resolveJsModule } from './js-modules.js';

export function requireJsConfigs(context: RuleContext): { config: RequireJsConfig; area: string }[] {
  const out: { config: RequireJsConfig; area: string }[] = [];
  for (const m of context.project.modules) {
    if (m.core) continue;
    for (const config of m.customizations.requirejs) out.push({ config, area: areaOfRequireJsFile(config.file) });
  }
  for (const t of context.project.themes) {
    if (t.location === 'vendor' && t.package?.startsWith('magento/')) continue;
    for (const config of t.requirejs ?? []) out.push({ config, area: t.area });
  }
  return out;
}

/** The project's own JS files (modules not shipped by Magento, themes not shipped by Magento). */
export function jsSources(context: RuleContext): JsSource[] {
  const out: JsSource[] = [];
  for (const m of context.project.modules) if (!m.core) out.push(...(m.customizations.js ?? []));
  for (const t of context.project.themes) {
    if (t.location === 'vendor' && t.package?.startsWith('magento/')) continue;
    out.push(...(t.js ?? []));
  }
  return out;
}

/** jQuery UI ids: the 2.4.4 split (`jquery/ui` → `jquery-ui-modules/*`) has its own rule and advice. */
export function isJqueryUiId(id: string): boolean {
  return /^(jquery\/ui|jquery\/jquery-ui(-[\d.]+)?|jquery\/ui-modules\/.+|jquery-ui-modules\/.+)$/.test(id);
}

/** The same judgement as data, for rules whose messages are templates: `file` now, `now` at the target when moved. */
export interface JsTargetFacts {
  [key: string]: string;
  id: string;
  file: string;
  now: string;
  current: string;
  target: string;
}

/** `unverified`: the target's data does not cover the module's component (reported at info, 0 h). */
export type JsTargetState = 'changed' | 'moved' | 'removed' | 'unverified';

/** The messages of checkJsTarget's `detail` part, declared by each rule that prints it as `{{detail}}`. */
export const JS_TARGET_DETAIL_MESSAGES = {
  detailUnverifiedFile:
    'could not verify {{file}} against {{target}}: the knowledge base has no file data for {{component}} there',
  detailUnverifiedAlias:
    'could not verify {{file}} against {{target}}: the knowledge base has no RequireJS alias data for {{component}} there',
  detailAbsent: '{{file}} is absent from {{target}}',
  detailMoved:
    '{{id}} loads {{now}} in {{target}} ({{file}} in {{current}}): core requirejs-config.js now points it at another file',
  detailChanged: '{{now}} changed between {{current}} and {{target}}',
};

export function checkJsTarget(
  context: RuleContext,
  id: string,
  area: string,
  report: (state: JsTargetState, detail: [MessagePart], facts: JsTargetFacts) => void,
): void {
  const current = context.files?.current;
  const target = context.files?.target;
  if (!current) return;
  const before = resolveJsModule(id, area, current);
  if (before === 'unknown' || before === undefined) return; // not core JS (or already absent): nothing to compare
  const after = target ? resolveJsModule(id, area, target) : 'unknown';
  const facts: JsTargetFacts = {
    id,
    file: where(before),
    now: after !== 'unknown' && after !== undefined ? where(after) : '',
    current: current.label,
    target: target?.label ?? context.target.release.version,
  };
  // An id only a core alias made a file cannot be judged against a target whose aliases are unknown.
  if (!target || after === 'unknown' || (before.aliased !== undefined && !target.js)) {
    // Core JS now, but the target's data does not hold its component: unknown, never "removed".
    const messageId = target && after !== 'unknown' ? 'detailUnverifiedAlias' : 'detailUnverifiedFile';
    report(
      'unverified',
      [{ messageId, data: { file: facts.file, target: facts.target, component: before.component } }],
      facts,
    );
    return;
  }
  if (after === undefined)
    report('removed', [{ messageId: 'detailAbsent', data: { file: facts.file, target: target.label } }], facts);
  else if (after.component !== before.component || after.path !== before.path)
    // A core alias now points elsewhere (wysiwygAdapter: tinymce4Adapter → tinymce5Adapter): a different module.
    report(
      'moved',
      [
        {
          messageId: 'detailMoved',
          data: { id, now: facts.now, target: target.label, file: facts.file, current: current.label },
        },
      ],
      facts,
    );
  // A change of comments and whitespace only (texts, or the index's meaningful hashes) changes nothing a mixin sees.
  else if (after.hash !== before.hash && !cosmeticChange(current, target, before.component, before.path))
    report(
      'changed',
      [{ messageId: 'detailChanged', data: { now: facts.now, current: current.label, target: target.label } }],
      facts,
    );
}

function where(file: { component: string; path: string }): string {
  return file.component === 'lib' ? `lib/web/${file.path}` : `${file.component}::${file.path}`;
}
