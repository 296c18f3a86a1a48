import { availableParallelism } from 'node:os';
import type { SustainedRow } from './sustained-runs.js';
import { type CpuPerComment, processedPerSecond } from './sustained.js';
import { formatCount, formatMs, pad } from './stats.js';

const NAME = 30;
const COLUMNS = [
  { head: 'accepted in', width: 13 },
  { head: 'processed in', width: 14 },
  { head: 'processed/s', width: 13 },
  { head: '× sync ref', width: 12 },
  { head: 'queries/comment', width: 17 },
  { head: 'CPU ms/comment: server + db + bench', width: 37 },
  { head: 'CPU ceiling', width: 12 },
];

/** Every process's CPU a comment: the server's, Postgres's and Redis's, and the load generator's with the fakes. */
const totalCpu = ({ server, services, bench }: CpuPerComment): number | undefined =>
  server === undefined || services === undefined ? undefined : server + services + bench;

const cpuCell = (cpu: CpuPerComment): string => {
  const total = totalCpu(cpu);
  return cpu.server === undefined
    ? '—'
    : `${cpu.server.toFixed(2)} + ${cpu.services === undefined ? '?' : cpu.services.toFixed(2)} + ${cpu.bench.toFixed(2)}` +
        (total === undefined ? '' : ` = ${total.toFixed(2)}`);
};

/** The most comments a second this machine's cores could give the row if none of them ever waited: cores ÷ CPU a comment. */
const ceilingCell = (cpu: CpuPerComment): string => {
  const total = totalCpu(cpu);
  return total === undefined || total <= 0 ? '—' : `${formatCount((availableParallelism() * 1000) / total)}/s`;
};

const SYNC = 'synchronous reference';

const cells = (row: SustainedRow, reference: number | undefined): string[] => {
  const f = row.figures!;
  const rate = processedPerSecond(f);
  return [
    formatMs(f.acceptedMs),
    f.intakeOnly ? '—' : f.processedMs === undefined ? `> ${formatMs(f.send.windowMs)}` : formatMs(f.processedMs),
    rate === undefined ? '—' : formatCount(rate),
    rate === undefined || reference === undefined ? '—' : `${(rate / reference).toFixed(2)}×`,
    f.queriesPerComment === undefined ? '—' : f.queriesPerComment.toFixed(1),
    cpuCell(f.cpuPerComment),
    ceilingCell(f.cpuPerComment),
  ];
};

const notesFor = (row: SustainedRow): string[] => {
  const f = row.figures!;
  const notes = [];
  if (f.send.accepted < f.comments) notes.push(`${row.name}: ${f.comments - f.send.accepted} of ${f.comments} comments were not accepted`);
  if (f.processedMs === undefined && !f.intakeOnly)
    notes.push(
      `${row.name}: when the wait ended ${formatCount(f.processedCount)} comments were processed, ${f.cardsPosted} of ${f.cardsExpected} cards posted`,
    );
  return notes;
};

/** The sustained-processing table: the synchronous reference's rate is the yardstick. */
export const renderSustained = (comments: number, rows: SustainedRow[]): string => {
  const reference = rows.find((row) => row.name === SYNC)?.figures;
  const referenceRate = reference ? processedPerSecond(reference) : undefined;
  const lines = [
    `sustained processing: ${formatCount(comments)} signed comments, one in ten a refund handed off; time until all are processed and every card posted`,
    pad('', NAME, 'left') + COLUMNS.map((c) => pad(c.head, c.width)).join(''),
  ];
  for (const row of rows) {
    const line = row.figures
      ? cells(row, referenceRate)
          .map((cell, i) => pad(cell, COLUMNS[i]!.width))
          .join('')
      : `   did not run: ${row.error ?? 'unknown error'}`;
    lines.push(pad(row.name, NAME, 'left') + line);
  }
  lines.push('targets: switchboard ≥ 1,500 processed/s and ≥ the synchronous reference (1.00×); ≤ 3 queries per comment');
  lines.push(
    "CPU ms/comment: the server processes' CPU time, Postgres's and Redis's (db), and this benchmark's own (bench: the load generator and the fake chat), per comment over the measured phase: steadier than the rates on a busy machine",
    `CPU ceiling: ${availableParallelism()} cores ÷ the total CPU a comment, the rate the row could reach if no core ever waited; ` +
      "a row cannot pass another's ceiling without costing less CPU a comment",
  );
  const notes = rows.flatMap((row) => (row.figures ? notesFor(row) : []));
  if (notes.length > 0) lines.push(...notes.map((note) => `  ${note}`));
  return lines.join('\n');
};

export const SYNC_REFERENCE = SYNC;
