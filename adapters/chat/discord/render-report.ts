import type { APIEmbed, APIEmbedField } from 'discord.js';
import type { Report, ReportRow, ReportSection } from '../../../src/domain/report.js';
import { escapeMarkdown, fitMarkdown, LIMITS } from './discord-text.js';
import { fitEmbed } from './fit-embed.js';

const LABEL_CHARS = 80;
const VALUE_CHARS = 300;
/** Room for the field saying something was left out. */
const SECTION_FIELDS = LIMITS.fields - 1;
const FOOTER = 'Switchboard';

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

const LEFT_OUT = { name: '…', value: '*Not everything fits: ask for a shorter period.*' };

/** The fields that fit in `room` characters and 24 fields; the note saying what was left out takes the last place. */
const fieldsWithin = (fields: APIEmbedField[], room: number): APIEmbedField[] => {
  const kept: APIEmbedField[] = [];
  let used = LEFT_OUT.name.length + LEFT_OUT.value.length;
  for (const field of fields) {
    const size = Math.min(field.name.length, LIMITS.fieldName) + Math.min(field.value.length, LIMITS.fieldValue);
    if (kept.length >= SECTION_FIELDS || used + size > room) return [...kept, LEFT_OUT];
    kept.push(field);
    used += size;
  }
  return kept;
};

/** A report as one embed: a title, a bold summary, a field per section; what does not fit is said to be left out. */
export const renderReport = (report: Report): APIEmbed => {
  const footnotes = report.footnotes.map((note) => fitMarkdown(note, 300)).join('\n');
  const description = `**${fitMarkdown(report.summary, VALUE_CHARS)}**${footnotes ? `\n\n${footnotes}` : ''}`;
  const room = LIMITS.embedTotal - escapeMarkdown(report.title).length - description.length - FOOTER.length;
  return fitEmbed({ title: report.title, description, fields: fieldsWithin(report.sections.flatMap(sectionFields), room), footer: FOOTER });
};
