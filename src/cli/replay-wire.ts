import type { Message } from '../domain/message.js';
import type { Script } from '../engine/language.js';
import type { TextFacts } from '../engine/text-facts.js';
import type { ReplayOutcome } from './replay-autonomy.js';

/** A readable line: the message, its language, and its text facts per playbook when they were worked out ahead. */
export interface ReplayMessage {
  message: Message;
  language: string;
  outcome?: ReplayOutcome;
  facts?: TextFacts[];
}

/** An unreadable line, and why. */
export interface SkippedLine {
  line: number;
  error: string;
}

export type ReplayEntry = ReplayMessage | SkippedLine;

/**
 * A batch as it crosses from the reading thread: every string once per batch in `strings`, and
 * everything else (string references included) in `numbers`, in the order `readBatch` reads
 * them. Structured clone of one object per message and fact costs microseconds per message;
 * an array of strings and a transferred Float64Array cost a fraction of that.
 */
export interface WireBatch {
  bytes: number;
  strings: string[];
  numbers: Float64Array<ArrayBuffer>;
}

/** What the reading thread is started with. */
export interface ReaderData {
  file: string;
  /** The main playbook's path, then the compared one's; undefined for the built-in playbook. */
  playbooks: (string | undefined)[];
}

/** Batches the reading thread may have posted that the main thread has not taken back: bounded memory. */
export const READ_AHEAD = 4;
/** The reading thread's last message, after its last batch. */
export const READER_DONE = 'done';

const MESSAGE = 0;
const SKIPPED = 1;
const NULL = -1;
const UNKNOWN = -2;
const NAME = 1;
const USERNAME = 2;
const POST = 4;
const POST_URL = 8;
const THREAD = 16;
const PARENT = 32;
const OUTCOME = 64;
const FROM_SELF = 128;

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

class Reader {
  at = 0;
  constructor(
    private readonly strings: readonly string[],
    private readonly numbers: Float64Array,
  ) {}

  get done(): boolean {
    return this.at >= this.numbers.length;
  }

  number(): number {
    return this.numbers[this.at++] as number;
  }

  string(): string {
    return this.strings[this.number()] as string;
  }

  maybe(): string | null | undefined {
    const index = this.number();
    if (index === NULL) return null;
    return index === UNKNOWN ? undefined : (this.strings[index] as string);
  }

  words(): string[] {
    const count = this.number();
    const words: string[] = [];
    for (let i = 0; i < count; i += 1) words.push(this.string());
    return words;
  }
}

const readFacts = (input: Reader): TextFacts => {
  const language = input.string();
  const script = input.string() as Script;
  const sentiment = input.number();
  const hitCount = input.number();
  const facts: TextFacts = {
    language,
    script,
    sentiment,
    termHits: [],
    negatedBy: [],
    positiveWhy: [],
    links: [],
    emails: [],
    profanity: [],
    insults: [],
    spam: [],
  };
  for (let i = 0; i < hitCount; i += 1) {
    const term = input.number();
    const start = input.number();
    const end = input.number();
    facts.termHits.push({ term, text: input.string(), start, end });
    facts.negatedBy.push(input.maybe());
    facts.positiveWhy.push(input.maybe());
  }
  const linkCount = input.number();
  for (let i = 0; i < linkCount; i += 1) {
    const text = input.string();
    const host = input.string();
    const href = input.string();
    facts.links.push({ text, host, href, start: input.number(), end: input.number() });
  }
  facts.emails = input.words();
  facts.profanity = input.words();
  facts.insults = input.words();
  const spamCount = input.number();
  for (let i = 0; i < spamCount; i += 1)
    facts.spam.push({ family: input.string() as TextFacts['spam'][number]['family'], text: input.string() });
  return facts;
};

// The message with its keys in the order the line reader gives them.
const readMessage = (input: Reader): ReplayMessage => {
  const flags = input.number();
  const externalId = input.string();
  const platform = input.string();
  const kind = input.string() as Message['kind'];
  const accountId = input.string();
  const author: Message['author'] = { id: input.string() };
  if (flags & NAME) author.name = input.string();
  if (flags & USERNAME) author.username = input.string();
  const text = input.string();
  const post: Message['post'] = flags & POST ? { id: input.string() } : undefined;
  if (post && flags & POST_URL) post.url = input.string();
  const threadId = flags & THREAD ? input.string() : undefined;
  const parentId = flags & PARENT ? input.string() : undefined;
  const createdAt = new Date(input.number());
  const message: Message = { externalId, platform, kind, accountId, author, text, createdAt, fromSelf: (flags & FROM_SELF) !== 0 };
  if (post) message.post = post;
  if (threadId !== undefined) message.threadId = threadId;
  if (parentId !== undefined) message.parentId = parentId;
  const outcome = flags & OUTCOME ? (input.string() as ReplayOutcome) : undefined;
  const entry: ReplayMessage = { message, language: input.string() };
  if (outcome !== undefined) entry.outcome = outcome;
  const lanes = input.number();
  if (lanes > 0) {
    entry.facts = [];
    for (let i = 0; i < lanes; i += 1) entry.facts.push(readFacts(input));
  }
  return entry;
};

/** The entries `writeBatch` was given, in order. */
export const readBatch = (batch: WireBatch): ReplayEntry[] => {
  const input = new Reader(batch.strings, batch.numbers);
  const entries: ReplayEntry[] = [];
  while (!input.done) {
    if (input.number() === MESSAGE) entries.push(readMessage(input));
    else entries.push({ line: input.number(), error: input.string() });
  }
  return entries;
};
