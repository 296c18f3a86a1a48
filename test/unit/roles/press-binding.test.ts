import { describe, expect, it } from 'vitest';
import { misplacedPress, type ButtonHome } from '../../../src/roles/press-binding.js';

const card: ButtonHome = { chat: 'slack', channel: 'C0CARDS', messageId: '100.1' };
const alert: ButtonHome = { chat: 'slack', channel: 'C0ESC', messageId: '200.1' };
const press = (channel: string | undefined, messageId: string | undefined, actor = 'slack:U0ALICE') => ({ actor, channel, messageId });

describe('a press bound to its card’s own message', () => {
  it('counts on the card, or on its escalation alert', () => {
    expect(misplacedPress(press('C0CARDS', '100.1'), [card, alert])).toBeUndefined();
    expect(misplacedPress(press('C0ESC', '200.1'), [card, alert])).toBeUndefined();
  });

  it('does not count from another channel, another message, or another chat', () => {
    expect(misplacedPress(press('C0ELSE', '100.1'), [card])).toMatch(/belongs to another channel/u);
    expect(misplacedPress(press('C0CARDS', '999.9'), [card])).toMatch(/not pressed on the card’s own message/u);
    expect(misplacedPress(press('C0CARDS', '100.1', 'discord:123'), [card])).toMatch(/another channel/u);
    expect(misplacedPress(press(undefined, undefined), [card])).toMatch(/another channel/u);
    expect(misplacedPress(press('C0CARDS', '200.1'), [card, alert])).toMatch(/not pressed on the card’s own message/u);
  });

  it('matches a message whose id is not recorded yet by its channel only', () => {
    const posting: ButtonHome = { ...card, messageId: null };
    expect(misplacedPress(press('C0CARDS', '100.1'), [posting])).toBeUndefined();
    expect(misplacedPress(press('C0ELSE', '100.1'), [posting])).toMatch(/another channel/u);
  });

  it('counts on the card in any chat it is shown in, and nowhere else in those chats', () => {
    const inDiscord: ButtonHome = { chat: 'discord', channel: '1100000000000000001', messageId: '1200000000000000001' };
    const homes = [card, inDiscord];
    expect(misplacedPress(press('C0CARDS', '100.1'), homes)).toBeUndefined();
    expect(misplacedPress(press('1100000000000000001', '1200000000000000001', 'discord:901'), homes)).toBeUndefined();
    // A Discord person cannot press through the Slack copy's coordinates, nor a Slack person through Discord's.
    expect(misplacedPress(press('C0CARDS', '100.1', 'discord:901'), homes)).toMatch(/another channel/u);
    expect(misplacedPress(press('1100000000000000001', '1200000000000000001'), homes)).toMatch(/another channel/u);
    expect(misplacedPress(press('1100000000000000001', '1299999999999999999', 'discord:901'), homes)).toMatch(
      /not pressed on the card’s own message/u,
    );
  });

  it('leaves a card that is gone to the press itself', () => {
    expect(misplacedPress(press('C0ELSE', '1'), [])).toBeUndefined();
  });
});
