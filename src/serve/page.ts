import type { Severity } from '../core/finding.js';
import { effortDays } from '../report/html/render-html.js';
import { escapeHtml as h } from '../report/html/escape.js';
import { cspHash } from '../report/html/page-assets.js';
import type { Dashboard, DashboardStore } from './overview.js';
import { DASHBOARD_SCRIPT, DASHBOARD_STYLE } from './page-assets.js';

const SEVERITIES: Severity[] = ['critical', 'error', 'warning', 'info'];

/** The Content-Security-Policy of the dashboard: its own style and script only, no network at all. */
const PAGE_CSP =
  `default-src 'none'; style-src '${cspHash(DASHBOARD_STYLE)}'; script-src '${cspHash(DASHBOARD_SCRIPT)}'; ` +
  "img-src data:; base-uri 'none'; form-action 'none'";
/** As an HTTP header it also forbids framing (browsers ignore frame-ancestors in a meta element). */
export const DASHBOARD_CSP = `${PAGE_CSP}; frame-ancestors 'none'`;

const EDITIONS: Record<string, string> = {
  'open-source': 'Open Source',
  commerce: 'Adobe Commerce',
  'mage-os': 'Mage-OS',
  b2b: 'Commerce B2B',
};

/**
 * The dashboard page: one row per store (project of the history) with version, patch level, support, exploited
 * bulletins, findings, effort, trend and whether it can move now; filters and sorting run in the page, every value
 * is escaped, the page loads nothing from anywhere.
 */
