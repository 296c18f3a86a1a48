import { describe, expect, it } from 'vitest';
import { configWarnings, loadConfig } from '../../../src/config.js';

const DISCORD = {
  DISCORD_APPLICATION_ID: '1200000000000000001',
  DISCORD_PUBLIC_KEY: 'ab'.repeat(32),
  DISCORD_BOT_TOKEN: 'token',
  DISCORD_CHANNEL_ID: '910000000000000001',
};

describe('Discord configuration', () => {
  it('turns Discord on with its three variables, without a warning that it is unbuilt', () => {
    const config = loadConfig({ ...DISCORD, DISCORD_GUILD_ID: '900000000000000001' });
    expect(config.discord).toMatchObject({
      guildId: '900000000000000001',
      channelId: '910000000000000001',
      escalationChannelId: '910000000000000001',
    });
    expect(configWarnings(config)).toEqual([]);
  });

  it('stops with one line naming a malformed id or key, never showing the key', () => {
    expect(() => loadConfig({ ...DISCORD, DISCORD_PUBLIC_KEY: 'secret-looking-thing' })).toThrow(
      /^DISCORD_PUBLIC_KEY: expected the Public Key from the Developer Portal, 64 hex characters \(the value is not shown/u,
    );
    expect(() => loadConfig({ ...DISCORD, DISCORD_APPLICATION_ID: 'my-app' })).toThrow(
      /^DISCORD_APPLICATION_ID: expected the Application ID/u,
    );
    expect(() => loadConfig({ ...DISCORD, DISCORD_GUILD_ID: 'server' })).toThrow(
      /^DISCORD_GUILD_ID: expected a Discord server \(guild\) id/u,
    );
    expect(() => loadConfig({ DISCORD_BOT_TOKEN: 'token' })).toThrow(/DISCORD_APPLICATION_ID, DISCORD_PUBLIC_KEY: not set/u);
  });
});
