import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Running } from '../../../src/main.js';
import type { SlackMessage } from '../../fakes/fake-slack.js';
import { commentAdded, POST_ID } from '../../fixtures/meta.js';
import { postSigned, slashCommandRequest } from '../../fixtures/slack.js';
import {
  CARD_CHANNEL,
  cardsIn,
  eventually,
  postMeta,
  SIGNING_SECRET,
  startApp,
  startServices,
  type Services,
} from '../../support/app-harness.js';
import { queuesIdle } from '../../support/queue-state.js';
import { cardText, pressButton, USERS, type PressForgery } from '../../support/slack-press.js';
import { writeTestPlaybook } from '../../support/test-playbook.js';

const CAROL = { id: 'U0CAROL01', username: 'carol', name: 'Carol Diaz' };
const GWEN = { id: 'U0GUEST01', username: 'gwen', name: 'Gwen Guest' };
const GUEST_NAMED = { id: 'U0GUEST02', username: 'gus', name: 'Gus Named Guest' };
const XAVI = { id: 'U0STRANGE', username: 'xavi', name: 'Xavi Stranger' };
const PARTNER = { id: 'U0PARTNER', username: 'pat', name: 'Pat Partner' };
const OTHER_TEAM = { id: 'T0OTHER01', domain: 'other-team' };

interface World {
  services: Services;
  app: Running;
  playbook: string;
}

/** Its own services and app, with the playbook's team section as given (undefined: the default playbook has none). */
const useWorld = (team: Record<string, unknown> | undefined): (() => World) => {
  let world: World | undefined;
  beforeAll(async () => {
    const services = await startServices();
    services.slack.addUser({ id: GWEN.id, name: GWEN.username, is_restricted: true });
    services.slack.addUser({ id: GUEST_NAMED.id, name: GUEST_NAMED.username, is_ultra_restricted: true });
    services.slack.addUser({ id: XAVI.id, name: XAVI.username, is_stranger: true });
    const playbook = writeTestPlaybook(team ? { team } : {});
    world = { services, playbook, app: await startApp(services, { env: { SWITCHBOARD_PLAYBOOK: playbook } }) };
  });
  afterAll(async () => {
    await world?.app.stop();
    await world?.services.close();
    if (world) rmSync(world.playbook, { force: true });
  });
  return () => world!;
};

let sequence = 0;
const newCard = async ({ services, app }: World): Promise<{ card: SlackMessage; cardId: string; commentId: string; authorId: string }> => {
  sequence += 1;
  const commentId = `${POST_ID.split('_')[1]}_15000000000000${sequence}`;
  const author = { id: `640000000000${sequence}`, name: `Shopper ${sequence}` };
  services.graph.addComment({ id: commentId, from: author, message: 'I want a refund please', postId: POST_ID });
  await postMeta(app.url!, commentAdded({ commentId, message: 'I want a refund please', from: author }));
  const card = await eventually(async () => cardsIn(services).find((message) => cardText(message).includes(author.name)), 'the card');
  const row = await eventually(
    () =>
      services.database.db.selectFrom('card_placements').select('card_id as id').where('chat_message_id', '=', card.ts).executeTakeFirst(),
    'the card row to carry the Slack ts',
  );
  return { card, cardId: row.id, commentId, authorId: author.id };
};

/** Presses, and returns the private words the person was shown. */
const pressAndHear = async (
  world: World,
  card: SlackMessage,
  button: string,
  user: typeof CAROL,
  forgery: PressForgery = {},
): Promise<string> => {
  sequence += 1;
  const responseId = `${button}-${sequence}`;
  const answer = await pressButton(world.app.url!, world.services.slack, card, button, user, responseId, forgery);
  expect(answer.status).toBe(200);
  const told = await eventually(async () => world.services.slack.responses(responseId)[0], 'the private answer');
  expect(told).toMatchObject({ response_type: 'ephemeral' });
  return (told as { text: string }).text;
};

const refusals = (world: World, cardId: string, action: string) =>
  world.services.database.db
    .selectFrom('audit_log')
    .select(['actor', 'detail'])
    .where('action', '=', action)
    .where('subject_id', '=', cardId)
    .execute();

/** Nothing reached the fake Graph for this comment or author, and no action was recorded. */
const nothingDone = async (world: World, card: { cardId: string; commentId: string; authorId: string }) => {
  await eventually(() => queuesIdle(world.services), 'the queues to drain');
  const { graph, database } = world.services;
  expect(graph.calls.filter((call) => call.method === 'POST' && call.path.startsWith(`/${card.commentId}`))).toEqual([]);
  expect(graph.blocked.filter((entry) => entry.userId === card.authorId)).toEqual([]);
  expect(await database.db.selectFrom('actions').select('id').where('card_id', '=', card.cardId).execute()).toEqual([]);
};

const slash = async (world: World, user: typeof CAROL, command: string, text: string) => {
  sequence += 1;
  const id = `slash-${sequence}`;
  const response = await postSigned(
    `${world.app.url}/slack/events`,
    slashCommandRequest({
      signingSecret: SIGNING_SECRET,
      command,
      text,
      user,
      channel: CARD_CHANNEL,
      responseUrl: world.services.slack.responseUrl(id),
      triggerId: `t-${id}`,
    }),
  );
  const acked = JSON.parse(response.text) as { text?: string };
  if (!acked.text?.startsWith('Working on it')) return acked.text ?? '';
  return ((await eventually(async () => world.services.slack.responses(id)[0], 'the late answer')) as { text: string }).text;
};

