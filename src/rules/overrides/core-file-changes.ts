// Core configuration files whose change matters to how a store is operated (queues, cron): compared per enabled
// core module between the current and the target release.
import { cosmeticChange } from '../../check/files/release-files.js';
import type { MessagePart, RuleContext } from '../rule.js';

/** The messages of the rules that report through reportCoreFileChanges (spread into their meta). */
export const CORE_FILE_MESSAGES = { coreFile: '{{module}} {{file}} is {{how}} in {{target}}{{note}}.' };

/**
 * Reports each core file of `files` that changed, with the note (a message part of the rule's meta, or none) and the
 * recommendation id `advice` picks.
 */
export function reportCoreFileChanges(
  context: RuleContext,
  files: string[],
  advice: (file: string, how: 'added' | 'removed' | 'changed') => { note?: MessagePart; recommendationId: string },
): void {
  const current = context.files?.current;
  const target = context.files?.target;
  if (!current || !target) return;
  const modules = context.project.modules.filter((m) => m.core && m.enabled !== false).map((m) => m.name);
  for (const module of [...new Set(modules)].sort()) {
    if (!current.hasComponent(module) || !target.hasComponent(module)) continue;
    for (const file of files) {
      const before = current.hash(module, file);
      const after = target.hash(module, file);
      if (before === after) continue;
      // Comments and whitespace only (texts, or the index's meaningful hashes): nothing about operating it changed.
      if (before && after && cosmeticChange(current, target, module, file)) continue;
      const how = !before ? 'added' : !after ? 'removed' : 'changed';
      const { note, recommendationId } = advice(file, how);
      context.report({
        module,
        subject: `${module} ${file}`,
        messageId: 'coreFile',
        data: { module, file, how, target: target.label, note: note ? [note] : [] },
        recommendationId,
      });
    }
  }
}
