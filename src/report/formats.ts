/** Every output format of `mageup check`. Kept apart from the renderers so the CLI can list them without loading them. */
export const CHECK_REPORT_FORMATS = ['text', 'json', 'md', 'html', 'sarif', 'junit', 'github'] as const;
export type CheckReportFormat = (typeof CHECK_REPORT_FORMATS)[number];

/** Every output format of `mageup audit` (the audit has no findings: CI formats carry its problems). */
export const AUDIT_REPORT_FORMATS = ['text', 'json', 'md', 'html', 'sarif', 'junit', 'github'] as const;
export type AuditReportFormat = (typeof AUDIT_REPORT_FORMATS)[number];

/** Every output format of `mageup fleet report`. */
export const FLEET_REPORT_FORMATS = ['text', 'json', 'md', 'html', 'csv'] as const;
export type FleetReportFormat = (typeof FLEET_REPORT_FORMATS)[number];