describe('with a team section', () => {
  const use = useWorld({
    roles: { agent: ['approve', 'edit', 'claim', 'hide', 'unhide', 'resolve', 'acknowledge'], lead: ['all'] },
    members: { slack: { [USERS.alice.id]: 'lead', [USERS.bob.id]: 'agent', [GUEST_NAMED.id]: 'agent' } },
    default_role: 'agent',
  });

  it('refuses a press from another workspace, audits why, and does nothing', async () => {
    const world = use();
    const card = await newCard(world);
    const told = await pressAndHear(world, card.card, 'hide', USERS.alice, { team: OTHER_TEAM });
    expect(told).toMatch(/^Nothing was done: this came from another workspace \(T0OTHER01\)/u);
    const [audit] = await refusals(world, card.cardId, 'refused:hide');
    expect(audit).toMatchObject({ actor: `slack:${USERS.alice.id}`, detail: { workspace: OTHER_TEAM.id } });
    expect(String((audit?.detail as { reason?: string } | undefined)?.reason)).toMatch(/another workspace/u);
    await nothingDone(world, card);
  });

  it('refuses a press from another channel, and one on a message that is not the card’s', async () => {
    const world = use();
    const card = await newCard(world);
    const other = await newCard(world);
    expect(await pressAndHear(world, card.card, 'hide', USERS.alice, { channel: 'C0ELSEWHERE' })).toMatch(
      /Nothing was done: this card belongs to another channel/u,
    );
    expect(await pressAndHear(world, card.card, 'hide', USERS.alice, { messageTs: other.card.ts })).toMatch(
      /Nothing was done: this button was not pressed on the card’s own message/u,
    );
    const audits = await refusals(world, card.cardId, 'refused:hide');
    expect(audits.map((audit) => (audit.detail as { channel: string }).channel)).toEqual(['C0ELSEWHERE', CARD_CHANNEL]);
    await nothingDone(world, card);
  });

  it('refuses guests and people from other organisations the team section does not name', async () => {
    const world = use();
    const card = await newCard(world);
    expect(await pressAndHear(world, card.card, 'hide', GWEN)).toMatch(
      /guests of the workspace may not act here unless the playbook's team section names them/u,
    );
    expect(await pressAndHear(world, card.card, 'hide', XAVI)).toMatch(/people from other organisations may not act here/u);
    expect(await pressAndHear(world, card.card, 'hide', PARTNER, { userTeamId: 'T0PARTNER' })).toMatch(
      /people from other organisations may not act here/u,
    );
    const audits = await refusals(world, card.cardId, 'refused:hide');
    expect(audits.map((audit) => audit.actor)).toEqual([GWEN, XAVI, PARTNER].map((user) => `slack:${user.id}`));
    await nothingDone(world, card);
  });

  it('lets a guest the team section names act as their role allows', async () => {
    const world = use();
    const { card, commentId } = await newCard(world);
    await pressButton(world.app.url!, world.services.slack, card, 'hide', GUEST_NAMED, 'named-guest-hide');
    await eventually(async () => world.services.graph.comments.get(commentId)?.isHidden === true, 'the comment hidden');
  });

  it('refuses a member pressing Block without the role, and audits it', async () => {
    const world = use();
    const card = await newCard(world);
    expect(await pressAndHear(world, card.card, 'block', CAROL)).toMatch(/Nothing was done: your role \(agent\) may not press block/u);
    expect(await refusals(world, card.cardId, 'refused:block')).toHaveLength(1);
    await nothingDone(world, card);
  });

  it('refuses /kpi to a role without reports, audited with the arguments', async () => {
    const world = use();
    expect(await slash(world, USERS.bob, '/kpi', '7d')).toMatch(/^I cannot show \/kpi: your role \(agent\) may not run reports/u);
    const audit = await world.services.database.db
      .selectFrom('audit_log')
      .select(['actor', 'subject_type', 'detail'])
      .where('action', '=', 'refused:/kpi')
      .execute();
    expect(audit).toMatchObject([{ actor: `slack:${USERS.bob.id}`, subject_type: 'command', detail: { args: '7d' } }]);
    expect(await slash(world, USERS.alice, '/kpi', '7d')).toMatch(/Last 7 days/u);
  });
});

describe('without a team section (the default playbook)', () => {
  const use = useWorld(undefined);

  it('refuses Block to everyone, saying a team section is needed, audited, nothing done', async () => {
    const world = use();
    const card = await newCard(world);
    expect(await pressAndHear(world, card.card, 'block', USERS.alice)).toMatch(
      /Nothing was done: block needs a role that the playbook grants, and this playbook has no team section yet/u,
    );
    expect(await refusals(world, card.cardId, 'refused:block')).toHaveLength(1);
    await nothingDone(world, card);
  });

  it('refuses a guest even what members may do', async () => {
    const world = use();
    const card = await newCard(world);
    expect(await pressAndHear(world, card.card, 'claim', GWEN)).toMatch(/guests of the workspace may not act here/u);
    await nothingDone(world, card);
  });

  it('answers /kpi for members and audits who ran it with which arguments', async () => {
    const world = use();
    expect(await slash(world, CAROL, '/kpi', '30d')).toMatch(/Last 30 days/u);
    const audit = await world.services.database.db
      .selectFrom('audit_log')
      .select(['actor', 'subject_id', 'detail'])
      .where('action', '=', 'ran:/kpi')
      .execute();
    expect(audit).toMatchObject([{ actor: `slack:${CAROL.id}`, subject_id: 'kpi', detail: { args: '30d' } }]);
  });
});
