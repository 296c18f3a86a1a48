import { platformName } from '../domain/platform.js';
import type { Report, ReportRow } from '../domain/report.js';
import { formatCount, formatDuration, formatShare, kindLabel } from './format.js';
import type { KpiSettings } from './kpi-context.js';
import type { OldestAwaiting, SlaCounts, SlaStatus } from './sla-status.js';

const counts = (row: SlaCounts): string =>
  `${formatCount(row.awaiting)} unanswered · ${formatCount(row.atRisk)} at risk · ${formatCount(row.breached)} breached`;

const oldestValue = (oldest: OldestAwaiting, at: Date): string => {
  const parts = [`${formatDuration(at.getTime() - oldest.since.getTime())} · ${platformName(oldest.platform)} ${kindLabel(oldest.kind)}`];
  if (oldest.deadline && oldest.deadline <= at) parts.push(`overdue by ${formatDuration(at.getTime() - oldest.deadline.getTime())}`);
  else if (oldest.deadline) parts.push(`due in ${formatDuration(oldest.deadline.getTime() - at.getTime())}`);
  parts.push(`#${oldest.id}`);
  return parts.join(' · ');
};

const personRow = (row: { assignee: string | null } & SlaCounts): ReportRow =>
  row.assignee === null ? { label: 'Unassigned', value: counts(row) } : { label: row.assignee, value: counts(row), person: row.assignee };

const summary = (status: SlaStatus): string => {
  if (status.total.awaiting === 0) return 'Nothing is waiting for a first reply.';
  const parts = [
    `${formatCount(status.total.awaiting)} unanswered`,
    `${formatCount(status.total.atRisk)} at risk`,
    `${formatCount(status.total.breached)} breached`,
  ];
  if (status.oldest) parts.push(`oldest ${formatDuration(status.at.getTime() - status.oldest.since.getTime())}`);
  return parts.join(' · ');
};

/** /sla as a report: what is waiting right now and who it is waiting on. */
export const slaReport = (status: SlaStatus, settings: KpiSettings): Report => {
  const open = status.byState.reduce((sum, row) => sum + row.count, 0);
  const states = status.byState.map((row) => `${formatCount(row.count)} ${row.state}`).join(' · ');
  const sections: Report['sections'] = [
    {
      title: 'Right now',
      rows: [
        { label: 'Open conversations', value: open === 0 ? '0' : `${formatCount(open)} (${states})` },
        { label: 'Unanswered', value: formatCount(status.total.awaiting) },
        { label: 'At risk', value: formatCount(status.total.atRisk) },
        { label: 'Breached', value: formatCount(status.total.breached) },
        ...(status.oldest ? [{ label: 'Oldest unanswered', value: oldestValue(status.oldest, status.at) }] : []),
      ],
    },
  ];
  if (status.byPlatform.length > 0) {
    sections.push({
      title: 'By platform',
      rows: status.byPlatform.map((row) => ({ label: platformName(row.platform), value: counts(row) })),
    });
  }
  if (status.byPerson.length > 0) sections.push({ title: 'By person', rows: status.byPerson.map(personRow) });
  const clock = settings.calendar ? 'business hours' : 'wall time';
  return {
    title: 'SLA right now',
    summary: summary(status),
    sections,
    footnotes: [
      `At risk: ${formatShare(settings.slaWarningShare, 1)} or more of the time to the deadline used (${clock}), not yet breached.`,
    ],
  };
};
