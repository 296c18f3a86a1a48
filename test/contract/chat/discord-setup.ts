import { rmSync } from 'node:fs';
import type { Running } from '../../../src/main.js';
import { FAKE_BOT_ID, FAKE_BOT_TOKEN, FakeDiscordRest } from '../../fakes/fake-discord-rest.js';
import { createInteractionSigner, type InteractionSigner } from '../../fakes/fake-discord-signing.js';
import { startApp, startServices, type Services } from '../../support/app-harness.js';
import { writeTestPlaybook } from '../../support/test-playbook.js';
import { rulesSection } from './autonomy-rules.js';
import { PEOPLE, type ContractSetup, type Person } from './chat-driver.js';

export const GUILD_ID = '900000000000000001';
export const OTHER_GUILD_ID = '900000000000000999';
export const CARD_CHANNEL_ID = '910000000000000001';
export const ESCALATION_CHANNEL_ID = '910000000000000002';
export const ELSEWHERE_CHANNEL_ID = '910000000000000003';
export const APPLICATION_ID = FAKE_BOT_ID;
/** The role the playbook grants `agent` to: bob is an agent through it, not by name. */
export const AGENTS_ROLE_ID = '920000000000000001';

export interface DiscordPerson {
  id: string;
  username: string;
  roles: string[];
  /** Guild member flags: 1 << 8 is a guest (invited to one voice channel only). */
  flags: number;
  /** Acting through a personal install of the app rather than the server's (another organisation's reach). */
  personalInstall: boolean;
}

const person = (n: number, username: string, extra: Partial<DiscordPerson> = {}): DiscordPerson => ({
  id: `93000000000000000${n}`,
  username,
  roles: [],
  flags: 0,
  personalInstall: false,
  ...extra,
});

export const DISCORD_PEOPLE: Record<Person, DiscordPerson> = {
  alice: person(1, 'alice'),
  bob: person(2, 'bob', { roles: [AGENTS_ROLE_ID] }),
  carol: person(3, 'carol'),
  dana: person(4, 'dana'),
  erin: person(5, 'erin'),
  gwen: person(6, 'gwen', { flags: 1 << 8 }),
  xavi: person(7, 'xavi', { personalInstall: true }),
};

/** User and role ids → the contract's people (the agents' role reads as bob, its only member). */
export const PEOPLE_BY_ID: ReadonlyMap<string, string> = new Map([
  ...PEOPLE.map((name) => [DISCORD_PEOPLE[name].id, name] as [string, string]),
  [AGENTS_ROLE_ID, 'bob'],
]);

/** The team section with Discord ids: alice by her user id, agents (bob) by their role id. */
const playbookFor = (setup: ContractSetup): Record<string, unknown> => {
  const sections: Record<string, unknown> = { ...rulesSection(setup) };
  if (setup.team) {
    const members = Object.entries(setup.team.members).map(([name, role]) =>
      name === 'bob' ? [AGENTS_ROLE_ID, role] : [DISCORD_PEOPLE[name as Person].id, role],
    );
    sections.team = { roles: setup.team.roles, members: { discord: Object.fromEntries(members) } };
  }
  if (setup.escalation) {
    const { ladder, thenDm } = setup.escalation;
    sections.escalation = { ladder, ...(thenDm ? { then_dm: DISCORD_PEOPLE[thenDm].id } : {}) };
  }
  if (setup.graduation) sections.graduation = setup.graduation;
  return sections;
};

export interface DiscordWorld {
  services: Services;
  discord: FakeDiscordRest;
  signer: InteractionSigner;
  app: Running;
  close: () => Promise<void>;
}

export interface DiscordWorldOptions {
  /** More environment for the app (DISCORD_GATEWAY, say). */
  env?: Record<string, string>;
  /** Answer for GET /gateway/bot. */
  gatewayUrl?: string;
}

/** This setup's own services, a fake Discord REST API and the app with Discord on and Slack off. */
export const startDiscordWorld = async (setup: ContractSetup, options: DiscordWorldOptions = {}): Promise<DiscordWorld> => {
  const services = await startServices();
  const discord = new FakeDiscordRest({
    guildId: GUILD_ID,
    channels: [CARD_CHANNEL_ID, ESCALATION_CHANNEL_ID, ELSEWHERE_CHANNEL_ID],
    ...(options.gatewayUrl ? { gatewayUrl: options.gatewayUrl } : {}),
  });
  await discord.start();
  const signer = createInteractionSigner();
  const sections = playbookFor(setup);
  const playbook = Object.keys(sections).length > 0 ? writeTestPlaybook(sections) : undefined;
  const removePlaybook = () => playbook && rmSync(playbook, { force: true });
  const env: Record<string, string> = {
    SLACK_BOT_TOKEN: '',
    SLACK_SIGNING_SECRET: '',
    SLACK_CHANNEL: '',
    DISCORD_APPLICATION_ID: APPLICATION_ID,
    DISCORD_PUBLIC_KEY: signer.publicKeyHex,
    DISCORD_BOT_TOKEN: FAKE_BOT_TOKEN,
    DISCORD_API_URL: discord.apiUrl,
    DISCORD_GUILD_ID: GUILD_ID,
    DISCORD_CHANNEL_ID: CARD_CHANNEL_ID,
    DISCORD_ESCALATION_CHANNEL_ID: ESCALATION_CHANNEL_ID,
    DISCORD_ESCALATION_MENTION: `<@${DISCORD_PEOPLE[setup.onCall].id}>`,
    ...(playbook ? { SWITCHBOARD_PLAYBOOK: playbook } : {}),
    ...options.env,
  };
  const stopAll = async () => {
    await services.close();
    await discord.close();
    removePlaybook();
  };
  let app: Running;
  try {
    app = await startApp(services, { env });
  } catch (error) {
    await stopAll();
    throw error;
  }
  return {
    services,
    discord,
    signer,
    app,
    close: async () => {
      await app.stop();
      await stopAll();
    },
  };
};
