import { randomBytes } from 'node:crypto';
import { APPLICATION_ID, type DiscordPerson, GUILD_ID } from './discord-setup.js';

let sequence = 0;
const snowflake = () => String(1_400_000_000_000_000_000n + BigInt((sequence += 1)));

/** Where an interaction comes from; forged ones change exactly one of these. */
export interface Origin {
  person: DiscordPerson;
  guildId?: string;
  channelId: string;
  /** The message the component was on. */
  message?: { id: string; flags: number };
  /** Set when `channelId` is a thread: the channel the thread is in. */
  parentId?: string;
}

/** The common part of an interaction, as Discord sends it from a guild (see platform-apis-2 §2.3). */
const base = (origin: Origin, type: number) => {
  const guild = origin.guildId ?? GUILD_ID;
  const user = {
    id: origin.person.id,
    username: origin.person.username,
    discriminator: '0',
    avatar: null,
    global_name: origin.person.username,
  };
  return {
    id: snowflake(),
    application_id: APPLICATION_ID,
    type,
    token: `itoken-${randomBytes(12).toString('hex')}`,
    version: 1,
    locale: 'en-US',
    app_permissions: '0',
    entitlements: [],
    authorizing_integration_owners: origin.person.personalInstall ? { '1': origin.person.id } : { '0': guild },
    context: 0,
    guild_id: guild,
    channel_id: origin.channelId,
    // A public thread (type 11) names its channel, as Discord sends it.
    channel: origin.parentId ? { id: origin.channelId, type: 11, parent_id: origin.parentId } : { id: origin.channelId, type: 0 },
    member: {
      user,
      roles: origin.person.roles,
      flags: origin.person.flags,
      joined_at: '2026-01-01T00:00:00.000Z',
      permissions: '0',
      pending: false,
    },
  };
};

export type DiscordInteraction = ReturnType<typeof base> & { data: unknown; message?: unknown };

export const componentInteraction = (origin: Origin, customId: string): DiscordInteraction => ({
  ...base(origin, 3),
  data: { custom_id: customId, component_type: 2 },
  message: {
    id: origin.message?.id,
    channel_id: origin.channelId,
    flags: origin.message?.flags ?? 0,
    type: 0,
    content: '',
    timestamp: new Date().toISOString(),
    author: { id: APPLICATION_ID, username: 'Switchboard', bot: true },
  },
});

export const commandInteraction = (origin: Origin, name: string, args: string): DiscordInteraction => ({
  ...base(origin, 2),
  data: { id: snowflake(), name, type: 1, ...(args ? { options: [{ name: 'arguments', type: 3, value: args }] } : {}) },
});

export const modalInteraction = (origin: Origin, customId: string, inputId: string, value: string): DiscordInteraction => ({
  ...base(origin, 5),
  data: { custom_id: customId, components: [{ type: 1, components: [{ type: 4, custom_id: inputId, value }] }] },
});
