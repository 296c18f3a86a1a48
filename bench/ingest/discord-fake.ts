import { FAKE_BOT_ID, FAKE_BOT_TOKEN, FakeDiscordRest } from '../../test/fakes/fake-discord-rest.js';
import { createInteractionSigner } from '../../test/fakes/fake-discord-signing.js';
import { watchDiscordCards } from './card-watch.js';

const GUILD = '900000000000000001';
const CARD_CHANNEL = '910000000000000001';

/** A fake Discord REST API for the benchmark's Discord row, and the environment that sends Switchboard's cards there instead of Slack. */
export const startDiscordFake = async () => {
  const discord = new FakeDiscordRest({ guildId: GUILD, channels: [CARD_CHANNEL] });
  await discord.start();
  return {
    env: {
      SLACK_BOT_TOKEN: '',
      SLACK_SIGNING_SECRET: '',
      SLACK_CHANNEL: '',
      DISCORD_APPLICATION_ID: FAKE_BOT_ID,
      DISCORD_PUBLIC_KEY: createInteractionSigner().publicKeyHex,
      DISCORD_BOT_TOKEN: FAKE_BOT_TOKEN,
      DISCORD_API_URL: discord.apiUrl,
      DISCORD_GUILD_ID: GUILD,
      DISCORD_CHANNEL_ID: CARD_CHANNEL,
    },
    watchCards: () => watchDiscordCards(discord, CARD_CHANNEL),
    close: () => discord.close(),
  };
};
