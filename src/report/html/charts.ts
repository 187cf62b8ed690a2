import { escapeHtml } from './escape.js';

export interface Bar {
  label: string;
  value: number;
  color?: string;
}

/**
 * A horizontal bar chart as inline SVG: no script, no network, prints as vectors. Labels are escaped; values are
 * shown at the end of each bar.
 */
export function barChart(title: string, bars: Bar[], opts: { unit?: string; width?: number } = {}): string {
  const width = opts.width ?? 460;
  const labelWidth = 190;
  // 12px sans glyphs average under 7 px: a label longer than this would run off the SVG's left edge (a PDF of a real
  // report showed "ento/product-community…"), so it is cut to fit, the full name kept in the bar's <title>.
  const maxLabelChars = Math.floor((labelWidth - 12) / 7.2);
  const barHeight = 22;
  const gap = 6;
  const height = Math.max(1, bars.length) * (barHeight + gap) + 8;
  const max = Math.max(1, ...bars.map((b) => b.value));
  const room = width - labelWidth - 60;
  const rows = bars.map((b, i) => {
    const y = 4 + i * (barHeight + gap);
    const w = b.value === 0 ? 0 : Math.max(2, Math.round((b.value / max) * room));
    const label = b.label.length > maxLabelChars ? `${b.label.slice(0, maxLabelChars - 1)}…` : b.label;
    const value = `${formatNumber(b.value)}${opts.unit ? ` ${opts.unit}` : ''}`;
    return (
      `<g class="bar"><title>${escapeHtml(`${b.label}: ${value}`)}</title>` +
      `<text x="${labelWidth - 8}" y="${y + 15}" text-anchor="end">${escapeHtml(label)}</text>` +
      `<rect x="${labelWidth}" y="${y}" width="${w}" height="${barHeight}" rx="3" fill="${b.color ?? '#3b6fb6'}"/>` +
      `<text x="${labelWidth + w + 6}" y="${y + 15}" class="value">${escapeHtml(value)}</text></g>`
    );
  });
  const body = bars.length === 0 ? `<text x="10" y="20">Nothing to show</text>` : rows.join('');
  return (
    `<figure class="chart"><figcaption>${escapeHtml(title)}</figcaption>` +
    `<svg role="img" aria-label="${escapeHtml(title)}" viewBox="0 0 ${width} ${height}" width="100%" preserveAspectRatio="xMinYMin meet">${body}</svg></figure>`
  );
}

function formatNumber(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(1);
}
