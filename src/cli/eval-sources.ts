import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, extname, join, relative, resolve } from 'node:path';
import { MESSAGE_KINDS, type Message, type MessageKind } from '../domain/message.js';
import { csvObjects } from './eval-csv.js';
import { htmlToText } from './eval-html.js';
import { LABEL_HELP, parseLabel, type LabelledMessage, type Outcome } from './eval-labels.js';
import { parseLine } from './replay-input.js';

export interface SourceRead {
  items: LabelledMessage[];
  /** `file:line: what was wrong`, for lines that could not be used. */
  problems: string[];
}

// The videos of the UCI YouTube Spam Collection: each file's comments were written under one of
// them, and a live adapter always knows the post a comment belongs to.
const COLLECTION_VIDEOS: Record<string, string> = {
  youtube01: '9bZkp7q19f0',
  youtube02: 'CevxZvSJLk8',
  youtube03: 'KQ6zr6kCPj8',
  youtube04: 'uelHwf8o7_U',
  youtube05: 'pRpeEdMmmQ0',
};
const UNDATED = new Date('2015-01-01T00:00:00Z');

const dateOf = (raw: string | undefined): Date => {
  if (!raw) return UNDATED;
  const date = new Date(/[zZ]|[+-]\d\d:?\d\d$/u.test(raw) ? raw : `${raw}Z`);
  return Number.isNaN(date.getTime()) ? UNDATED : date;
};

const kindOf = (raw: string | undefined): MessageKind => (MESSAGE_KINDS.includes(raw as MessageKind) ? (raw as MessageKind) : 'comment');

const csvMessage = (row: Record<string, string>, name: string, index: number): { message: Message; label: unknown } => {
  const youtube = row.content !== undefined;
  const video = COLLECTION_VIDEOS[name.toLowerCase().slice(0, 9)];
  const author = row.author || `author-${index}`;
  const message: Message = {
    externalId: row.comment_id || row.id || `${name}-${index}`,
    platform: row.platform || (youtube ? 'youtube' : 'generic'),
    kind: kindOf(row.kind),
    accountId: row.account_id || `${name}-account`,
    author: { id: author, name: author },
    text: youtube ? htmlToText(row.content ?? '') : (row.text ?? ''),
    post: { id: row.post_id || name, ...(video ? { url: `https://www.youtube.com/watch?v=${video}` } : {}) },
    createdAt: dateOf(row.date ?? row.created_at),
    fromSelf: false,
  };
  return { message, label: row.class ?? row.label };
};

const labelled = (
  file: string,
  line: number,
  message: Message,
  raw: unknown,
  labels: ReadonlyMap<string, Outcome>,
  out: SourceRead,
  source: string,
): void => {
  const label = labels.get(message.externalId) ?? parseLabel(raw);
  if (label === null) out.problems.push(`${file}:${line}: skipped: no label (expected ${LABEL_HELP})`);
  else out.items.push({ message, label, source, group: basename(dirname(resolve(file))), where: `${file}:${line}` });
};

const readCsv = (file: string, text: string, labels: ReadonlyMap<string, Outcome>): SourceRead => {
  const out: SourceRead = { items: [], problems: [] };
  const name = basename(file, extname(file));
  csvObjects(text).forEach((row, index) => {
    const { message, label } = csvMessage(row, name, index);
    labelled(file, index + 2, message, label, labels, out, name);
  });
  return out;
};

const readJsonl = (file: string, text: string, labels: ReadonlyMap<string, Outcome>): SourceRead => {
  const out: SourceRead = { items: [], problems: [] };
  const name = basename(file);
  text.split('\n').forEach((line, index) => {
    if (line.trim() === '') return;
    const parsed = parseLine(line);
    if (!parsed.ok) {
      out.problems.push(`${file}:${index + 1}: skipped: ${parsed.error}`);
      return;
    }
    const raw = (JSON.parse(line) as { label?: unknown }).label;
    labelled(file, index + 1, parsed.message, raw, labels, out, name);
  });
  return out;
};

/** A labelled file: CSV (the YouTube Spam Collection's columns, or id,text,label) or JSONL messages with a `label`. */
export const readLabelledFile = (file: string, labels: ReadonlyMap<string, Outcome> = new Map()): SourceRead => {
  const text = readFileSync(file, 'utf8');
  return extname(file).toLowerCase() === '.csv' ? readCsv(file, text, labels) : readJsonl(file, text, labels);
};

/** `--labels FILE`: labels by message id, as JSONL `{"id", "label"}` lines or a CSV with id and label columns. */
export const readLabels = (file: string): { labels: Map<string, Outcome>; problems: string[] } => {
  const text = readFileSync(file, 'utf8');
  const labels = new Map<string, Outcome>();
  const problems: string[] = [];
  const rows: { id?: unknown; label?: unknown }[] =
    extname(file).toLowerCase() === '.csv'
      ? csvObjects(text)
      : text
          .split('\n')
          .filter((line) => line.trim() !== '')
          .map((line) => {
            try {
              return JSON.parse(line) as { id?: unknown; label?: unknown };
            } catch {
              return {};
            }
          });
  rows.forEach((row, index) => {
    const label = parseLabel(row.label);
    if (typeof row.id === 'string' && label !== null) labels.set(row.id, label);
    else problems.push(`${file}: entry ${index + 1}: expected an id and a label (${LABEL_HELP})`);
  });
  return { labels, problems };
};

/**
 * What `npm run eval` scores when no file is named: the project's own labelled examples, and the
 * YouTube Spam Collection beside the clone (../shared/data/youtube-spam) when it is there.
 */
export const defaultSources = (root: string): { files: string[]; notes: string[] } => {
  const files: string[] = [];
  const notes: string[] = [];
  const examples = join(root, 'examples');
  if (existsSync(examples)) {
    for (const name of readdirSync(examples).sort()) {
      if (name.endsWith('.labelled.jsonl')) files.push(relative(process.cwd(), join(examples, name)) || join(examples, name));
    }
  }
  const collection = resolve(root, '..', 'shared', 'data', 'youtube-spam');
  const csvs = existsSync(collection) ? readdirSync(collection).filter((name) => name.endsWith('.csv')) : [];
  if (csvs.length === 0) notes.push(`${collection}: not found, the YouTube Spam Collection is skipped`);
  // Relative to where the command runs, so the report's file:line references stay short.
  for (const name of csvs.sort()) files.push(relative(process.cwd(), join(collection, name)) || join(collection, name));
  return { files, notes };
};
