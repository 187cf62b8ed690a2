import type { ProjectModel } from '../../project/model.js';
import { buildAuditReport } from './audit-report.js';
import { renderAuditReport } from './render-audit-report.js';

export { AUDIT_SCHEMA_VERSION, buildAuditReport, isUseful, moduleState } from './audit-report.js';
export type { AuditReport, AuditModule, AuditPackage, AuditTheme, ModuleState } from './audit-report.js';
export { renderAuditMarkdown } from './render-markdown.js';
export { renderAuditText } from './render-text.js';

export type AuditFormat = 'text' | 'json' | 'md';
export const AUDIT_FORMATS: readonly AuditFormat[] = ['text', 'json', 'md'];

/**
 * Renders a model's audit in one format. JSON follows schemas/audit.schema.json. The same renderer as the CLI's, so the
 * Markdown is the client version (no local path, no custom admin path) here too.
 */
export function renderAudit(model: ProjectModel, format: AuditFormat, opts: { color?: boolean } = {}): string {
  return renderAuditReport(buildAuditReport(model), format, opts);
}
