import type { ChatName } from '../domain/chat.js';
import type { CardRouting, ChatTarget } from './pipeline-types.js';

/**
 * Where a card goes: every chat one of its reasons' rules asks for (a rule that does not say asks for
 * every chat), among the configured chats that have a card channel for the message's account.
 */
export const cardTargets = (
  routing: CardRouting,
  reasons: readonly { rule: string }[],
  account: { platform: string; accountId: string },
): ChatTarget[] => {
  const wanted = new Set<ChatName>();
  for (const reason of reasons) for (const chat of routing.ruleChats.get(reason.rule) ?? routing.chats) wanted.add(chat);
  return routing.chats.flatMap((chat) => {
    const channel = wanted.has(chat) ? routing.cardChannel(chat, account) : undefined;
    return channel ? [{ chat, channel }] : [];
  });
};