export function renderDashboard(d: Dashboard, opts: { toolVersion: string; storeLabel: string }): string {
  const stores = d.stores;
  const exposed = stores.filter((s) => (s.openExploited?.length ?? 0) > 0).length;
  const notVerified = stores.filter((s) => (s.unverifiedBulletins?.length ?? 0) > 0).length;
  const canMove = stores.filter((s) => s.canMoveTo !== null).length;
  const blocked = stores.filter((s) => status(s).includes('blocked')).length;
  const ended = stores.filter((s) => s.support.status === 'ended').length;
  const endingSoon = stores.filter((s) => s.support.status === 'ending-soon').length;
  const effort = stores.reduce((sum, s) => sum + (s.effortHours ?? 0), 0);
  const editions = [...new Set(stores.map((s) => s.edition ?? 'unknown'))].sort();
  const tags = [...new Set(stores.flatMap((s) => s.tags))].sort();

  const out: string[] = [];
  out.push('<!DOCTYPE html>', '<html lang="en">', '<head>', '<meta charset="utf-8">');
  out.push(`<meta http-equiv="Content-Security-Policy" content="${h(PAGE_CSP)}">`);
  out.push('<meta name="viewport" content="width=device-width, initial-scale=1">');
  out.push(`<title>MageUp · ${stores.length} store${stores.length === 1 ? '' : 's'}</title>`);
  out.push(`<style>${DASHBOARD_STYLE}</style>`, '</head>', '<body>');
  out.push(
    `<header class="top"><h1>MageUp stores</h1><span class="sub">${h(opts.storeLabel)} · read ${h(d.generatedAt.slice(0, 16).replace('T', ' '))} UTC · MageUp ${h(opts.toolVersion)}</span></header>`,
  );
  out.push('<main>');
  out.push('<section class="cards" id="totals">');
  out.push(card('Stores', String(stores.length), ''));
  out.push(card('Exposed to exploited bulletins', String(exposed), exposed > 0 ? 'bad' : 'good', 'exposed'));
  out.push(
    card(
      'Bulletins not verified',
      String(notVerified),
      notVerified > 0 ? 'warn' : '',
      'not-verified',
      'stores whose data does not cover every bulletin',
    ),
  );
  out.push(card('Can move now', String(canMove), canMove > 0 ? 'good' : '', 'can-move'));
  out.push(card('Blocked', String(blocked), blocked > 0 ? 'warn' : '', 'blocked'));
  out.push(
    card('Out of support', String(ended), ended > 0 ? 'bad' : 'good', 'ended', `${endingSoon} ending within 6 months`),
  );
  out.push(card('Estimated effort', `${effortDays(effort)} d`, '', 'effort', `${Math.round(effort)} developer hours`));
  out.push('</section>');
  if (d.problems.length > 0) {
    out.push('<div class="problems" id="problems"><strong>Not read this time:</strong><ul>');
    for (const p of d.problems) out.push(`<li><code>${h(p.source)}</code>: ${h(p.message)}</li>`);
    out.push('</ul></div>');
  }
  if (stores.length === 0) {
    out.push(
      '<div class="empty" id="empty"><p><strong>No runs recorded yet.</strong></p><p class="muted">Run <code>mageup audit</code> and <code>mageup check</code> on a project (or <code>--store</code> the same store as this dashboard): each run appears here.</p></div>',
    );
  } else {
    out.push(
      '<div class="filters"><input type="search" id="f-text" placeholder="Filter by store, version, blocker…" aria-label="Filter stores">' +
        `<label>Edition <select id="f-edition"><option value="">all</option>${editions.map((e) => `<option value="${h(e)}">${h(EDITIONS[e] ?? e)}</option>`).join('')}</select></label>` +
        '<label>Status <select id="f-status"><option value="">all</option><option value="exposed">exposed (exploited bulletin open)</option>' +
        '<option value="bulletins-unverified">bulletins not verified</option><option value="can-move">can move now</option><option value="blocked">blocked</option><option value="unverified">could not verify</option>' +
        '<option value="unchecked">no check run</option></select></label>' +
        (tags.length > 0
          ? `<label>Tag <select id="f-tag"><option value="">all</option>${tags.map((t) => `<option value="${h(t)}">${h(t)}</option>`).join('')}</select></label>`
          : '') +
        '<label>Support <select id="f-support"><option value="">all</option><option value="ended">ended</option><option value="ending-soon">ending soon</option>' +
        '<option value="supported">supported</option><option value="unknown">unknown</option></select></label>' +
        `<span id="shown">${stores.length} of ${stores.length} stores shown</span></div>`,
    );
    out.push(
      '<table id="stores"><thead><tr>' +
        '<th data-sort="text">Store</th><th data-sort="text">Edition</th><th data-sort="text">Version</th>' +
        '<th data-sort="text">Patch level</th><th data-sort="text">End of support</th>' +
        '<th data-sort="number">Exploited open</th><th data-sort="number">Not verified</th>' +
        '<th data-sort="number">Findings</th>' +
        '<th data-sort="number">Effort</th><th data-sort="number">Trend</th><th data-sort="text">Upgrade</th>' +
        '<th data-sort="text">Last run</th></tr></thead><tbody>',
    );
    for (const s of stores) out.push(row(s), detail(s));
    out.push('</tbody></table>');
  }
  out.push('</main>', `<script>${DASHBOARD_SCRIPT}</script>`, '</body>', '</html>');
  return `${out.join('\n')}\n`;
}

function card(label: string, value: string, cls: string, id = label.toLowerCase(), sub = ''): string {
  return (
    `<div class="card ${cls}" id="card-${h(id)}"><div class="k">${h(label)}</div><div class="v">${h(value)}</div>` +
    `${sub ? `<div class="muted">${h(sub)}</div>` : ''}</div>`
  );
}

/** Status words a row carries for the status filter. */
function status(s: DashboardStore): string[] {
  const out: string[] = [];
  if ((s.openExploited?.length ?? 0) > 0) out.push('exposed');
  if ((s.unverifiedBulletins?.length ?? 0) > 0) out.push('bulletins-unverified');
  if (s.readiness.length === 0) out.push('unchecked');
  else if (s.canMoveTo) out.push('can-move');
  else if (s.readiness.some((r) => r.canMoveNow === false)) out.push('blocked');
  else out.push('unverified');
  return out;
}

