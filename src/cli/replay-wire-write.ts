import type { TextFacts } from '../engine/text-facts.js';
import {
  FROM_SELF,
  MESSAGE,
  NAME,
  NULL,
  OUTCOME,
  PARENT,
  POST,
  POST_URL,
  type ReplayEntry,
  type ReplayMessage,
  SKIPPED,
  THREAD,
  UNKNOWN,
  USERNAME,
  type WireBatch,
} from './replay-wire.js';

class Writer {
  readonly strings: string[] = [];
  private numbers = new Float64Array(1 << 12);
  private length = 0;
  // Platforms, languages, matched words: the same few strings again and again, sent once a batch.
  private readonly known = new Map<string, number>();

  number(value: number): void {
    if (this.length === this.numbers.length) {
      const grown = new Float64Array(this.numbers.length * 2);
      grown.set(this.numbers);
      this.numbers = grown;
    }
    this.numbers[this.length++] = value;
  }

  text(value: string): void {
    this.number(this.strings.push(value) - 1);
  }

  word(value: string): void {
    let index = this.known.get(value);
    if (index === undefined) {
      index = this.strings.push(value) - 1;
      this.known.set(value, index);
    }
    this.number(index);
  }

  maybe(value: string | null | undefined): void {
    if (value === null) this.number(NULL);
    else if (value === undefined) this.number(UNKNOWN);
    else this.word(value);
  }

  words(values: readonly string[]): void {
    this.number(values.length);
    for (const value of values) this.word(value);
  }

  /** The numbers written, in a buffer of their own (to be transferred). */
  finish(): Float64Array<ArrayBuffer> {
    return this.numbers.slice(0, this.length);
  }
}

const flagsOf = (entry: ReplayMessage): number => {
  const { message } = entry;
  let flags = message.fromSelf ? FROM_SELF : 0;
  if (message.author.name !== undefined) flags |= NAME;
  if (message.author.username !== undefined) flags |= USERNAME;
  if (message.post !== undefined) flags |= message.post.url === undefined ? POST : POST | POST_URL;
  if (message.threadId !== undefined) flags |= THREAD;
  if (message.parentId !== undefined) flags |= PARENT;
  if (entry.outcome !== undefined) flags |= OUTCOME;
  return flags;
};

const writeFacts = (out: Writer, facts: TextFacts): void => {
  out.word(facts.language);
  out.word(facts.script);
  out.number(facts.sentiment);
  out.number(facts.termHits.length);
  facts.termHits.forEach((hit, index) => {
    out.number(hit.term);
    out.number(hit.start);
    out.number(hit.end);
    out.word(hit.text);
    out.maybe(facts.negatedBy[index]);
    out.maybe(facts.positiveWhy[index]);
  });
  out.number(facts.links.length);
  for (const link of facts.links) {
    out.text(link.text);
    out.word(link.host);
    out.text(link.href);
    out.number(link.start);
    out.number(link.end);
  }
  out.words(facts.emails);
  out.words(facts.profanity);
  out.words(facts.insults);
  out.number(facts.spam.length);
  for (const finding of facts.spam) {
    out.word(finding.family);
    out.word(finding.text);
  }
};

const writeMessage = (out: Writer, entry: ReplayMessage): void => {
  const { message } = entry;
  const flags = flagsOf(entry);
  out.number(MESSAGE);
  out.number(flags);
  out.text(message.externalId);
  out.word(message.platform);
  out.word(message.kind);
  out.word(message.accountId);
  out.text(message.author.id);
  if (flags & NAME) out.word(message.author.name as string);
  if (flags & USERNAME) out.text(message.author.username as string);
  out.text(message.text);
  if (flags & POST) out.text(message.post?.id as string);
  if (flags & POST_URL) out.text(message.post?.url as string);
  if (flags & THREAD) out.text(message.threadId as string);
  if (flags & PARENT) out.text(message.parentId as string);
  out.number(message.createdAt.getTime());
  if (flags & OUTCOME) out.word(entry.outcome as string);
  out.word(entry.language);
  const lanes = entry.facts ?? [];
  out.number(lanes.length);
  for (const facts of lanes) writeFacts(out, facts);
};

/** Entries written one at a time, as they are worked out: none is kept once written. */
export class BatchWriter {
  private out = new Writer();

  add(entry: ReplayEntry): void {
    if ('message' in entry) writeMessage(this.out, entry);
    else {
      this.out.number(SKIPPED);
      this.out.number(entry.line);
      this.out.word(entry.error);
    }
  }

  /** The batch so far (its numbers' buffer is meant to be transferred); the writer starts a new one. */
  finish(bytes: number): WireBatch {
    const batch = { bytes, strings: this.out.strings, numbers: this.out.finish() };
    this.out = new Writer();
    return batch;
  }
}
