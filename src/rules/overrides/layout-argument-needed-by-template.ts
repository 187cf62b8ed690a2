import { templateDataReads, templateOf } from '../../knowledge/layout-arguments/format.js';
import type { LayoutArgumentRelease } from '../../knowledge/layout-arguments/index.js';
import type { LayoutFile, Theme } from '../../project/model.js';
import type { MessagePart, Rule, RuleContext } from '../rule.js';
import { projectLayouts } from './layouts.js';

/** The block class a `<block>` without `class` gets, and the data keys it (not its template) reads itself. */
const TEMPLATE_BLOCK = 'Magento\\Framework\\View\\Element\\Template';
const BLOCK_OWN_KEYS = new Set(['template', 'jsLayout', 'cache_lifetime', 'cache_key', 'cache_tags', 'module_name']);

/**
 * A project layout that declares a block rendering a core template hands the template its data through `<arguments>`.
 * When a release makes the template read a view model that core's own layouts pass (Magento_Wishlist::sidebar.phtml
 * and `wishlistDataViewModel` from 2.4.1-p1), a block declared by a theme without it gets null, and the first call on
 * it is a fatal error. The same holds when the theme's own override of the template was ported to the release and
 * reads it (Alpaca's 2.4.2 update, fixed by 035fffb8). When a release stops reading an argument, the layout's argument
 * no longer does anything.
 */