function row(s: DashboardStore): string {
  const edition = s.edition ?? 'unknown';
  const severity = s.bySeverity
    ? SEVERITIES.map(
        (sev) =>
          `<span class="sev sev-${sev}${s.bySeverity![sev] === 0 ? ' zero' : ''}" title="${sev}">${s.bySeverity![sev]}</span>`,
      ).join('')
    : '<span class="muted">no check</span>';
  // Sorting by findings puts the worst first: critical weighs most.
  const weight = s.bySeverity
    ? s.bySeverity.critical * 1e6 + s.bySeverity.error * 1e3 + s.bySeverity.warning + s.bySeverity.info / 1e3
    : '';
  const exploited =
    s.openExploited === null
      ? '<td data-value=""><span class="muted">could not verify</span></td>'
      : s.openExploited.length === 0
        ? '<td data-value="0"><span class="pill good">none</span></td>'
        : `<td data-value="${s.openExploited.length}"><span class="pill bad">${s.openExploited.length}</span> <span class="muted">${h(
            s.openExploited.map((o) => o.name ?? o.bulletin).join(', '),
          )}</span></td>`;
  const unverified = s.unverifiedBulletins;
  const notVerified =
    unverified === null
      ? '<td data-value=""><span class="muted">could not verify</span></td>'
      : unverified.length === 0
        ? '<td data-value="0"><span class="pill good">none</span></td>'
        : `<td data-value="${unverified.length}"><span class="pill warn">${unverified.length}</span> <span class="muted">${h(
            [...new Set(unverified.map((u) => u.release))].map((r) => `against ${r}`).join(', '),
          )}</span></td>`;
  const text = [
    s.name,
    ...s.tags,
    edition,
    EDITIONS[edition] ?? '',
    s.version ?? '',
    s.patchLevel ?? '',
    ...s.readiness.flatMap((r) => [r.target, ...r.blockedBy]),
    ...(s.openExploited ?? []).flatMap((o) => [o.bulletin, o.name ?? '', ...o.cves]),
    ...(unverified ?? []).map((u) => u.bulletin ?? ''),
  ]
    .join(' ')
    .toLowerCase();
  return (
    `<tr class="store" data-id="${h(s.id)}" data-edition="${h(edition)}" data-support="${h(s.support.status)}" ` +
    `data-status="${h(status(s).join(' '))}" data-tags="${h(s.tags.join(' '))}" data-text="${h(text)}">` +
    `<td class="name" data-value="${h(s.name.toLowerCase())}"><button type="button" aria-expanded="false" aria-controls="detail-${h(s.id)}">${h(s.name)}</button>` +
    (s.tags.length > 0
      ? `<div class="tags">${s.tags.map((t) => `<span class="tag">${h(t)}</span>`).join('')}</div>`
      : '') +
    (s.progress ? `<div class="muted">scan: ${h(s.progress.phase)} ${s.progress.percent} %</div>` : '') +
    '</td>' +
    `<td>${h(EDITIONS[edition] ?? edition)}</td>` +
    `<td class="nowrap" data-value="${h(versionKey(s.version))}">${h(s.version ?? 'unknown')}</td>` +
    `<td>${s.patchLevel ? h(s.patchLevel) : '<span class="muted">no audit</span>'}</td>` +
    `<td data-value="${h(s.support.endOfSupport ?? '')}">${support(s)}</td>` +
    exploited +
    notVerified +
    `<td class="sevs" data-value="${weight}">${severity}</td>` +
    `<td class="num" data-value="${s.effortHours ?? ''}">${s.effortHours === null ? '' : `${effortDays(s.effortHours)} d`}</td>` +
    trend(s) +
    `<td class="move" data-value="${h(moveKey(s))}">${move(s)}</td>` +
    `<td class="nowrap" data-value="${h(s.lastRun)}">${h(s.lastRun.slice(0, 10) || '—')}</td></tr>`
  );
}

