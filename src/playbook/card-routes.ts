import type { ChatName } from '../domain/chat.js';
import type { PlaybookSpec } from '../playbook-spec/schema.js';

/** The chats each rule that says `chats:` sends its cards to; rules that do not say are left out (every chat). */
export const cardRoutes = (spec: Pick<PlaybookSpec, 'rules'>): ReadonlyMap<string, readonly ChatName[]> =>
  new Map(spec.rules.flatMap((rule) => (rule.chats ? [[rule.id, [...new Set(rule.chats)]] as const] : [])));