export const layoutArgumentNeededByTemplate: Rule = {
  meta: {
    id: 'overrides/layout-argument-needed-by-template',
    severity: 'warning',
    category: 'overrides',
    description:
      'Layout block rendering a core template that, at the target, reads a view model the block is not given (or no longer reads an argument the block passes)',
    docs:
      'A block declared in a theme or module layout with a core template (`template="Magento_Wishlist::sidebar.phtml"`) ' +
      "gets only the arguments its own layouts pass. When the target's template starts reading a view model that " +
      "core's layouts pass to their own block (`$block->getData('wishlistDataViewModel')->isAllow()`), the project's " +
      'block hands it null: the page fails at the first call. A theme that overrides the template is judged by what ' +
      'its copy reads (a copy ported to the target reads the new view model too). When the target template no ' +
      'longer reads an argument ' +
      'the block passes, the customization silently stops applying. Judged from the shipped layout-argument index ' +
      '(what each core template reads and which view models core layouts pass it, per release); a release or ' +
      'template the index does not hold is reported as "could not verify", never as a change.',
    recommendations: {
      renderOnTarget: 'Render these blocks on a {{release}} install.',
      addArgument:
        'Add <argument name="{{argument}}" xsi:type="object">{{class}}</argument> to the block\'s <arguments>.',
      readTemplate: 'Read {{template}} of {{targetLabel}}: pass what it reads now instead, or drop the argument.',
    },
    messages: {
      missing:
        'Block "{{block}}" renders {{template}}, which from {{target}} reads the view model "{{argument}}" that ' +
        "core's layouts pass as {{class}} ({{current}} did not need it); this block is not given it, so the template " +
        'gets null, and a call on it is a fatal error.',
      missingInCopy:
        'Block "{{block}}" renders {{template}} through this theme\'s copy ({{copy}}), which reads the view model ' +
        '"{{argument}}"; core\'s layouts pass it as {{class}} to their own blocks from {{target}} on ({{current}} did ' +
        'not need it), but this block is not given it, so the template gets null, and a call on it is a fatal error.',
      unread:
        'Block "{{block}}" passes "{{argument}}" to {{template}}, which reads it in {{current}} but no longer in ' +
        '{{target}}: the argument has no effect there.',
      unverified:
        'Could not verify the arguments {{templates}} need from the blocks of this layout against {{target}}: {{reason}}.',
      // The reasons of unverified.
      noTargetData: 'the knowledge base has no layout-argument data for the {{version}} line',
      noCurrentData: 'the knowledge base has no layout-argument data for {{current}}',
      noCurrentDataUnlabelled: 'the knowledge base has no layout-argument data for the current release',
      // A release as the messages name it: with the release whose layout data stands in for it, when another's does.
      release: '{{version}}',
      releaseFromData: '{{version}} (layout data of {{data}})',
      unnamed: '(unnamed)',
    },
    messageSeverity: { unverified: 'info' },
  },
  check(context) {
    const files = context.files;
    if (!files) return;
    const targetLabel = files.target?.label ?? context.target.release.version;
    const after = files.target?.layoutArguments;
    const before = files.current?.layoutArguments;
    const layouts = projectLayouts(context);
    const themeOf = new Map<LayoutFile, Theme>();
    for (const t of context.project.themes) for (const l of t.layouts ?? []) themeOf.set(l, t);
    // Arguments the project's own referenceBlocks pass to a block name, by area.
    const referenced = new Map<string, Set<string>>();
    for (const layout of layouts)
      for (const reference of layout.references)
        for (const a of reference.arguments ?? []) {
          const key = `${layout.area} ${reference.name}`;
          referenced.set(key, (referenced.get(key) ?? new Set()).add(a.name));
        }
    for (const layout of layouts) {
      const blocks = coreTemplateBlocks(context, layout, themeOf.get(layout));
      if (blocks.length === 0) continue;
      const reason: MessagePart | undefined = !after
        ? { messageId: 'noTargetData', data: { version: context.target.release.version } }
        : !before
          ? files.current
            ? { messageId: 'noCurrentData', data: { current: files.current.label } }
            : { messageId: 'noCurrentDataUnlabelled' }
          : undefined;
      if (reason) {
        const templates = [...new Set(blocks.map((b) => b.template))];
        context.report({
          file: layout.file,
          subject: 'layout arguments not covered',
          messageId: 'unverified',
          data: {
            templates: `${templates.slice(0, 5).join(', ')}${templates.length > 5 ? ', …' : ''}`,
            target: targetLabel,
            reason: [reason],
            release: context.target.release.version,
          },
          recommendationId: 'renderOnTarget',
          effort: { hours: 0, confidence: 'low' },
        });
        continue;
      }
      for (const b of blocks) {
        const label = {
          template: b.template,
          current: labelOf(context.current.release?.version ?? files.current!.label, before!),
          target: labelOf(context.target.release.version, after!),
        };
        for (const missing of missingViewModels(context, b, layout.area, before!, after!, referenced)) {
          context.report({
            file: layout.file,
            line: b.block.line,
            subject: `${b.block.name ?? b.template} ${missing.argument}`,
            messageId: b.copy ? 'missingInCopy' : 'missing',
            data: {
              block: b.block.name ?? [{ messageId: 'unnamed' }],
              argument: missing.argument,
              class: missing.class,
              ...(b.copy ? { copy: b.copy } : {}),
              ...label,
            },
            recommendationId: 'addArgument',
            effort: { hours: 0.5, confidence: 'high' },
          });
        }
        for (const argument of unreadArguments(b, layout.area, before!, after!)) {
          context.report({
            file: layout.file,
            line: argument.line,
            subject: `${b.block.name ?? b.template} ${argument.name} unread`,
            messageId: 'unread',
            data: { block: b.block.name ?? [{ messageId: 'unnamed' }], argument: argument.name, ...label, targetLabel },
            recommendationId: 'readTemplate',
            effort: { hours: 1, confidence: 'medium' },
          });
        }
      }
    }
  },
};

interface CoreTemplateBlock {
  block: LayoutFile['blocks'][number];
  /** `Magento_Wishlist::sidebar.phtml` */
  template: string;
  module: string;
  path: string;
  /** The project theme's override that renders instead of core's file (a theme layout's own theme or its parents). */
  copy?: string;
}

/**
 * Blocks of a layout that render a Magento template: core's file, or the copy of the layout's own theme (or of a
 * project theme it inherits from). A module layout's block whose template some project theme overrides is left out:
 * which copy renders depends on the store's theme.
 */
