import { createReadStream } from 'node:fs';
import { z } from 'zod';
import { MESSAGE_KINDS, type Message } from '../domain/message.js';
import { OUTCOME_ERROR, type ReplayOutcome, readOutcome } from './replay-autonomy.js';

/** The contract's generic source message, as replay reads it one line at a time. */
const genericMessageSchema = z.object({
  id: z.string().min(1),
  platform: z.string().min(1),
  kind: z.enum(MESSAGE_KINDS),
  account_id: z.string().min(1),
  author: z.object({ id: z.string().min(1), name: z.string().optional(), username: z.string().optional() }),
  text: z.string(),
  post: z.object({ id: z.string().min(1), url: z.string().optional() }).optional(),
  thread_id: z.string().optional(),
  parent_id: z.string().optional(),
  created_at: z.iso.datetime({ offset: true }),
  from_self: z.boolean().optional(),
});

const KINDS: ReadonlySet<unknown> = new Set(MESSAGE_KINDS);
// The very pattern `z.iso.datetime({ offset: true })` checks against.
const DATETIME = z.regexes.datetime({ offset: true });
type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const isId = (value: unknown): value is string => typeof value === 'string' && value.length > 0;
const isOptional = (value: unknown, type: 'string' | 'boolean'): boolean => value === undefined || typeof value === type;

// The author and post as zod's output has them: only the schema's keys, only those present,
// in the schema's order. Written out rather than picked by a list of keys: this runs per line.
const readAuthor = (from: Json): Message['author'] => {
  const author: Message['author'] = { id: from.id as string };
  if (from.name !== undefined) author.name = from.name as string;
  if (from.username !== undefined) author.username = from.username as string;
  return author;
};

const readPost = (from: Json): NonNullable<Message['post']> => {
  const post: NonNullable<Message['post']> = { id: from.id as string };
  if (from.url !== undefined) post.url = from.url as string;
  return post;
};

/** The common case checked by hand: the message when `json` plainly fits the schema, null to let zod decide. */
const fastMessage = (json: unknown): Message | null => {
  if (!isObject(json)) return null;
  const { author, post } = json;
  if (!isId(json.id) || !isId(json.platform) || !KINDS.has(json.kind) || !isId(json.account_id) || typeof json.text !== 'string')
    return null;
  if (!isObject(author) || !isId(author.id) || !isOptional(author.name, 'string') || !isOptional(author.username, 'string')) return null;
  if (post !== undefined && (!isObject(post) || !isId(post.id) || !isOptional(post.url, 'string'))) return null;
  if (!isOptional(json.thread_id, 'string') || !isOptional(json.parent_id, 'string') || !isOptional(json.from_self, 'boolean')) return null;
  if (typeof json.created_at !== 'string' || !DATETIME.test(json.created_at)) return null;
  // Unknown keys are left behind, as zod's output leaves them.
  return toMessage({
    id: json.id,
    platform: json.platform,
    kind: json.kind as Message['kind'],
    account_id: json.account_id,
    author: readAuthor(author),
    text: json.text,
    created_at: json.created_at,
    thread_id: json.thread_id as string | undefined,
    parent_id: json.parent_id as string | undefined,
    from_self: json.from_self as boolean | undefined,
    post: post === undefined ? undefined : readPost(post),
  });
};

/** `outcome`: what became of the message's draft or automatic action, when the line records it. */
export type ParsedLine = { ok: true; message: Message; outcome?: ReplayOutcome } | { ok: false; error: string };

/** The parsed line, with the outcome only when the line has one (no spread of an empty object per line). */
const parsedLine = (message: Message, outcome: ReplayOutcome | undefined): ParsedLine =>
  outcome === undefined ? { ok: true, message } : { ok: true, message, outcome };

export const parseLine = (line: string): ParsedLine => {
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch {
    return { ok: false, error: 'not valid JSON' };
  }
  // zod walks the schema per line, a tenth of a replay's time: a line the hand check accepts
  // gives the same message as zod would; zod still judges (and words the error of) any other.
  const read = readOutcome(json);
  if (read === false) return { ok: false, error: OUTCOME_ERROR };
  const fast = fastMessage(json);
  if (fast !== null) return parsedLine(fast, read.outcome);
  const parsed = genericMessageSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, error: `${issue?.path.join('.') || 'message'}: ${issue?.message ?? 'invalid'}` };
  }
  return parsedLine(toMessage(parsed.data), read.outcome);
};

const toMessage = (data: z.infer<typeof genericMessageSchema>): Message => {
  const message: Message = {
    externalId: data.id,
    platform: data.platform,
    kind: data.kind,
    accountId: data.account_id,
    author: data.author,
    text: data.text,
    createdAt: new Date(data.created_at),
    fromSelf: data.from_self ?? false,
  };
  if (data.post) message.post = data.post;
  if (data.thread_id) message.threadId = data.thread_id;
  if (data.parent_id) message.parentId = data.parent_id;
  return message;
};

export interface InputLine {
  number: number;
  text: string;
}

export interface InputBatch {
  lines: InputLine[];
  /** Bytes read so far, for the progress bar. */
  bytes: number;
}

/**
 * The file's non-empty lines, streamed a chunk at a time (one await per 64 KiB, not per
 * line). readline's async iterator is not used: it queues every line the stream delivers
 * while we are busy, which holds a whole export in memory.
 */
export async function* readLines(file: string): AsyncGenerator<InputBatch> {
  let number = 0;
  let bytes = 0;
  let rest = '';
  for await (const chunk of createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 16 })) {
    const text = chunk as string;
    bytes += Buffer.byteLength(text);
    const parts = (rest + text).split('\n');
    rest = parts.pop() ?? '';
    const lines: InputLine[] = [];
    for (const part of parts) {
      number += 1;
      if (part.trim().length > 0) lines.push({ number, text: part.endsWith('\r') ? part.slice(0, -1) : part });
    }
    yield { lines, bytes };
  }
  if (rest.trim().length > 0) yield { lines: [{ number: number + 1, text: rest }], bytes };
}
