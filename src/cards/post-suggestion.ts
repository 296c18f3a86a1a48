import type { ChatAdapter, ChatName } from '../domain/chat.js';
import { claimSuggestionPost, findSuggestion, findSuggestionPosts, recordSuggestionPost } from '../store/autonomy-suggestions.js';
import type { Db } from '../store/db.js';
import { demotionAlert, suggestionAlert } from './suggestion-alert.js';

export interface SuggestionPostDeps {
  db: Db;
  chats: ReadonlyMap<string, ChatAdapter>;
  /** Every configured chat's card channel. */
  targets: readonly { chat: ChatName; channel: string }[];
}

/**
 * A suggestion in every card channel, once each: a channel where it is posted already is skipped (a
 * retried job posts only where the last attempt did not get to). Returns where it was posted now.
 */
export const postSuggestion = async (deps: SuggestionPostDeps, suggestionId: string): Promise<string> => {
  const suggestion = await findSuggestion(deps.db, suggestionId);
  if (!suggestion) return 'missing';
  const posted = new Set(
    (await findSuggestionPosts(deps.db, suggestionId))
      .filter((post) => post.message_id !== null)
      .map((post) => `${post.chat}:${post.channel}`),
  );
  const now: string[] = [];
  for (const target of deps.targets) {
    const chat = deps.chats.get(target.chat);
    if (!chat || posted.has(`${target.chat}:${target.channel}`)) continue;
    await claimSuggestionPost(deps.db, suggestionId, target);
    await recordSuggestionPost(deps.db, suggestionId, target, await chat.postAlert(target.channel, suggestionAlert(suggestion)));
    now.push(target.chat);
  }
  return now.length > 0 ? `posted in ${now.join(', ')}` : 'already';
};

/** A decided suggestion redrawn everywhere it was posted: the same outcome, in the same words, for everyone. */
export const refreshSuggestion = async (deps: Pick<SuggestionPostDeps, 'db' | 'chats'>, suggestionId: string): Promise<string> => {
  const suggestion = await findSuggestion(deps.db, suggestionId);
  if (!suggestion) return 'missing';
  let updated = 0;
  for (const post of await findSuggestionPosts(deps.db, suggestionId)) {
    const chat = deps.chats.get(post.chat);
    if (!chat || !post.message_id) continue;
    await chat.updateAlert(post.channel, post.message_id, suggestionAlert(suggestion));
    updated += 1;
  }
  return `updated ${updated}`;
};

/** One card channel is told the rule went back to draft, and why. */
export const postDemotion = async (
  deps: Pick<SuggestionPostDeps, 'chats'>,
  demotion: { rule: string; from: string; figures: string; countdownsEnded: number; chat: ChatName; channel: string },
): Promise<string> => {
  const chat = deps.chats.get(demotion.chat);
  if (!chat) return 'no chat';
  return chat.postAlert(demotion.channel, demotionAlert(demotion));
};
