import type { Message } from '../domain/message.js';
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
 * everything else (string references included) in `numbers`, in the order replay-wire-write.ts
 * writes and replay-wire-read.ts reads them. Structured clone of one object per message and
 * fact costs microseconds per message; an array of strings and a transferred Float64Array, a
 * fraction of that.
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

/** How an entry starts. */
export const MESSAGE = 0;
export const SKIPPED = 1;
/** A string reference that is null, or undefined (not worked out). */
export const NULL = -1;
export const UNKNOWN = -2;
/** Which of a message's optional fields follow (bits). */
export const NAME = 1;
export const USERNAME = 2;
export const POST = 4;
export const POST_URL = 8;
export const THREAD = 16;
export const PARENT = 32;
export const OUTCOME = 64;
export const FROM_SELF = 128;
