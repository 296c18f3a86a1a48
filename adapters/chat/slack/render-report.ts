import type { KnownBlock } from '@slack/web-api';
import type { Report, ReportRow, ReportSection, ReportTrend } from '../../../src/domain/report.js';
import { context, escapeMrkdwn, fitMrkdwn, fitPlain, LIMITS, plain, section } from './slack-text.js';

export interface RenderedReport {
  /** The notification and lock-screen line. */
  text: string;
  blocks: KnownBlock[];
}

const LABEL_CHARS = 80;
const VALUE_CHARS = 300;
const NOTIFICATION_CHARS = 300;
/** Header, summary, divider and footnotes; the rest of the 50 blocks carry the sections. */
const FIXED_BLOCKS = 4;
/** Reports are our own figures and labels, never commenter text: Slack may format them as usual. */
const OUR_WORDS = { verbatim: false };

/** 'slack:U123' mentions the person (ephemeral answers do not notify them); anything else stays text. */
const personLabel = (row: ReportRow): string => {
  const [chat, id] = (row.person ?? '').split(':');
  if (chat === 'slack' && id && /^[UW][A-Z0-9]+$/u.test(id)) return `<@${id}>`;
  return fitMrkdwn(row.label, LABEL_CHARS);
};

const rowLine = (row: ReportRow): string => `${personLabel(row)}: *${fitMrkdwn(row.value, VALUE_CHARS)}*`;

const trendLines = (trend: ReportTrend): string[] => [
  fitMrkdwn(trend.label, LABEL_CHARS),
  `\`${trend.sparkline.replace(/`/gu, '')}\`  ${fitMrkdwn(trend.caption, VALUE_CHARS)}`,
];

/**
 * One section as at most `max` blocks, cut between rows rather than through one; renders only
 * what it keeps, so a huge report costs no more than a full message.
 */
const sectionBlocks = (part: ReportSection, max: number): { blocks: KnownBlock[]; complete: boolean } => {
  const lines = [
    () => `*${fitMrkdwn(part.title, LABEL_CHARS)}*`,
    ...part.rows.map((row) => () => rowLine(row)),
    ...(part.trends ?? []).flatMap((trend) => trendLines(trend).map((line) => () => line)),
  ];
  const blocks: KnownBlock[] = [];
  let chunk: string[] = [];
  let size = 0;
  for (const render of lines) {
    const line = render();
    if (chunk.length > 0 && size + 1 + line.length > LIMITS.sectionText) {
      if (blocks.length + 1 >= max) return { blocks: [...blocks, section(chunk, OUR_WORDS)], complete: false };
      blocks.push(section(chunk, OUR_WORDS));
      chunk = [];
      size = 0;
    }
    size += (chunk.length > 0 ? 1 : 0) + line.length;
    chunk.push(line);
  }
  if (chunk.length > 0) blocks.push(section(chunk, OUR_WORDS));
  return { blocks, complete: true };
};

const bodyBlocks = (sections: ReportSection[]): KnownBlock[] => {
  // One block stays free for saying that something was left out.
  const room = LIMITS.blocksPerMessage - FIXED_BLOCKS - 1;
  const blocks: KnownBlock[] = [];
  for (const [index, part] of sections.entries()) {
    if (blocks.length >= room) return [...blocks, omitted(sections.length - index)];
    const { blocks: rendered, complete } = sectionBlocks(part, room - blocks.length);
    blocks.push(...rendered);
    if (!complete) return [...blocks, omitted(sections.length - index)];
  }
  return blocks;
};

const omitted = (sections: number): KnownBlock =>
  section(
    [`_…${sections === 1 ? 'the rest of this section is' : `${sections} sections are`} not shown: ask for a shorter period._`],
    OUR_WORDS,
  );

/** A report as Block Kit, readable on a phone: a header, one bold summary line, short label: value lines. */
export const renderReport = (report: Report): RenderedReport => {
  const blocks: KnownBlock[] = [
    { type: 'header', text: plain(report.title, LIMITS.headerText) },
    section([`*${fitMrkdwn(report.summary, VALUE_CHARS)}*`], OUR_WORDS),
    ...bodyBlocks(report.sections),
  ];
  if (report.footnotes.length > 0) {
    blocks.push(
      { type: 'divider' },
      context(
        report.footnotes.map((note) => fitMrkdwn(note, LIMITS.sectionText)),
        OUR_WORDS,
      ),
    );
  }
  return { text: escapeMrkdwn(fitPlain(`${report.title}: ${report.summary}`, NOTIFICATION_CHARS)), blocks };
};
