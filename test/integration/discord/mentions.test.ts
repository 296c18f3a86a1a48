import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alertWhen, newCard, noteOn } from '../../contract/chat/contract-helpers.js';
import { type DiscordDriver, makeDiscordHttpDriver } from '../../contract/chat/discord-driver.js';
import { mentionsIn } from '../../contract/chat/discord-neutral.js';
import { CARD_CHANNEL_ID, DISCORD_PEOPLE, ESCALATION_CHANNEL_ID, PEOPLE_BY_ID } from '../../contract/chat/discord-setup.js';

const PINGS = 'I want a refund @everyone @here <@123> <@!123> <@&456>';

/** Commenter text pings nobody in Discord; the escalation mention pings exactly the on-call person. */
describe('Discord mentions', () => {
  let driver: DiscordDriver;
  beforeAll(async () => {
    driver = (await makeDiscordHttpDriver({ onCall: 'dana' })) as DiscordDriver;
  });
  afterAll(async () => {
    await driver?.close();
  });

  it('a comment carrying @everyone, <@123> and <@&456> pings nobody on its card or in its thread, while the escalation pings dana only', async () => {
    const { discord } = driver.discord;
    const { card } = await newCard(driver, PINGS);
    const posted = discord.messagesIn(CARD_CHANNEL_ID).find((message) => message.id === card.id);
    expect(posted?.allowed_mentions).toEqual({ parse: [] });
    expect(JSON.stringify(posted?.embeds)).not.toMatch(/(?<!\\)<@|(?<!\\)@everyone|(?<!\\)@here/u);

    await driver.press(card, 'escalate', 'alice');
    const alert = await alertWhen(driver, card, 'the escalation alert');
    expect(alert.mentions).toEqual(['dana']);
    const message = discord.messagesIn(ESCALATION_CHANNEL_ID).find((candidate) => candidate.id === alert.id);
    expect(message?.allowed_mentions).toEqual({ parse: [], users: [DISCORD_PEOPLE.dana.id] });

    await noteOn(driver, card, /@alice escalated/u);
    for (const note of discord.messagesIn(card.id)) {
      expect(mentionsIn(note, PEOPLE_BY_ID).filter((who) => who !== 'alice')).toEqual([]);
      expect(note.allowed_mentions?.parse ?? []).toEqual([]);
    }
  });
});
