import type { CheckResult } from '../check/types.js';
import type { AuditReport } from '../report/audit/audit-report.js';
import { loadReleaseData } from '../knowledge/catalog.js';
import { defaultStoreDir, RunStore, runOfCheck, type RunRecord } from './run-store.js';

/** `--store`, or the project's store in the user data directory. */
export function storeFor(projectRoot: string, store?: string): string {
  return store ?? defaultStoreDir(projectRoot);
}

/** Version of the shipped knowledge base: the day its release data was collected. */
export function knowledgeBaseVersion(): string | undefined {
  try {
    return loadReleaseData().generated;
  } catch {
    return undefined;
  }
}

/**
 * Records a run. Returns the run id, or the reason it could not be recorded: history is a record, not the result, so
 * a locked or damaged store is reported to the caller without failing the command.
 */
export async function recordRun(
  run: RunRecord,
  store: string,
): Promise<{ id: number; store: string } | { error: string }> {
  let opened: RunStore | undefined;
  try {
    opened = await RunStore.open(store);
    const id = await opened.record(run);
    return { id, store: opened.location };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  } finally {
    await opened?.close().catch(() => undefined);
  }
}

export function recordCheck(
  result: CheckResult,
  store?: string,
): Promise<{ id: number; store: string } | { error: string }> {
  const kbVersion = knowledgeBaseVersion();
  return recordRun(runOfCheck(result, kbVersion ? { kbVersion } : {}), storeFor(result.project.root, store));
}

export function recordAudit(
  report: AuditReport,
  store?: string,
): Promise<{ id: number; store: string } | { error: string }> {
  return recordRun(runOfAudit(report), storeFor(report.project.root, store));
}

/** The record of an audit run: its summary, edition and patch level (the inventory itself is not kept). */
export function runOfAudit(report: AuditReport, recordedAt = new Date()): RunRecord {
  const kbVersion = knowledgeBaseVersion();
  return {
    project: report.project.root,
    command: 'audit',
    recordedAt,
    toolVersion: report.tool.version,
    ...(kbVersion ? { kbVersion } : {}),
    currentVersion: report.magento.version,
    targets: [],
    summary: report.summary,
    findings: [],
    // What a dashboard shows of the store: edition and patch level.
    result: {
      kind: report.project.kind,
      magento: report.magento,
      ...(report.patchLevel
        ? {
            patchLevel: {
              label: report.patchLevel.label,
              line: report.patchLevel.line,
              requires: report.patchLevel.requires,
            },
          }
        : {}),
    },
  };
}
