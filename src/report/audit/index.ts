import type { ProjectModel } from '../../project/model.js';
import { buildAuditReport } from './audit-report.js';
import { renderAuditMarkdown } from './render-markdown.js';
import { renderAuditText } from './render-text.js';

export { AUDIT_SCHEMA_VERSION, buildAuditReport, isUseful, moduleState } from './audit-report.js';
export type { AuditReport, AuditModule, AuditPackage, AuditTheme, ModuleState } from './audit-report.js';
export { renderAuditMarkdown } from './render-markdown.js';
export { renderAuditText } from './render-text.js';

export type AuditFormat = 'text' | 'json' | 'md';
export const AUDIT_FORMATS: readonly AuditFormat[] = ['text', 'json', 'md'];

/** Renders a model's audit in one format. JSON follows schemas/audit.schema.json. */
export function renderAudit(model: ProjectModel, format: AuditFormat, opts: { color?: boolean } = {}): string {
  const report = buildAuditReport(model);
  if (format === 'json') return `${JSON.stringify(report, null, 2)}\n`;
  if (format === 'md') return renderAuditMarkdown(report);
  return renderAuditText(report, { color: opts.color ?? false });
}