function support(s: DashboardStore): string {
  const { endOfSupport, daysLeft, status: st } = s.support;
  if (st === 'unknown') return '<span class="pill none">unknown</span>';
  const cls = st === 'ended' ? 'bad' : st === 'ending-soon' ? 'warn' : 'good';
  const label = st === 'ended' ? 'ended' : st === 'ending-soon' ? `${daysLeft} days left` : 'supported';
  return `${h(endOfSupport ?? '')} <span class="pill ${cls}">${h(label)}</span>`;
}

function move(s: DashboardStore): string {
  if (s.readiness.length === 0)
    return `<span class="muted">${s.runs.length === 0 ? 'not scanned yet' : 'no check run'}</span>`;
  if (s.canMoveTo) return `<span class="pill good">can move to ${h(s.canMoveTo)} now</span>`;
  const blocked = s.readiness.find((r) => r.canMoveNow === false);
  if (blocked) {
    const others = blocked.blockedBy.length - 1;
    const more = others > 0 ? `; ${others} more blocker owner${others === 1 ? '' : 's'} in the details` : '';
    return (
      `<span class="pill warn">blocked for ${h(blocked.target)}</span>` +
      `<div class="why">by ${h(blocked.blockedBy[0] ?? '')}${h(more)}</div>`
    );
  }
  const unverified = s.readiness[0]!;
  return `<span class="pill none">could not verify ${h(unverified.target)}</span><div class="why">${h(unverified.unverifiedReason ?? '')}</div>`;
}

function moveKey(s: DashboardStore): string {
  if (s.canMoveTo) return `0 ${s.canMoveTo}`;
  if (s.readiness.some((r) => r.canMoveNow === false)) return `1 ${s.readiness.find((r) => !r.canMoveNow)!.blockers}`;
  return s.readiness.length > 0 ? '2' : '3';
}

/** Findings per check run as a sparkline, with the change since the previous run. */
function trend(s: DashboardStore): string {
  const points = s.trend;
  if (points.length === 0) return '<td data-value=""><span class="muted">—</span></td>';
  const last = points.at(-1)!;
  const prev = points.length > 1 ? points.at(-2)! : undefined;
  const delta = prev ? last.findings - prev.findings : 0;
  const w = 90;
  const ht = 22;
  const max = Math.max(...points.map((p) => p.findings), 1);
  const xy = points.map((p, i) => [
    points.length === 1 ? w / 2 : 2 + (i * (w - 4)) / (points.length - 1),
    ht - 2 - (p.findings / max) * (ht - 4),
  ]);
  const title = points.map((p) => `${p.date.slice(0, 10)}: ${p.findings}`).join('\n');
  const svg =
    `<svg class="spark" width="${w}" height="${ht}" viewBox="0 0 ${w} ${ht}" role="img" aria-label="findings per run"><title>${h(title)}</title>` +
    (xy.length > 1 ? `<polyline points="${xy.map(([x, y]) => `${x!.toFixed(1)},${y!.toFixed(1)}`).join(' ')}"/>` : '') +
    `<circle cx="${xy.at(-1)![0]!.toFixed(1)}" cy="${xy.at(-1)![1]!.toFixed(1)}" r="2.5"/></svg>`;
  const change = prev
    ? `<span class="delta ${delta > 0 ? 'up' : delta < 0 ? 'down' : ''}">${delta > 0 ? '+' : delta < 0 ? '−' : '±'}${Math.abs(delta)}</span>`
    : '';
  return `<td class="nowrap" data-value="${delta}">${svg}${change}</td>`;
}

