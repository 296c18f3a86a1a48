import type { Message } from '../domain/message.js';
import type { Script } from '../engine/language.js';
import type { TextFacts } from '../engine/text-facts.js';
import type { ReplayOutcome } from './replay-autonomy.js';
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
  THREAD,
  UNKNOWN,
  USERNAME,
  type WireBatch,
} from './replay-wire.js';

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

/** The entries a `BatchWriter` was given, in order. */
export const readBatch = (batch: WireBatch): ReplayEntry[] => {
  const input = new Reader(batch.strings, batch.numbers);
  const entries: ReplayEntry[] = [];
  while (!input.done) {
    if (input.number() === MESSAGE) entries.push(readMessage(input));
    else entries.push({ line: input.number(), error: input.string() });
  }
  return entries;
};