function coreTemplateBlocks(context: RuleContext, layout: LayoutFile, theme: Theme | undefined): CoreTemplateBlock[] {
  const chain = theme
    ? [theme, ...theme.parentChain.map((code) => context.project.themes.find((t) => t.code === code))]
    : context.project.themes;
  const copyOf = (module: string, path: string) => {
    for (const t of chain) {
      if (!t || (t.location === 'vendor' && t.package?.startsWith('magento/'))) continue;
      const copy = t.overrides.find(
        (o) => o.kind === 'template' && o.module === module && o.modulePath === `templates/${path}`,
      );
      if (copy) return copy.file;
    }
    return undefined;
  };
  const out: CoreTemplateBlock[] = [];
  for (const block of layout.blocks) {
    const resolved = block.template ? templateOf(block.template, block.class || TEMPLATE_BLOCK) : undefined;
    if (!resolved?.module.startsWith('Magento_')) continue;
    const copy = copyOf(resolved.module, resolved.path);
    if (copy && !theme) continue;
    out.push({ block, template: `${resolved.module}::${resolved.path}`, ...resolved, ...(copy ? { copy } : {}) });
  }
  return out;
}

/**
 * View models the target template needs that nothing gives the block: its own arguments, the project's
 * referenceBlocks on its name, core's layouts on its name. A class of the project's own may set them itself, so only
 * core block classes are judged; a need the current release already had is not the upgrade's (the store gets it
 * somewhere, or the page is broken today).
 */
function missingViewModels(
  context: RuleContext,
  b: CoreTemplateBlock,
  area: string,
  before: LayoutArgumentRelease,
  after: LayoutArgumentRelease,
  referenced: Map<string, Set<string>>,
): { argument: string; class: string }[] {
  if (b.block.class && !b.block.class.startsWith('Magento\\')) return [];
  const needed = after.required(area, b.module, b.path);
  const readBefore = before.reads(area, b.module, b.path);
  if (!needed || needed.size === 0 || !readBefore) return [];
  // A theme's copy renders instead: what it reads decides (unknown text: not judged).
  const copyText = b.copy ? context.files?.projectText?.(b.copy) : undefined;
  if (b.copy && copyText === undefined) return [];
  const copyReads = copyText !== undefined ? new Set(templateDataReads(copyText)) : undefined;
  const neededBefore = before.required(area, b.module, b.path) ?? new Map<string, string>();
  const given = new Set((b.block.arguments ?? []).map((a) => a.name));
  if (b.block.name) {
    for (const n of referenced.get(`${area} ${b.block.name}`) ?? []) given.add(n);
    if (area !== 'base') for (const n of referenced.get(`base ${b.block.name}`) ?? []) given.add(n);
    for (const n of after.provided(area, b.block.name)) given.add(n);
  }
  return [...needed]
    .filter(([argument]) => !given.has(argument) && !neededBefore.has(argument) && (copyReads?.has(argument) ?? true))
    .map(([argument, cls]) => ({ argument, class: cls }));
}

/**
 * Arguments the block passes that the current core template read and the target's does not. Only blocks of the plain
 * Template class rendering core's file: any other class may read the argument itself, a theme's copy is its own.
 */
function unreadArguments(
  b: CoreTemplateBlock,
  area: string,
  before: LayoutArgumentRelease,
  after: LayoutArgumentRelease,
): NonNullable<LayoutFile['blocks'][number]['arguments']> {
  if (b.copy || (b.block.class && b.block.class !== TEMPLATE_BLOCK)) return [];
  const readBefore = before.reads(area, b.module, b.path);
  const readAfter = after.reads(area, b.module, b.path);
  if (!readBefore || !readAfter) return [];
  return (b.block.arguments ?? []).filter(
    (a) => !BLOCK_OWN_KEYS.has(a.name) && readBefore.has(a.name) && !readAfter.has(a.name),
  );
}

/** `2.4.8-p3 (layout data of 2.4.8-p1)` when another release's data stands in. */
function labelOf(version: string, data: LayoutArgumentRelease): MessagePart[] {
  return [
    version === data.release
      ? { messageId: 'release', data: { version } }
      : { messageId: 'releaseFromData', data: { version, data: data.release } },
  ];
}
