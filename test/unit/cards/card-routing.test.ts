import { describe, expect, it } from 'vitest';
import type { ChatName } from '../../../src/domain/chat.js';
import { cardTargets } from '../../../src/pipeline/card-routing.js';
import type { CardRouting } from '../../../src/pipeline/pipeline-types.js';
import { cardRoutes } from '../../../src/playbook/card-routes.js';

const PAGE = { platform: 'facebook', accountId: '104857600000001' };
const DEFAULTS: Record<ChatName, string> = { slack: 'C0CARDS', discord: '1100000000000000001' };

const routing = (chats: ChatName[], ruleChats: Record<string, ChatName[]> = {}, own?: Partial<Record<ChatName, string>>): CardRouting => ({
  chats,
  ruleChats: new Map(Object.entries(ruleChats)),
  cardChannel: (chat, account) => (account.accountId === PAGE.accountId ? own?.[chat] : undefined) ?? DEFAULTS[chat],
});

describe('which chats show a card', () => {
  it('every configured chat when no rule says', () => {
    expect(cardTargets(routing(['slack', 'discord']), [{ rule: 'handoff-refund' }], PAGE)).toEqual([
      { chat: 'slack', channel: 'C0CARDS' },
      { chat: 'discord', channel: '1100000000000000001' },
    ]);
  });

  it('only the chats a rule asks for, and the union across the card’s rules', () => {
    const routes = { 'handoff-complaint': ['discord'] as ChatName[], 'handoff-refund': ['slack'] as ChatName[] };
    expect(cardTargets(routing(['slack', 'discord'], routes), [{ rule: 'handoff-complaint' }], PAGE).map((t) => t.chat)).toEqual([
      'discord',
    ]);
    const both = cardTargets(routing(['slack', 'discord'], routes), [{ rule: 'handoff-complaint' }, { rule: 'handoff-refund' }], PAGE);
    expect(both.map((t) => t.chat)).toEqual(['slack', 'discord']);
    // A rule without chats: asks for every chat.
    const withDefault = cardTargets(
      routing(['slack', 'discord'], routes),
      [{ rule: 'handoff-complaint' }, { rule: 'escalate-legal' }],
      PAGE,
    );
    expect(withDefault.map((t) => t.chat)).toEqual(['slack', 'discord']);
  });

  it('never a chat that is not configured', () => {
    expect(cardTargets(routing(['slack'], { 'handoff-complaint': ['discord'] }), [{ rule: 'handoff-complaint' }], PAGE)).toEqual([]);
  });

  it('in the account’s own card channel when it has one', () => {
    const targets = cardTargets(routing(['slack', 'discord'], {}, { slack: 'C0SHOP2' }), [{ rule: 'r' }], PAGE);
    expect(targets).toEqual([
      { chat: 'slack', channel: 'C0SHOP2' },
      { chat: 'discord', channel: '1100000000000000001' },
    ]);
  });
});

describe('cardRoutes', () => {
  it('maps the rules that name chats, once each, and leaves the others out', () => {
    const routes = cardRoutes({
      rules: [{ id: 'a', chats: ['discord', 'discord'] }, { id: 'b' }],
    });
    expect([...routes]).toEqual([['a', ['discord']]]);
  });
});
