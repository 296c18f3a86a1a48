import type { APIEmbed, APIEmbedField } from 'discord.js';
import type { Report, ReportRow, ReportSection } from '../../../src/domain/report.js';
import { fitMarkdown, LIMITS } from './discord-text.js';
import { fitEmbed } from './fit-embed.js';

const LABEL_CHARS = 80;
const VALUE_CHARS = 300;
/** Room for the field saying something was left out. */
const SECTION_FIELDS = LIMITS.fields - 1;

/** 'discord:123' shows the person (embeds never ping); anything else stays text. */
const personLabel = (row: ReportRow): string => {
  const id = /^discord:(\d+)$/u.exec(row.person ?? '')?.[1];
  return id ? `<@${id}>` : fitMarkdown(row.label, LABEL_CHARS);
};

/** A section's lines in fields of at most 1,024 characters, cut between lines. */
const sectionFields = (part: ReportSection): APIEmbedField[] => {
  const lines = [
    ...part.rows.map((row) => `${personLabel(row)}: **${fitMarkdown(row.value, VALUE_CHARS)}**`),
    ...(part.trends ?? []).map(
      (trend) =>
        `${fitMarkdown(trend.label, LABEL_CHARS)}\n\`${trend.sparkline.replace(/`/gu, '')}\` ${fitMarkdown(trend.caption, VALUE_CHARS)}`,
    ),
  ];
  const fields: APIEmbedField[] = [];
  let chunk: string[] = [];
  for (const line of lines) {
    if (chunk.length > 0 && [...chunk, line].join('\n').length > LIMITS.fieldValue) {
      fields.push({ name: fields.length === 0 ? part.title : `${part.title} (cont.)`, value: chunk.join('\n') });
      chunk = [];
    }
    chunk.push(line);
  }
  fields.push({ name: fields.length === 0 ? part.title : `${part.title} (cont.)`, value: chunk.length > 0 ? chunk.join('\n') : '—' });
  return fields;
};

/** A report as one embed: a title, a bold summary, a field per section; what does not fit is said to be left out. */
export const renderReport = (report: Report): APIEmbed => {
  const fields = report.sections.flatMap(sectionFields);
  const shown =
    fields.length > SECTION_FIELDS
      ? [...fields.slice(0, SECTION_FIELDS), { name: '…', value: '*Not everything fits: ask for a shorter period.*' }]
      : fields;
  const footnotes = report.footnotes.map((note) => fitMarkdown(note, 300)).join('\n');
  return fitEmbed({
    title: report.title,
    description: `**${fitMarkdown(report.summary, VALUE_CHARS)}**${footnotes ? `\n\n${footnotes}` : ''}`,
    fields: shown,
    footer: 'Switchboard',
  });
};
