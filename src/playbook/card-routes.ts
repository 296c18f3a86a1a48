import type { ChatName } from '../domain/chat.js';

/** The chats each rule that says `chats:` sends its cards to; rules that do not say are left out (every chat). */
export const cardRoutes = (spec: {
  rules: readonly { id: string; chats?: readonly ChatName[] | undefined }[];
}): ReadonlyMap<string, readonly ChatName[]> =>
  new Map(spec.rules.flatMap((rule) => (rule.chats ? [[rule.id, [...new Set(rule.chats)]] as const] : [])));
