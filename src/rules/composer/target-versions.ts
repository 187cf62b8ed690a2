// What the target release installs, as Composer sees it: exact magento/* versions, the metapackage's own
// third-party constraints, PHP and Composer's plugin API.
import type { InstalledLibrary } from '../../knowledge/target-installs.js';
import { formatMessage, type CheckTarget, type ComposerFacts, type MessagePart } from '../rule.js';

/** Packages that are the release itself: their version is the release version. */
export const RELEASE_METAPACKAGES = new Set([
  'magento/product-community-edition',
  'magento/product-enterprise-edition',
  'magento/magento2-base',
  'magento/magento2-ee-base',
  'magento/project-community-edition',
  'magento/project-enterprise-edition',
]);

export type TargetAnswer =
  /** The target installs exactly this version. */
  | { kind: 'exact'; version: string; by: string }
  /**
   * The target's metapackage requires this constraint; `installs` is the major the target installs when the data
   * allows saying it (src/knowledge/target-installs.ts), else the constraint is all that is known.
   */
  | { kind: 'constraint'; constraint: string; by: string; installs?: InstalledLibrary }
  /** The target runs PHP x.y. */
  | { kind: 'php'; version: string }
  /** The target needs Composer of this major (plugin API major). */
  | { kind: 'plugin-api'; constraint: string };

/** What the target says about dependency `name`, or undefined when it says nothing (we then never guess). */
export function targetAnswer(
  ctx: { target: CheckTarget; composer?: ComposerFacts | undefined },
  name: string,
): TargetAnswer | undefined {
  const target = ctx.target;
  const release = target.release;
  const metapackage = `magento/product-community-edition ${release.version}`;
  if (name === 'php') return { kind: 'php', version: target.php };
  if (name === 'composer-plugin-api') {
    const majors = (release.requirements.composer ?? [])
      .map((v) => v.split('.')[0])
      .filter((m) => m && /^\d+$/.test(m));
    if (majors.length === 0) return undefined;
    return { kind: 'plugin-api', constraint: [...new Set(majors)].map((m) => `^${m}.0`).join(' || ') };
  }
  if (RELEASE_METAPACKAGES.has(name) && !name.startsWith('magento/project-')) {
    return { kind: 'exact', version: release.version, by: `${release.version}` };
  }
  const exact = release.packages[name];
  if (exact !== undefined) return { kind: 'exact', version: exact, by: metapackage };
  const constraint = release.thirdParty[name];
  if (constraint !== undefined && !/^(ext-|lib-|php)/.test(name)) {
    const installs = ctx.composer?.targetInstalls?.(name);
    return { kind: 'constraint', constraint, by: metapackage, ...(installs ? { installs } : {}) };
  }
  return undefined;
}

/**
 * The target's project template as messages name it, by message id: `magento/project-community-edition 2.4.8-p3`
 * (`template`), `the 2.4.8-p3 project template` (`theTemplate`), or for a target the data has no metapackage of, the
 * nearest release of its line that stands in, said as such (`…Derived`: never passed off as the target's own).
 */
export const TEMPLATE_MESSAGES = {
  template: 'magento/project-community-edition {{release}}',
  templateDerived:
    "magento/project-community-edition {{from}} (derived from {{from}}: MageUp's data has no template of {{target}})",
  theTemplate: 'the {{release}} project template',
  theTemplateDerived:
    "the {{from}} project template (derived from {{from}}: MageUp's data has no template of {{target}})",
};

/** The message part naming the target's project template (`template`) or the phrase about it (`theTemplate`). */
export function templatePart(
  ctx: { target: CheckTarget; composer?: ComposerFacts | undefined },
  form: 'template' | 'theTemplate',
): MessagePart {
  const target = ctx.target.release.version;
  const from = ctx.composer?.targetDerivedFrom;
  return from
    ? { messageId: `${form}Derived`, data: { from, target } }
    : { messageId: form, data: { release: target } };
}

/** `the 2.4.8-p3 project template`, or `the 2.4.6-p14 project template (derived: … no template of 2.4.6-p15)`. */
export function templatePhrase(ctx: { target: CheckTarget; composer?: ComposerFacts | undefined }): string {
  const part = templatePart(ctx, 'theTemplate');
  return formatMessage({ id: 'composer/project-template', messages: TEMPLATE_MESSAGES }, part.messageId, part.data);
}
