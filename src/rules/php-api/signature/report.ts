// What the checks of php-api/signature-mismatch share: their shape, and how they report (a finding at a line of a unit
// of the code under check, or at a line of a plugin class that di.xml declares, its module known, its file maybe not
// under check).
import type { ClassDecl } from '../../../php/types.js';
import type { CodeUnit, MessageData, RuleContext } from '../../rule.js';
import type { ClassWorld } from '../../../check/class-world.js';

/** A check of one class declaration of the code under check against the target (and the current release, if known). */
export type ClassCheck = (
  context: RuleContext,
  unit: CodeUnit,
  decl: ClassDecl,
  target: ClassWorld,
  current: ClassWorld | null,
) => void;

interface SignatureReport {
  messageId: string;
  data: MessageData;
  recommendationId: string;
  subject: string;
  hours: number;
}

export function reportAt(context: RuleContext, unit: CodeUnit, line: number, r: SignatureReport): void {
  context.report({
    messageId: r.messageId,
    data: r.data,
    file: unit.analysis.file,
    line,
    ...(unit.package ? { package: unit.package } : {}),
    ...(unit.module ? { module: unit.module } : {}),
    recommendationId: r.recommendationId,
    effort: { hours: r.hours, confidence: 'high' },
    subject: r.subject,
  });
}

export function reportPluginAt(
  context: RuleContext,
  where: { file: string; pkg: string | null; moduleName: string },
  line: number,
  r: SignatureReport,
): void {
  context.report({
    messageId: r.messageId,
    data: r.data,
    file: where.file,
    line,
    ...(where.pkg ? { package: where.pkg } : {}),
    module: where.moduleName,
    recommendationId: r.recommendationId,
    effort: { hours: r.hours, confidence: 'medium' },
    subject: r.subject,
  });
}
