import { describe, expect, it } from 'vitest';
import type { Chat, ChatConnection, ChatServices } from '../../../src/command-center/chat-entry.js';
import { prepareChats } from '../../../src/startup/prepare-chats.js';

/** A chat as a registry entry makes it: routes always, a connection of its own when `connect` is given. */
const chat = (name: 'slack' | 'discord', connect?: () => Promise<ChatConnection>): Chat =>
  ({ name, mount: async () => () => undefined, ...(connect ? { connect } : {}) }) as unknown as Chat;

const connection = () => {
  const state = { open: true };
  const opened: ChatConnection = {
    ready: async () => {
      if (!state.open) throw new Error('closed');
    },
    close: async () => {
      state.open = false;
    },
  };
  return { state, opened };
};

const services = {} as ChatServices;

describe('prepareChats', () => {
  it('mounts every chat, and checks and closes the connections of those that keep one', async () => {
    const slack = connection();
    const prepared = await prepareChats([chat('slack', async () => slack.opened), chat('discord')], services);
    expect(prepared.mounts).toHaveLength(2);
    expect(prepared.readiness.map((check) => check.name)).toEqual(['slack']);
    await expect(prepared.readiness[0]?.check()).resolves.toBeUndefined();
    await prepared.closeConnections();
    expect(slack.state.open).toBe(false);
  });

  it('closes what it opened when a later chat refuses to connect, and says why', async () => {
    const slack = connection();
    const refused = async (): Promise<ChatConnection> => {
      throw new Error('the Discord gateway refused the bot — check DISCORD_BOT_TOKEN');
    };
    await expect(prepareChats([chat('slack', async () => slack.opened), chat('discord', refused)], services)).rejects.toThrow(
      /check DISCORD_BOT_TOKEN/u,
    );
    expect(slack.state.open).toBe(false);
  });
});
