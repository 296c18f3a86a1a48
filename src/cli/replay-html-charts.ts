import { escapeHtml } from './replay-html-escape.js';

/** One colour per decision kind, so a kind looks the same in every chart. */
export const KIND_COLOURS: Record<string, string> = {
  handoff: '#d9480f',
  escalate: '#c92a2a',
  hide: '#5f3dc4',
  delete: '#862e9c',
  propose_block: '#a61e4d',
  auto_reply: '#2b8a3e',
  draft: '#e67700',
  tag: '#1971c2',
  lead: '#0b7285',
  funnel: '#5c940d',
  ignore: '#868e96',
  none: '#ced4da',
};
const colourOf = (kind: string): string => KIND_COLOURS[kind] ?? '#495057';

const BAR_HEIGHT = 22;
const LABEL_WIDTH = 230;
const BAR_WIDTH = 520;

/** Horizontal bars, one per row, largest first as given; each bar carries its count as a title. */
export const barChart = (rows: readonly { label: string; count: number }[], total: number): string => {
  const max = Math.max(1, ...rows.map((row) => row.count));
  const height = rows.length * BAR_HEIGHT + 8;
  const bars = rows.map((row, index) => {
    const y = index * BAR_HEIGHT + 4;
    const width = Math.max(1, Math.round((row.count / max) * BAR_WIDTH));
    const share = total === 0 ? 0 : (100 * row.count) / total;
    const label = escapeHtml(row.label);
    return `<g class="bar"><title>${label}: ${row.count} (${share.toFixed(1)} %)</title>
<text x="${LABEL_WIDTH - 8}" y="${y + 15}" text-anchor="end">${label}</text>
<rect x="${LABEL_WIDTH}" y="${y}" width="${width}" height="${BAR_HEIGHT - 6}" fill="#1971c2"></rect>
<text x="${LABEL_WIDTH + width + 6}" y="${y + 15}">${row.count.toLocaleString('en')} · ${share.toFixed(1)} %</text></g>`;
  });
  const width = LABEL_WIDTH + BAR_WIDTH + 140;
  return `<svg class="chart" role="img" aria-label="bar chart" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}">${bars.join('\n')}</svg>`;
};

const COLUMN_AREA = 220;

/** One stacked column per day, a segment per decision kind, with a legend. */
export const dayChart = (days: readonly { day: string; kinds: ReadonlyMap<string, number> }[], kinds: readonly string[]): string => {
  const column = Math.max(8, Math.min(48, Math.floor(760 / Math.max(1, days.length))));
  const max = Math.max(1, ...days.map(({ kinds: counts }) => [...counts.values()].reduce((sum, count) => sum + count, 0)));
  const columns = days.map(({ day, kinds: counts }, index) => {
    let top = COLUMN_AREA + 10;
    const x = 40 + index * column;
    const segments = kinds.flatMap((kind) => {
      const count = counts.get(kind) ?? 0;
      if (count === 0) return [];
      const height = Math.max(1, (count / max) * COLUMN_AREA);
      top -= height;
      return [
        `<rect x="${x}" y="${top.toFixed(1)}" width="${column - 3}" height="${height.toFixed(1)}" fill="${colourOf(kind)}"><title>${escapeHtml(day)} ${escapeHtml(kind)}: ${count}</title></rect>`,
      ];
    });
    const label =
      days.length <= 16 || index % Math.ceil(days.length / 16) === 0
        ? `<text x="${x}" y="${COLUMN_AREA + 26}" class="day">${escapeHtml(day.slice(5))}</text>`
        : '';
    return `<g class="column">${segments.join('')}${label}</g>`;
  });
  const legend = kinds.map(
    (kind, index) =>
      `<g><rect x="${40 + (index % 6) * 120}" y="${COLUMN_AREA + 40 + Math.floor(index / 6) * 18}" width="12" height="12" fill="${colourOf(kind)}"></rect><text x="${56 + (index % 6) * 120}" y="${COLUMN_AREA + 51 + Math.floor(index / 6) * 18}">${escapeHtml(kind)}</text></g>`,
  );
  const width = Math.max(760, 40 + days.length * column + 20);
  const height = COLUMN_AREA + 50 + Math.ceil(kinds.length / 6) * 18;
  return `<svg class="chart" role="img" aria-label="decisions per day" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}">
<text x="4" y="16">${max.toLocaleString('en')}</text><line x1="38" y1="${COLUMN_AREA + 10}" x2="${width}" y2="${COLUMN_AREA + 10}" stroke="#adb5bd"></line>
${columns.join('\n')}
${legend.join('')}</svg>`;
};
