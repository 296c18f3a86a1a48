import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Running } from '../../../src/main.js';
import type { SlackMessage } from '../../fakes/fake-slack.js';
import { cardsIn, eventually, startApp, startServices, type Services } from '../../support/app-harness.js';
import { queuesIdle } from '../../support/queue-state.js';
import { cardButtons, cardText, pressButton, USERS } from '../../support/slack-press.js';
import type { InboundMessage, MakeSourceSubject, SourceSubject } from './source-subject.js';

interface World {
  services: Services;
  subject: SourceSubject;
  app: Running;
  url: string;
}

let serial = 0;
/** A refund request from a new person, so each scenario finds its own card. */
const refundFrom = (platform: string): InboundMessage => {
  serial += 1;
  return {
    id: `${platform}-msg-${Date.now().toString(36)}-${serial}`,
    authorId: `${platform}-author-${serial}`,
    authorName: `Casey Contract${serial}`,
    text: `I want a refund, order ${serial} arrived broken`,
  };
};

const cardOf = (world: World, message: InboundMessage): Promise<SlackMessage> =>
  eventually(
    async () => cardsIn(world.services).find((card) => cardText(card).includes(message.authorName)),
    `the card for ${message.authorName}`,
  );

const cardsOf = (world: World, message: InboundMessage): SlackMessage[] =>
  cardsIn(world.services).filter((card) => cardText(card).includes(message.authorName));

const settled = (world: World) => eventually(() => queuesIdle(world.services), 'the queues to go idle');

const storedEvents = async (world: World): Promise<number> => {
  const row = await world.services.database.db
    .selectFrom('inbound_events')
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .executeTakeFirstOrThrow();
  return Number(row.count);
};

/**
 * The core loop every source must keep, run against one platform: a refund makes one card,
 * redeliveries make no second one, Approve sends exactly one reply, Hide hides, and a forged
 * delivery is refused and stored nowhere. Cards go to the Slack fake; the chat side is the
 * chat contract suite's business.
 */
export const runSourceCoreLoop = (name: string, makeSubject: MakeSourceSubject): void => {
  describe(`core loop: ${name}`, () => {
    const world = {} as World;
    beforeAll(async () => {
      world.services = await startServices();
      world.subject = await makeSubject();
      world.app = await startApp(world.services, { env: world.subject.env });
      world.url = world.app.url ?? '';
    });
    afterAll(async () => {
      await world.app?.stop();
      await world.subject?.close();
      await world.services?.close();
    });

    it('turns a refund request into one card, however often it is delivered', async () => {
      const message = refundFrom(world.subject.platform);
      await world.subject.deliver(world.url, message);
      for (let time = 0; time < 3; time += 1) await world.subject.redeliver(world.url, message);
      const card = await cardOf(world, message);
      await settled(world);
      expect(cardsOf(world, message)).toHaveLength(1);
      expect(cardText(card)).toMatch(/refund/iu);
      const stored = await world.services.database.db.selectFrom('messages').select('platform').where('text', '=', message.text).execute();
      expect(stored).toEqual([{ platform: world.subject.platform }]);
    });

    it('sends exactly one reply when Approve is pressed twice', async () => {
      const message = refundFrom(world.subject.platform);
      await world.subject.deliver(world.url, message);
      const card = await cardOf(world, message);
      expect(cardButtons(card).has('sb:approve')).toBe(true);
      const first = await pressButton(world.url, world.services.slack, card, 'approve', USERS.alice, `${message.id}-a`);
      const second = await pressButton(world.url, world.services.slack, card, 'approve', USERS.bob, `${message.id}-b`);
      expect([first.status, second.status]).toEqual([200, 200]);
      await eventually(async () => (await world.subject.replies(message)).length > 0, 'the reply on the platform');
      await settled(world);
      expect(await world.subject.replies(message)).toHaveLength(1);
    });

    it('hides the message when Hide is pressed, where the platform can hide', async () => {
      const isHidden = world.subject.isHidden;
      const message = refundFrom(world.subject.platform);
      await world.subject.deliver(world.url, message);
      const card = await cardOf(world, message);
      if (!isHidden) {
        expect(cardButtons(card).has('sb:hide')).toBe(false);
        return;
      }
      await pressButton(world.url, world.services.slack, card, 'hide', USERS.alice, `${message.id}-h`);
      await eventually(() => isHidden(message), 'the message to be hidden on the platform');
    });

    it('refuses a forged delivery with 401 and stores nothing', async () => {
      const forge = world.subject.forge;
      if (!forge) return;
      const before = await storedEvents(world);
      const status = await forge(world.url, refundFrom(world.subject.platform));
      expect(status).toBe(401);
      expect(await storedEvents(world)).toBe(before);
    });
  });
};
