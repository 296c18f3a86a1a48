import type { Message } from '../domain/message.js';

/** What a person expects to happen to a message: the four outcomes the evaluation tells apart. */
export const OUTCOMES = ['hide', 'handoff', 'reply', 'none'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export interface LabelledMessage {
  message: Message;
  label: Outcome;
  /** The file (and, for the YouTube collection, the video) it came from. */
  source: string;
  /** The folder of that file, to sum a collection's files ("youtube-spam"). */
  group: string;
  /** `file:line`, to find it again. */
  where: string;
}

const ALIASES: Record<string, Outcome> = {
  hide: 'hide',
  hidden: 'hide',
  spam: 'hide',
  '1': 'hide',
  handoff: 'handoff',
  person: 'handoff',
  escalate: 'handoff',
  reply: 'reply',
  auto_reply: 'reply',
  none: 'none',
  ham: 'none',
  '0': 'none',
  leave: 'none',
  'leave alone': 'none',
  ignore: 'none',
};

/** A label as people write it ("spam", "ham", "1", "leave alone"…), or null when it is none of them. */
export const parseLabel = (raw: unknown): Outcome | null =>
  typeof raw === 'string' || typeof raw === 'number' ? (ALIASES[String(raw).trim().toLowerCase()] ?? null) : null;

export const LABEL_HELP = 'hide (or spam, 1), handoff, reply, none (or ham, 0, leave alone)';
