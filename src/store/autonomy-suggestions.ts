import type { Suggestion, SuggestionState } from './autonomy-schema.js';
import type { Db } from './db.js';

export type { Suggestion, SuggestionState } from './autonomy-schema.js';

type Level = Suggestion['from_level'];

/** True while a "Not now" keeps the rule's suggestions away. */
export const isQuiet = async (db: Db, rule: string, now: Date): Promise<boolean> => {
  const found = await db
    .selectFrom('autonomy_suggestions')
    .select('id')
    .where('rule', '=', rule)
    .where('quiet_until', '>', now)
    .limit(1)
    .executeTakeFirst();
  return found !== undefined;
};

/** A new open suggestion; undefined when the rule already has one open (the partial unique index decides). */
export const openSuggestion = async (
  db: Db,
  suggestion: { rule: string; from: Level; to: Level; figures: string; now: Date },
): Promise<Suggestion | undefined> =>
  db
    .insertInto('autonomy_suggestions')
    .values({
      rule: suggestion.rule,
      from_level: suggestion.from,
      to_level: suggestion.to,
      figures: suggestion.figures,
      created_at: suggestion.now,
    })
    .onConflict((conflict) => conflict.doNothing())
    .returningAll()
    .executeTakeFirst();

export const findSuggestion = (db: Db, id: string): Promise<Suggestion | undefined> =>
  db.selectFrom('autonomy_suggestions').selectAll().where('id', '=', id).executeTakeFirst();

/** Moves an open suggestion to its outcome, once: undefined when someone decided it first. */
export const decideSuggestion = (
  trx: Db,
  id: string,
  outcome: { state: Exclude<SuggestionState, 'open'>; by: string; at: Date; quietUntil?: Date },
): Promise<Suggestion | undefined> =>
  trx
    .updateTable('autonomy_suggestions')
    .set({ state: outcome.state, decided_by: outcome.by, decided_at: outcome.at, quiet_until: outcome.quietUntil ?? null })
    .where('id', '=', id)
    .where('state', '=', 'open')
    .returningAll()
    .executeTakeFirst();

/** The rule's open suggestion, withdrawn (its level changed under it); returns it when there was one. */
export const withdrawOpenSuggestion = (trx: Db, rule: string, by: string, at: Date): Promise<Suggestion | undefined> =>
  trx
    .updateTable('autonomy_suggestions')
    .set({ state: 'withdrawn', decided_by: by, decided_at: at })
    .where('rule', '=', rule)
    .where('state', '=', 'open')
    .returningAll()
    .executeTakeFirst();

export interface SuggestionPost {
  chat: string;
  channel: string;
  message_id: string | null;
}

/** Claims the suggestion's place in a chat channel; false when it is claimed already (a redelivered job). */
export const claimSuggestionPost = async (db: Db, id: string, place: { chat: string; channel: string }): Promise<boolean> => {
  const claimed = await db
    .insertInto('autonomy_suggestion_posts')
    .values({ suggestion_id: id, ...place })
    .onConflict((conflict) => conflict.doNothing())
    .returning('suggestion_id')
    .executeTakeFirst();
  return claimed !== undefined;
};

export const recordSuggestionPost = async (db: Db, id: string, place: { chat: string; channel: string }, messageId: string) => {
  await db
    .updateTable('autonomy_suggestion_posts')
    .set({ message_id: messageId })
    .where('suggestion_id', '=', id)
    .where('chat', '=', place.chat)
    .where('channel', '=', place.channel)
    .execute();
};

export const findSuggestionPosts = (db: Db, id: string): Promise<SuggestionPost[]> =>
  db.selectFrom('autonomy_suggestion_posts').select(['chat', 'channel', 'message_id']).where('suggestion_id', '=', id).execute();
