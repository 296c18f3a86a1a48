import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDiscordRest } from '../../../adapters/chat/discord/discord-rest.js';
import { createDiscordInteractionHandler, InvalidInteractionError } from '../../../adapters/chat/discord/interaction-handler.js';
import { commands } from '../../../commands/index.js';
import type { CommandContext } from '../../../commands/command.js';
import type { Command } from '../../../commands/command.js';
import { silentLogger } from '../../../src/logger.js';
import { FAKE_BOT_ID, FAKE_BOT_TOKEN, FakeDiscordRest } from '../../fakes/fake-discord-rest.js';
import { fakeCenter, sampleCard } from '../command-center/fake-center.js';
import { eventually } from '../../support/app-harness.js';

const GUILD = '900000000000000001';
const CHANNEL = '910000000000000001';
const CARD_MESSAGE = '940000000000000001';

const interaction = (type: number, data: unknown, extra: Record<string, unknown> = {}) => ({
  id: '950000000000000001',
  application_id: FAKE_BOT_ID,
  type,
  token: `token-${Math.random().toString(36).slice(2)}`,
  guild_id: GUILD,
  channel_id: CHANNEL,
  authorizing_integration_owners: { '0': GUILD },
  member: { user: { id: '930000000000000001', username: 'alice' }, roles: ['920000000000000001'] },
  message: { id: CARD_MESSAGE, flags: 0 },
  data,
  ...extra,
});

/** A command whose report takes as long as the test says: the slow path must answer "deferred" and follow up. */
const slowCommand = (release: Promise<void>): Command => ({
  name: 'slow',
  description: 'slow',
  usage: '',
  parse: () => ({}),
  execute: async () => {
    await release;
    return { title: 'Slow report', summary: 'ready at last', sections: [], footnotes: [] };
  },
});

describe('the Discord interaction handler', () => {
  const discord = new FakeDiscordRest({ guildId: GUILD, channels: [CHANNEL] });
  beforeAll(() => discord.start());
  afterAll(() => discord.close());

  const handlerWith = (center: ReturnType<typeof fakeCenter>['center'], list: readonly Command[] = commands, remembered: string[][] = []) =>
    createDiscordInteractionHandler({
      commandCenter: center,
      commands: list,
      kpiContext: {} as CommandContext,
      logger: silentLogger(),
      rest: createDiscordRest({ apiUrl: discord.apiUrl, botToken: FAKE_BOT_TOKEN, forQueue: false }),
      applicationId: FAKE_BOT_ID,
      homeGuild: GUILD,
      roles: { remember: (_actor, roles) => remembered.push([...roles]) },
      budgetMs: 100,
    });

  it('answers PING with PONG and refuses what it cannot read, naming the field', async () => {
    const handler = handlerWith(fakeCenter().center);
    expect(await handler.handle({ type: 1 })).toEqual({ type: 1 });
    await expect(handler.handle({ type: 3, data: {} })).rejects.toThrow(InvalidInteractionError);
    await expect(handler.handle(interaction(3, { component_type: 2 }))).rejects.toThrow(/data\.custom_id/u);
  });

  it('a press that goes through is a deferred update; the press carries who, where and the member roles', async () => {
    const { center, presses } = fakeCenter();
    const remembered: string[][] = [];
    const answer = await handlerWith(center, commands, remembered).handle(
      interaction(3, { custom_id: 'sb:approve:42:7', component_type: 2 }),
    );
    expect(answer).toEqual({ type: 6 });
    expect(presses[0]).toMatchObject({
      actor: 'discord:930000000000000001',
      workspace: GUILD,
      homeWorkspace: GUILD,
      actorWorkspace: GUILD,
      guest: false,
      external: false,
      channel: CHANNEL,
      messageId: CARD_MESSAGE,
      cardId: '42',
      version: 7,
      button: 'approve',
    });
    expect(remembered).toEqual([['920000000000000001']]);
  });

  it('Edit opens a modal prefilled with the draft; Block asks privately first', async () => {
    const handler = handlerWith(fakeCenter({ cards: [sampleCard('42')] }).center);
    const edit = (await handler.handle(interaction(3, { custom_id: 'sb:edit:42:3', component_type: 2 }))) as {
      type: number;
      data: { custom_id: string; components: { components: { value?: string }[] }[] };
    };
    expect(edit.type).toBe(9);
    expect(edit.data.custom_id).toBe(`sbe:42:3:${CARD_MESSAGE}`);
    expect(edit.data.components[0]?.components[0]?.value).toBe('Sorry to hear that!');
    const block = (await handler.handle(interaction(3, { custom_id: 'sb:block:42:3', component_type: 2 }))) as {
      type: number;
      data: { flags: number; content: string };
    };
    expect(block.type).toBe(4);
    expect(block.data.flags).toBe(64);
    expect(block.data.content).toMatch(/Block Buyer on Facebook\?/u);
  });

  it('a refusal slower than the budget is a deferred update now and private words after, through the interaction webhook', async () => {
    let release: () => void = () => undefined;
    const slow = new Promise<void>((resolve) => (release = resolve));
    const { center } = fakeCenter({ result: { outcome: 'refused', reason: 'not today' } });
    const press = center.press;
    center.press = async (value) => {
      await slow;
      return press(value);
    };
    const sent = interaction(3, { custom_id: 'sb:hide:42:7', component_type: 2 });
    expect(await handlerWith(center).handle(sent)).toEqual({ type: 6 });
    release();
    const followUp = await eventually(async () => discord.followUps.find((candidate) => candidate.token === sent.token), 'the follow-up');
    expect(followUp.body).toMatchObject({ flags: 64, content: 'Nothing was done: not today', allowed_mentions: { parse: [] } });
  });

  it('a command slower than the budget is answered deferred and ephemeral, then the original answer is edited with the report', async () => {
    let release: () => void = () => undefined;
    const slow = new Promise<void>((resolve) => (release = resolve));
    const sent = interaction(2, { name: 'slow' });
    const answer = await handlerWith(fakeCenter().center, [slowCommand(slow)]).handle(sent);
    expect(answer).toEqual({ type: 5, data: { flags: 64 } });
    release();
    const edit = await eventually(async () => discord.originalEdits.find((candidate) => candidate.token === sent.token), 'the edit');
    expect(JSON.stringify(edit.body)).toMatch(/Slow report/u);
  });
});
