import { createReadStream } from 'node:fs';
import { z } from 'zod';
import { MESSAGE_KINDS, type Message } from '../domain/message.js';

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

export type ParsedLine = { ok: true; message: Message } | { ok: false; error: string };

export const parseLine = (line: string): ParsedLine => {
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch {
    return { ok: false, error: 'not valid JSON' };
  }
  const parsed = genericMessageSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, error: `${issue?.path.join('.') || 'message'}: ${issue?.message ?? 'invalid'}` };
  }
  const data = parsed.data;
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
  return { ok: true, message };
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
