import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { severityRank, type Finding } from '../core/finding.js';
import { schemaDiff } from './api.js';
import { cacheVerdict } from './net.js';
import { verifyFinding } from './rules.js';
import { mannWhitney, median } from './stats.js';
import type { VerifyRun, VisualDiff } from './types.js';
import { diffScreenshots, VISUAL_THRESHOLD } from './visual.js';

/** A slowdown counts when significant (p < ALPHA) and larger than both of these. */
export const ALPHA = 0.05;
export const MIN_SLOWDOWN_RATIO = 1.2;
export const MIN_SLOWDOWN_MS = 50;

/**
 * Before/after findings: timings compared with the Mann-Whitney U test (never one number against another), the page
 * cache, the GraphQL schema, REST statuses, screenshots. `beforeDir` and `afterDir` hold each run's screenshots.
 */
export function compareRuns(
  before: VerifyRun,
  after: VerifyRun,
  dirs: { before: string; after: string },
): { findings: Finding[]; visual: VisualDiff[] } {
  const out: Finding[] = [];
  // Timings.
  for (const s of after.perf?.series ?? []) {
    const b = before.perf?.series.find((x) => x.store === s.store && x.kind === s.kind);
    if (!b) continue;
    const metrics = [
      ['TTFB', b.ttfbMs, s.ttfbMs],
      ['DOMContentLoaded', b.domContentLoadedMs, s.domContentLoadedMs],
      ['LCP', b.lcpMs, s.lcpMs],
    ] as const;
    for (const [name, was, now] of metrics) {
      const test = mannWhitney(now, was);
      const m0 = median(was);
      const m1 = median(now);
      if (!test || m0 === null || m1 === null) continue;
      if (test.p < ALPHA && m1 > m0 * MIN_SLOWDOWN_RATIO && m1 - m0 > MIN_SLOWDOWN_MS)
        out.push(
          verifyFinding('perf-regression', {
            store: s.store,
            subject: `${s.kind} ${name}`,
            severity: m1 > m0 * 2 ? 'error' : 'warning',
            message:
              `${s.kind} page ${name} median ${fmt(m0)} → ${fmt(m1)} ms (×${(m1 / m0).toFixed(2)}; ` +
              `Mann-Whitney U=${test.u}, p=${test.p.toPrecision(2)}, n=${was.length}/${now.length})`,
          }),
        );
    }
    if (cacheVerdict(b.cache) === 'HIT' && cacheVerdict(s.cache) === 'MISS')
      out.push(
        verifyFinding('fpc-regression', {
          store: s.store,
          subject: s.kind,
          message: `${s.kind} page ${s.url} came from the full-page cache before (${b.cache}) and does not now (${s.cache})`,
        }),
      );
  }
  const l0 = before.perf?.load;
  const l1 = after.perf?.load;
  if (l0 && l1 && !l0.skipped && !l1.skipped && l0.concurrency === l1.concurrency && l0.requestsPerSecond > 0) {
    const rpsDrop = 1 - l1.requestsPerSecond / l0.requestsPerSecond;
    const p95Rise = l0.latencyMs.p95 > 0 ? l1.latencyMs.p95 / l0.latencyMs.p95 - 1 : 0;
    if (rpsDrop > 0.2 || p95Rise > 0.5)
      out.push(
        verifyFinding('load-regression', {
          subject: 'load',
          message:
            `under ${l1.concurrency} connections: ${l0.requestsPerSecond} → ${l1.requestsPerSecond} requests/s, ` +
            `p95 ${l0.latencyMs.p95} → ${l1.latencyMs.p95} ms`,
        }),
      );
  }
  // GraphQL schema.
  const g0 = before.api?.graphql;
  const g1 = after.api?.graphql;
  if (g0?.introspection === 'ok' && g1 && g1.introspection !== 'ok')
    out.push(
      verifyFinding('graphql-unavailable', {
        subject: 'graphql',
        message: `GraphQL introspection answered before and does not now: ${g1.error ?? g1.introspection}`,
      }),
    );
  if (g0?.introspection === 'ok' && g1?.introspection === 'ok') {
    const diff = schemaDiff(g0.fields, g1.fields);
    for (const line of diff.removed)
      out.push(
        verifyFinding('graphql-removed', { subject: `removed ${line}`, message: `GraphQL schema: ${line} is gone` }),
      );
    for (const c of diff.changed)
      out.push(
        verifyFinding('graphql-removed', {
          subject: `changed ${c.before}`,
          message: `GraphQL schema: ${c.before} is now ${c.after}`,
        }),
      );
  }
  // REST.
  for (const r of after.api?.rest ?? []) {
    const was = before.api?.rest.find((x) => x.method === r.method && x.path === r.path);
    if (!was || was.status === r.status) continue;
    const security = was.anonymous === 'refused' && r.anonymous === 'answered';
    out.push(
      verifyFinding(security ? 'api-anonymous' : 'rest-changed', {
        subject: `rest ${r.method} ${r.path}`,
        message: `${r.method} /rest${r.path} answered HTTP ${was.status ?? 'nothing'} before, HTTP ${r.status ?? 'nothing'} now (${r.source})`,
      }),
    );
  }
  // Pages of the baseline that could not be probed now.
  for (const p of before.pages) {
    if (p.http?.status !== 200) continue;
    const now = after.pages.find((x) => x.store === p.store && x.kind === p.kind);
    if (now && !now.skipped) continue;
    if (!after.stores.some((s) => s.code === p.store)) continue;
    out.push(
      verifyFinding('page-gone', {
        store: p.store,
        subject: p.kind,
        message: `${p.kind} page ${p.url} was probed in the baseline and not now${now?.skipped ? ` (${now.skipped})` : ''}`,
      }),
    );
  }
  // Screenshots.
  const visual: VisualDiff[] = [];
  for (const p of after.pages) {
    const shot = p.browser?.screenshot;
    const was = before.pages.find((x) => x.store === p.store && x.kind === p.kind)?.browser?.screenshot;
    if (!shot || !was) continue;
    const a = join(dirs.before, was);
    const b = join(dirs.after, shot);
    if (!existsSync(a) || !existsSync(b)) continue;
    const diffRel = shot.replace(/^shots\//, 'diffs/');
    const d = diffScreenshots(a, b, join(dirs.after, diffRel));
    visual.push({
      store: p.store,
      kind: p.kind,
      before: a,
      after: shot,
      diff: diffRel,
      diffRatio: Math.round(d.ratio * 10000) / 10000,
      sizeChanged: d.sizeChanged,
    });
    if (d.ratio > VISUAL_THRESHOLD)
      out.push(
        verifyFinding('visual-change', {
          store: p.store,
          subject: p.kind,
          message: `${p.kind} page ${p.url}: ${(d.ratio * 100).toFixed(1)} % of pixels differ from the baseline${d.sizeChanged ? ' (page size changed)' : ''}`,
        }),
      );
  }
  return { findings: out, visual };
}

/** Findings of `after` that the baseline did not have, at warning or worse: what makes `verify --baseline` fail. */
export function regressionsOf(
  before: VerifyRun,
  after: Finding[],
): { regressions: Finding[]; fixed: Finding[]; unchanged: Finding[] } {
  const was = new Set(before.findings.map((f) => f.fingerprint));
  const now = new Set(after.map((f) => f.fingerprint));
  return {
    regressions: after.filter((f) => !was.has(f.fingerprint) && severityRank(f.severity) <= severityRank('warning')),
    fixed: before.findings.filter((f) => !now.has(f.fingerprint)),
    unchanged: after.filter((f) => was.has(f.fingerprint)),
  };
}

function fmt(ms: number): string {
  return ms >= 100 ? ms.toFixed(0) : ms.toFixed(1);
}
