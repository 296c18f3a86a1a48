import { OUTCOMES } from './eval-labels.js';
import type { EvalScore, Miss, SourceFigures } from './eval-score.js';

export interface EvalMeta {
  playbook: string;
  notes: readonly string[];
  misses: number;
}

const percent = (part: number, whole: number): string => (whole === 0 ? '    –' : `${((100 * part) / whole).toFixed(1).padStart(5)} %`);
const share = (value: number | null): string => (value === null ? '     –' : `${(100 * value).toFixed(1).padStart(5)} %`);

const quote = (text: string): string => {
  const flat = text.replace(/\s+/gu, ' ').trim();
  return `"${flat.length > 100 ? `${flat.slice(0, 99)}…` : flat}"`;
};

const MISS_TITLES: Record<string, string> = {
  'none>hide': 'genuine comment hidden',
  'reply>hide': 'genuine comment hidden',
  'handoff>hide': 'hidden instead of handed off',
  'handoff>none': 'needed a person, got none',
  'handoff>reply': 'needed a person, got an automatic reply',
  'hide>none': 'left up, should be hidden',
  'hide>reply': 'answered, should be hidden',
  'hide>handoff': 'handed off, should be hidden',
};

const sourceLine = (name: string, figures: SourceFigures, width: number): string =>
  `  ${name.padEnd(width)} ${String(figures.messages).padStart(8)}   ${`${figures.toHideHidden}/${figures.toHide}`.padStart(9)} ${percent(figures.toHideHidden, figures.toHide)}   ${`${figures.othersHidden}/${figures.others}`.padStart(9)} ${percent(figures.othersHidden, figures.others)}`;

const missLines = (miss: Miss): string[] => [
  `  ${MISS_TITLES[`${miss.item.label}>${miss.got}`] ?? `${miss.item.label} expected`}: ${miss.item.label} → ${miss.got}  (${miss.item.where})`,
  `      ${quote(miss.item.message.text)}`,
  `      ${miss.explanation}`,
];

/** The plain-text report: hidden shares per source, per-label precision and recall, the confusion, the worst misses. */
export const renderEvalText = (score: EvalScore, meta: EvalMeta): string => {
  const lines = [`Evaluated playbook ${meta.playbook} on ${score.messages} labelled messages — no Postgres, no Redis, nothing sent`, ''];
  for (const note of meta.notes) lines.push(`note: ${note}`);
  if (meta.notes.length > 0) lines.push('');
  const names = [...score.sources.keys()];
  const width = Math.max(10, ...names.map((name) => name.length), ...[...score.groups.keys()].map((group) => group.length + 8));
  lines.push(`Hidden per source${' '.repeat(width - 15)} messages   labelled hide: hidden   the others: hidden`);
  for (const name of names) lines.push(sourceLine(name, score.sources.get(name) as SourceFigures, width));
  for (const [group, members] of score.groups) {
    if (members.length > 1 && members.length < names.length)
      lines.push(sourceLine(`${group} (all ${members.length})`, score.total(members), width));
  }
  if (names.length > 1) lines.push(sourceLine('all', score.total(), width));
  lines.push('', 'Per label      precision    recall   labelled   decided');
  const labels = score.labels();
  for (const label of OUTCOMES) {
    const figures = labels[label];
    lines.push(
      `  ${label.padEnd(10)} ${share(figures.precision)}   ${share(figures.recall)}   ${String(figures.labelled).padStart(8)}   ${String(figures.decided).padStart(7)}`,
    );
  }
  lines.push(
    '',
    'Confusion (rows: the label; columns: what the playbook did)',
    `  ${''.padEnd(10)}${OUTCOMES.map((got) => got.padStart(9)).join('')}`,
  );
  for (const label of OUTCOMES)
    lines.push(`  ${label.padEnd(10)}${OUTCOMES.map((got) => String(score.confusion[label][got]).padStart(9)).join('')}`);
  const worst = score.worst(meta.misses);
  lines.push('', `Worst misses (${worst.length} of ${score.misses.length})`);
  for (const miss of worst) lines.push(...missLines(miss));
  return lines.join('\n');
};

/** The same report as one JSON document. */
export const renderEvalJson = (score: EvalScore, meta: EvalMeta): string =>
  JSON.stringify({
    playbook: meta.playbook,
    messages: score.messages,
    notes: meta.notes,
    sources: Object.fromEntries(score.sources),
    groups: Object.fromEntries([...score.groups].map(([group, members]) => [group, { sources: members, ...score.total(members) }])),
    total: score.total(),
    labels: score.labels(),
    confusion: score.confusion,
    misses: score.misses.length,
    worst: score.worst(meta.misses).map((miss) => ({
      where: miss.item.where,
      id: miss.item.message.externalId,
      text: miss.item.message.text,
      label: miss.item.label,
      got: miss.got,
      explanation: miss.explanation,
    })),
  });
