import { DateTime } from 'luxon';
import { platformName } from '../domain/platform.js';
import type { Report, ReportRow, ReportSection } from '../domain/report.js';
import { AUTONOMY_FOOTNOTE, autonomySection } from './autonomy-report.js';
import type { KpiFigures } from './compute-kpis.js';
import type { ResponseTimes } from './conversation-figures.js';
import { countOf, formatCount, formatDuration, formatMoney, formatRatio, formatShare } from './format.js';
import type { KpiSettings } from './kpi-context.js';
import { estimateRoi } from './roi.js';
import { dailyTrends } from './trend.js';

const responseTimes = (times: ResponseTimes): string =>
  times.medianMs === null || times.p90Ms === null
    ? 'no replies'
    : `median ${formatDuration(times.medianMs)} · p90 ${formatDuration(times.p90Ms)} (${formatCount(times.answered)})`;

const volumeSection = ({ volume }: KpiFigures): ReportSection => ({
  title: 'Volume',
  rows: [
    { label: 'Inbound messages', value: formatCount(volume.inbound) },
    ...volume.byPlatform.map((entry) => ({
      label: platformName(entry.platform),
      value: `${formatCount(entry.total)} · ${entry.byKind.map((kind) => countOf(kind.count, kind.kind)).join(', ')}`,
    })),
  ],
});

const responseSection = ({ conversations }: KpiFigures): ReportSection => ({
  title: 'First response',
  rows: [
    { label: 'Automated', value: responseTimes(conversations.automated) },
    { label: 'People', value: responseTimes(conversations.human) },
    { label: 'Within SLA', value: formatRatio(conversations.sla.met, conversations.sla.due) },
  ],
});

const escalations = ({ conversations }: KpiFigures): string => {
  if (conversations.escalated === 0) return 'none';
  const median = conversations.acknowledgeMedianMs === null ? '' : ` in ${formatDuration(conversations.acknowledgeMedianMs)} (median)`;
  return `${formatCount(conversations.escalated)} · ${formatCount(conversations.acknowledged)} acknowledged${median}`;
};

const outcomeSection = (figures: KpiFigures): ReportSection => ({
  title: 'Outcomes',
  rows: [
    {
      label: 'Resolved without escalation',
      value: formatRatio(figures.conversations.resolvedWithoutEscalation, figures.conversations.resolved),
    },
    { label: 'Automation rate', value: formatRatio(figures.volume.automated, figures.volume.inbound) },
    { label: 'Intervention rate', value: formatRatio(figures.interventions.reversed, figures.interventions.automated) },
    { label: 'Escalations', value: escalations(figures) },
  ],
});

const draftSection = ({ drafts }: KpiFigures): ReportSection => {
  const actedOn = drafts.approved + drafts.edited + drafts.rejected;
  const rows: ReportRow[] = [
    { label: 'Sent unchanged', value: formatRatio(drafts.approved, actedOn) },
    { label: 'Edited', value: formatRatio(drafts.edited, actedOn) },
    { label: 'Rejected', value: formatRatio(drafts.rejected, actedOn) },
  ];
  if (drafts.shown > actedOn) rows.push({ label: 'Not acted on yet', value: formatCount(drafts.shown - actedOn) });
  return { title: 'Drafts', rows };
};

const roiValue = (figures: KpiFigures, settings: KpiSettings): string => {
  if (settings.orderValue === 0) return 'set an order value to estimate';
  const estimate = estimateRoi(figures.conversations.funnel.converted, figures.period.days.length, settings);
  const money = `${formatMoney(estimate.revenue, settings.currency)} revenue, ${formatMoney(estimate.cost, settings.currency)} cost`;
  return estimate.roi === null ? money : `${formatShare(estimate.roi, 1)} (${money})`;
};

const funnelSection = (figures: KpiFigures, settings: KpiSettings): ReportSection => {
  const { funnel } = figures.conversations;
  return {
    title: 'Lead funnel',
    rows: [
      { label: 'DMs', value: formatCount(funnel.dms) },
      { label: 'Qualified', value: formatRatio(funnel.qualified, funnel.dms) },
      { label: 'Booked', value: formatRatio(funnel.booked, funnel.qualified) },
      { label: 'Converted', value: formatRatio(funnel.converted, funnel.booked) },
      { label: 'ROI', value: roiValue(figures, settings) },
    ],
  };
};

/** Units spent today of a polled platform's API quota (polling and actions together), and when the count starts again. */
const quotaSection = ({ quotas }: KpiFigures, timeZone: string): ReportSection => ({
  title: 'API quota today',
  rows: quotas.map((quota) => {
    const reset =
      quota.quotaResetsAt === null ? '' : `, resets ${DateTime.fromJSDate(quota.quotaResetsAt, { zone: timeZone }).toFormat('HH:mm')}`;
    return { label: platformName(quota.source), value: `${formatCount(quota.unitsUsed)} units used${reset}` };
  }),
});

const summary = ({ volume, conversations }: KpiFigures): string => {
  if (volume.inbound === 0 && conversations.started === 0) return 'No messages in this period.';
  const parts = [`${formatCount(volume.inbound)} messages`];
  const auto = conversations.automated.medianMs;
  const human = conversations.human.medianMs;
  if (auto !== null || human !== null) {
    parts.push(`1st reply ${auto === null ? '—' : formatDuration(auto)} auto / ${human === null ? '—' : formatDuration(human)} people`);
  }
  parts.push(`SLA ${formatShare(conversations.sla.met, conversations.sla.due)}`);
  parts.push(`${formatShare(volume.automated, volume.inbound)} automated`);
  return parts.join(' · ');
};

export const footnotes = (timeZone: string, settings: KpiSettings): string[] => [
  `Conversations count on the day they started; days are in ${timeZone}.`,
  'First response is wall time from the first message to the first reply; "within SLA" compares it with the business-hours deadline, over conversations answered or past their deadline.',
  ...(settings.orderValue > 0
    ? [
        `ROI assumes ${formatMoney(settings.orderValue, settings.currency)} per converted lead and ${formatMoney(settings.monthlyCost, settings.currency)} a month.`,
      ]
    : []),
];

/** /kpi as a report: the figures exactly as defined in the product's KPI definitions. */
export const kpiReport = (figures: KpiFigures, settings: KpiSettings, timeZone: string): Report => {
  const trends = dailyTrends(figures.period.days, figures.daily);
  const sections = [
    volumeSection(figures),
    responseSection(figures),
    outcomeSection(figures),
    draftSection(figures),
    funnelSection(figures, settings),
  ];
  const autonomy = autonomySection(figures.autonomy);
  if (autonomy) sections.push(autonomy);
  if (figures.quotas.length > 0) sections.push(quotaSection(figures, timeZone));
  if (trends.length > 0) sections.push({ title: 'Daily trend', rows: [], trends });
  const notes = [...footnotes(timeZone, settings), ...(autonomy ? [AUTONOMY_FOOTNOTE] : [])];
  return { title: `KPIs · ${figures.period.label}`, summary: summary(figures), sections, footnotes: notes };
};
