import { forClient } from '../client.js';
import type { AuditReportFormat } from '../formats.js';
import { renderAuditHtml } from '../html/render-audit-html.js';
import { viewOfAudit } from '../json/findings-view.js';
import { renderFindingsView } from '../render-findings-view.js';
import type { AuditReport } from './audit-report.js';
import { renderAuditMarkdown } from './render-markdown.js';
import { renderAuditText } from './render-text.js';

/** An audit in one format. JSON follows schemas/audit.schema.json. */
export function renderAuditReport(
  report: AuditReport,
  format: AuditReportFormat,
  opts: { color?: boolean } = {},
): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify(report, null, 2)}\n`;
    case 'md':
      return renderAuditMarkdown(auditForClient(report));
    case 'html':
      return renderAuditHtml(auditForClient(report));
    case 'sarif':
    case 'junit':
    case 'github':
      // The audit has no findings, so no rule texts to look up.
      return renderFindingsView(viewOfAudit(report), format, () => undefined);
    case 'text':
      return renderAuditText(report, { color: opts.color ?? false });
  }
}

/** The audit as a client may see it (see forClient): no local path, a custom admin path named as such only. */
function auditForClient(report: AuditReport): AuditReport {
  const admin = report.services.adminFrontName;
  const hidden =
    admin && admin !== 'admin'
      ? { ...report, services: { ...report.services, adminFrontName: 'custom (not shown in client reports)' } }
      : report;
  return forClient(hidden, report.project.root, { adminFrontName: admin });
}