function detail(s: DashboardStore): string {
  const out: string[] = [`<tr class="detail" id="detail-${h(s.id)}" hidden><td colspan="12"><div class="detail-grid">`];
  out.push('<div><h3>Upgrade readiness</h3>');
  if (s.readiness.length === 0) out.push('<p class="muted">No check recorded: run <code>mageup check</code>.</p>');
  else {
    out.push('<ul>');
    for (const r of s.readiness) {
      const verdict =
        r.canMoveNow === true
          ? `<strong>${h(r.target)}</strong>: can move now`
          : r.canMoveNow === false
            ? `<strong>${h(r.target)}</strong>: blocked by ${r.blockers} finding${r.blockers === 1 ? '' : 's'}`
            : `<strong>${h(r.target)}</strong>: could not verify (${h(r.unverifiedReason ?? '')})`;
      out.push(`<li>${verdict}`);
      if (r.blockedBy.length > 0)
        out.push(
          `<ul>${r.blockedBy
            .slice(0, 8)
            .map((b) => `<li>${h(b)}</li>`)
            .join(
              '',
            )}${r.blockedBy.length > 8 ? `<li class="muted">… ${r.blockedBy.length - 8} more in the report</li>` : ''}</ul>`,
        );
      if (r.unverifiedExtensions.length > 0)
        out.push(
          `<div class="muted">Release data unknown (not covered): ${h(r.unverifiedExtensions.join(', '))}</div>`,
        );
      out.push('</li>');
    }
    out.push('</ul>');
  }
  out.push('</div><div><h3>Exploited bulletins open</h3>');
  if (s.openExploited === null) out.push('<p class="muted">Could not verify: no check recorded.</p>');
  else if (s.openExploited.length === 0) out.push('<p>None found by the latest check.</p>');
  else {
    out.push('<ul>');
    for (const o of s.openExploited)
      out.push(
        `<li><strong>${h(o.bulletin)}</strong>${o.name ? ` (${h(o.name)})` : ''} ${h(o.cves.join(', '))}${o.fixedBy ? ` · fixed by ${h(o.fixedBy)}` : ''}</li>`,
      );
    out.push('</ul>');
  }
  // Beside the open ones, in the same column: the bulletins the data could not settle either way.
  out.push('<h3 class="spaced">Bulletins not verified</h3>');
  if (s.unverifiedBulletins === null) out.push('<p class="muted">Could not verify: no check recorded.</p>');
  else if (s.unverifiedBulletins.length === 0) out.push('<p>None: the data covers every bulletin of this check.</p>');
  else {
    // Grouped by release and reason: one gap usually leaves several bulletins open to doubt.
    const groups = new Map<string, { release: string; reason: string; bulletins: string[] }>();
    for (const u of s.unverifiedBulletins) {
      const key = `${u.release}\0${u.reason}`;
      const group = groups.get(key) ?? { release: u.release, reason: u.reason, bulletins: [] };
      group.bulletins.push(u.bulletin ?? 'every bulletin');
      groups.set(key, group);
    }
    out.push('<ul>');
    for (const g of groups.values())
      out.push(
        `<li><strong>${h(g.bulletins.join(', '))}</strong> against ${h(g.release)}: <span class="muted">${h(g.reason)}</span></li>`,
      );
    out.push('</ul>');
  }
  out.push(
    '</div><div><h3>Runs</h3><table class="runs"><thead><tr><th>Run</th><th>Recorded (UTC)</th><th>Command</th><th>Versions</th><th>Findings</th><th></th></tr></thead><tbody>',
  );
  for (const r of s.runs)
    out.push(
      `<tr><td>${r.id}</td><td>${h(r.recordedAt.slice(0, 16).replace('T', ' '))}</td><td>${h(r.command)}</td><td>${h(r.versions)}</td>` +
        `<td class="num">${r.findings}</td><td>${r.report ? `<a class="report" href="/runs/${encodeURIComponent(s.source)}/${r.id}">report</a>` : ''}</td></tr>`,
    );
  out.push('</tbody></table></div></div></td></tr>');
  return out.join('');
}

/** Sortable form of a Magento version: 2.4.6-p3 → 0002.0004.0006.0003. */
function versionKey(v: string | null): string {
  const m = v ? /^(\d+)\.(\d+)\.(\d+)(?:-p(\d+))?/.exec(v) : null;
  if (!m) return '';
  return [m[1], m[2], m[3], m[4] ?? '0'].map((n) => n!.padStart(4, '0')).join('.');
}
