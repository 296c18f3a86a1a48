import type { ReportRow, ReportSection } from '../domain/report.js';
import { levelDay } from '../domain/rule-figures-words.js';
import type { AutonomyFigures, RuleRecord } from './autonomy-figures.js';
import { hoursSaved, levelMoves, type LevelMoveLine, ruleRates, untouchedCount } from './autonomy-rates.js';
import { formatCount, formatDuration, formatShare } from './format.js';

export const AUTONOMY_FOOTNOTE =
  'Autonomy: approved is drafts sent unchanged of those people decided on; vetoed, held replies someone stopped; undone, automatic actions taken back. Work saved is the held replies sent untouched and the automatic actions kept, each at the median time from a card to its approval.';

/** Rules shown by volume, the busiest first; a report stays readable on a phone. */
const MAX_RULES = 15;

const percent = (value: number | null): string => (value === null ? '—' : formatShare(value, 1));

const ruleRow = (record: RuleRecord): ReportRow => {
  const rates = ruleRates(record);
  return {
    label: `${record.rule} (${record.level})`,
    value: `${formatCount(rates.volume)} · approved ${percent(rates.approval)} · vetoed ${percent(rates.veto)} · undone ${percent(rates.undo)}`,
  };
};

const hoursWords = (hours: number): string => `${hours < 10 ? Math.round(hours * 10) / 10 : Math.round(hours)} h`;

/** "3.5 h (42 drafts needed no approval × 5m median approval)". */
export const workSavedRow = (figures: AutonomyFigures): ReportRow => {
  const hours = hoursSaved(figures.rules, figures.approvalMedianMs);
  const untouched = `${formatCount(untouchedCount(figures.rules))} drafts needed no approval`;
  return {
    label: 'Human work saved',
    value:
      hours === null || figures.approvalMedianMs === null
        ? `— (${untouched}; no approvals to time them by)`
        : `${hoursWords(hours)} (${untouched} × ${formatDuration(figures.approvalMedianMs)} median approval)`,
  };
};

/** /kpi's per-rule figures: level, volume, approval, veto and undo rates; none when no rule drafted or acted. */
export const autonomySection = (figures: AutonomyFigures): ReportSection | undefined => {
  if (figures.rules.length === 0) return undefined;
  const busiest = [...figures.rules].sort((a, b) => ruleRates(b).volume - ruleRates(a).volume || a.rule.localeCompare(b.rule));
  const rows = busiest.slice(0, MAX_RULES).map(ruleRow);
  if (busiest.length > MAX_RULES) rows.push({ label: 'Other rules', value: formatCount(busiest.length - MAX_RULES) });
  return { title: 'Autonomy by rule', rows: [...rows, workSavedRow(figures)] };
};

/** Who moved the level: the person (the chat mentions its own people), or Switchboard itself. */
const moveRow = (line: LevelMoveLine): ReportRow => {
  const what = `${line.move === 'promotion' ? '⬆️ promoted' : '⬇️ demoted'} rule ${line.rule}: ${line.was} → ${line.now}, ${levelDay(line.at)}`;
  const value = line.why ? `${what} (${line.why})` : what;
  const byPerson = /^(slack|discord):/u.test(line.actor);
  return byPerson
    ? { label: line.actor, person: line.actor, value }
    : { label: line.actor === 'system' ? 'Switchboard' : line.actor, value };
};

/** The digest's autonomy: promotions and demotions in the period, and the hours the rules at veto and auto saved. */
export const digestAutonomySection = (figures: AutonomyFigures): ReportSection => {
  const moves = levelMoves(figures.changes);
  const rows = moves.length > 0 ? moves.map(moveRow) : [{ label: 'Promotions and demotions', value: 'none' }];
  return { title: 'Autonomy', rows: [...rows, workSavedRow(figures)] };
};
