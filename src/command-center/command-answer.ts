import type { Report } from '../domain/report.js';

/**
 * Words for a person. `{ code }` parts are things to type (a command, its usage), which each chat
 * sets in its own code style; every part is plain text the chat escapes in its own syntax.
 */
export type Words = readonly (string | { code: string })[];

/** The platform-neutral answer to a slash command: a report, or words (usage, a failure, "working on it"). */
export type CommandAnswer = { kind: 'report'; report: Report } | { kind: 'words'; words: Words };

export const wordsAnswer = (...words: Words): CommandAnswer => ({ kind: 'words', words });
