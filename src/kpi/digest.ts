import { DateTime } from 'luxon';
import type { Report, ReportRow } from '../domain/report.js';
import { AUTONOMY_FOOTNOTE, digestAutonomySection } from './autonomy-report.js';
import { computeKpis, type KpiFigures } from './compute-kpis.js';
import { formatCount, formatDuration, formatShare } from './format.js';
import type { KpiContext } from './kpi-context.js';
import { footnotes } from './kpi-report.js';
import { resolvePeriod, type Period } from './period.js';
import { dailyTrends } from './trend.js';

interface Metric {
  label: string;
  pick: (figures: KpiFigures) => number | null;
  format: (value: number) => string;
}

const share = (part: number, whole: number): number | null => (whole === 0 ? null : part / whole);
const percent = (value: number): string => formatShare(value, 1);

const METRICS: Metric[] = [
  { label: 'Messages', pick: (f) => f.volume.inbound, format: formatCount },
  { label: 'First reply, automated (median)', pick: (f) => f.conversations.automated.medianMs, format: formatDuration },
  { label: 'First reply, people (median)', pick: (f) => f.conversations.human.medianMs, format: formatDuration },
  { label: 'Within SLA', pick: (f) => share(f.conversations.sla.met, f.conversations.sla.due), format: percent },
  { label: 'Automation rate', pick: (f) => share(f.volume.automated, f.volume.inbound), format: percent },
  {
    label: 'Resolved without escalation',
    pick: (f) => share(f.conversations.resolvedWithoutEscalation, f.conversations.resolved),
    format: percent,
  },
  {
    label: 'Drafts sent unchanged',
    pick: (f) => share(f.drafts.approved, f.drafts.approved + f.drafts.edited + f.drafts.rejected),
    format: percent,
  },
  { label: 'Intervention rate', pick: (f) => share(f.interventions.reversed, f.interventions.automated), format: percent },
  { label: 'Escalations', pick: (f) => f.conversations.escalated, format: formatCount },
  { label: 'Qualified leads', pick: (f) => f.conversations.funnel.qualified, format: formatCount },
  { label: 'Converted leads', pick: (f) => f.conversations.funnel.converted, format: formatCount },
];

const compare = (metric: Metric, current: KpiFigures, previous: KpiFigures): ReportRow => {
  const now = metric.pick(current);
  const before = metric.pick(previous);
  const shown = now === null ? '—' : metric.format(now);
  if (before === null) return { label: metric.label, value: shown };
  if (now === before) return { label: metric.label, value: `${shown} (same as the week before)` };
  const arrow = now === null ? '' : now > before ? '▲ ' : '▼ ';
  return { label: metric.label, value: `${shown} (${arrow}from ${metric.format(before)})` };
};

/** The last 7 complete local days, and the 7 before them. */
export const digestPeriods = (now: Date, timeZone: string): [Period, Period] => {
  const today = DateTime.fromJSDate(now, { zone: timeZone }).startOf('day');
  const day = (offset: number) => today.minus({ days: offset }).toISODate() ?? '';
  return [
    resolvePeriod({ kind: 'range', from: day(7), to: day(1) }, now, timeZone),
    resolvePeriod({ kind: 'range', from: day(14), to: day(8) }, now, timeZone),
  ];
};

const summary = (current: KpiFigures, previous: KpiFigures): string => {
  const messages = current.volume.inbound;
  const before = previous.volume.inbound;
  const change = before === 0 ? '' : ` (${messages >= before ? '+' : '−'}${formatShare(Math.abs(messages - before), before)})`;
  return [
    `${formatCount(messages)} messages${change}`,
    `SLA ${formatShare(current.conversations.sla.met, current.conversations.sla.due)}`,
    `${formatShare(current.volume.automated, current.volume.inbound)} automated`,
  ].join(' · ');
};

/** The weekly post: last week's KPIs against the week before, with the daily trend. */
export const weeklyDigest = async (ctx: KpiContext): Promise<Report> => {
  const [thisWeek, weekBefore] = digestPeriods(ctx.now(), ctx.timeZone);
  const [current, previous] = await Promise.all([computeKpis(ctx, thisWeek), computeKpis(ctx, weekBefore)]);
  const trends = dailyTrends(current.period.days, current.daily);
  return {
    title: `Weekly digest · ${thisWeek.label}`,
    summary: summary(current, previous),
    sections: [
      { title: 'Last 7 days', rows: METRICS.map((metric) => compare(metric, current, previous)) },
      digestAutonomySection(current.autonomy),
      ...(trends.length > 0 ? [{ title: 'Daily trend', rows: [], trends }] : []),
    ],
    footnotes: [`Compared with ${weekBefore.label}.`, ...footnotes(ctx.timeZone, ctx.settings), AUTONOMY_FOOTNOTE],
  };
};
