import type { PhaseResult } from './load.js';
import type { ServerUsage } from './server-process.js';
import { acceptedPerSecond, LADDER, type ServerFigures } from './phases.js';
import { formatCount, formatMb, formatMs, pad, percentile } from './stats.js';

export interface Row {
  name: string;
  figures?: ServerFigures;
  usage?: ServerUsage;
  error?: string;
}

const NAME = 24;
const COLUMNS = [
  { head: 'accepted/s', width: 12 },
  { head: 'p50@500/s', width: 11 },
  { head: 'p99@500/s', width: 11 },
  { head: 'p99 card@10/s', width: 15 },
  { head: 'p99 card@100/s', width: 16 },
  { head: 'peak RSS', width: 10 },
];
const STEP = 17;

const failureList = (result: PhaseResult): string[] => [
  ...Object.entries(result.statuses).map(([status, n]) => `HTTP ${status} ×${formatCount(n)}`),
  ...Object.entries(result.errors).map(([code, n]) => `${code} ×${formatCount(n)}`),
  ...(result.unfinished > 0 ? [`unanswered ×${formatCount(result.unfinished)}`] : []),
];

const cells = (row: Row, f: ServerFigures): string[] => [
  formatCount(acceptedPerSecond(f.saturation)),
  formatMs(percentile(f.at500.latencies, 50)),
  formatMs(percentile(f.at500.latencies, 99)),
  f.card10 ? formatMs(percentile(f.card10.latencies, 99)) : '—',
  f.card ? formatMs(percentile(f.card.latencies, 99)) : '—',
  formatMb(row.usage?.peakRss),
];

const verdict = (rows: Row[]): string | undefined => {
  const reference = rows.find((row) => row.name === 'reference server')?.figures;
  const switchboard = rows.find((row) => row.name === 'switchboard')?.figures;
  if (!reference || !switchboard) return undefined;
  const ratio = acceptedPerSecond(switchboard.saturation) / acceptedPerSecond(reference.saturation);
  const p99 = percentile(switchboard.at500.latencies, 99) ?? Infinity;
  const card = switchboard.card ? (percentile(switchboard.card.latencies, 99) ?? Infinity) : Infinity;
  const card10 = switchboard.card10 ? (percentile(switchboard.card10.latencies, 99) ?? Infinity) : Infinity;
  const mark = (ok: boolean) => (ok ? 'met' : 'missed');
  return (
    `result:  accepted/s ${ratio.toFixed(2)}× reference (${mark(ratio >= 1)}); ` +
    `p99@500 ${formatMs(p99)} (${mark(p99 < 50)}); p99 card@10/s ${formatMs(card10)} (${mark(card10 < 300)}); ` +
    `p99 card@100/s ${formatMs(card)} (${mark(card < 1000)})`
  );
};

const notesFor = (row: Row, f: ServerFigures): string[] => {
  const notes: string[] = [];
  const phases: [string, PhaseResult][] = [
    ['saturation', f.saturation],
    ['500/s', f.at500],
    ...f.ladder.map(({ rate, result }): [string, PhaseResult] => [`${rate}/s step`, result]),
  ];
  for (const [phase, result] of phases) {
    const failures = failureList(result);
    if (failures.length > 0) notes.push(`${row.name}, ${phase}: ${failures.join(', ')}`);
  }
  for (const [rate, card] of [
    [10, f.card10],
    [100, f.card],
  ] as const) {
    if (!card) continue;
    const at = (p: number) => formatMs(percentile(card.latencies, p));
    notes.push(
      `${row.name}: webhook-to-card at ${rate}/s p50 ${at(50)}, p90 ${at(90)}, p99 ${at(99)}` +
        (card.missing > 0
          ? `; ${card.missing} of ${card.latencies.length} cards were not in the chat when the wait ended (counted as timeout)`
          : ''),
    );
  }
  const refused = Object.entries({ ...f.card10?.refused, ...f.card?.refused });
  if (refused.length > 0) notes.push(`${row.name}: the chat refused card posts: ${refused.map(([why, n]) => `${why} ×${n}`).join(', ')}`);
  if (row.usage && f.acceptedTotal > 0) {
    notes.push(
      `${row.name}: ${formatCount(row.usage.cpuMs / 1000)} s of server CPU for ${formatCount(f.acceptedTotal)} accepted webhooks ` +
        `(${(row.usage.cpuMs / f.acceptedTotal).toFixed(2)} ms each, start-up and worker processing included); ` +
        `at the end RSS ${formatMb(row.usage.rss)}, V8 heap ${formatMb(row.usage.heapUsed)} used of ${formatMb(row.usage.heapTotal)}`,
    );
  }
  const backlog = Object.entries(f.backlog);
  if (backlog.length > 0)
    notes.push(
      `${row.name}: worker jobs still queued when a phase began: ${backlog.map(([phase, n]) => `${phase} ${formatCount(n)}`).join(', ')}`,
    );
  return notes;
};

export const renderReport = (heading: string, rows: Row[], footnotes: string[] = []): string => {
  const lines = [heading, pad('', NAME, 'left') + COLUMNS.map((c) => pad(c.head, c.width)).join('')];
  for (const row of rows) {
    const line = row.figures
      ? cells(row, row.figures)
          .map((cell, i) => pad(cell, COLUMNS[i]!.width))
          .join('')
      : `   did not run: ${row.error ?? 'unknown error'}`;
    lines.push(pad(row.name, NAME, 'left') + line);
  }
  lines.push('targets: switchboard ≥ reference (aim 2×); p99@500 < 50 ms; p99 card < 300 ms at 10/s, < 1 s at 100/s');
  const result = verdict(rows);
  if (result) lines.push(result);

  const laddered = rows.filter((row) => row.figures && row.figures.ladder.length > 0);
  if (laddered.length > 0) {
    lines.push('', 'rising rates, open loop: accepted/s within each step · p99 from scheduled send');
    lines.push(pad('', NAME, 'left') + LADDER.map((rate) => pad(`${formatCount(rate)}/s`, STEP)).join(''));
    for (const row of laddered) {
      const steps = row.figures!.ladder.map(
        ({ result }) => `${formatCount(acceptedPerSecond(result))} · ${formatMs(percentile(result.latencies, 99))}`,
      );
      lines.push(pad(row.name, NAME, 'left') + steps.map((step) => pad(step, STEP)).join(''));
    }
  }

  const notes = [...rows.flatMap((row) => (row.figures ? notesFor(row, row.figures) : [])), ...footnotes];
  if (notes.length > 0) lines.push('', 'notes:', ...notes.map((note) => `  ${note}`));
  return lines.join('\n');
};
