import type { FakeSlack, SlackMessage } from '../fakes/fake-slack.js';
import { blockActionRequest, postSigned } from '../fixtures/slack.js';
import { CARD_CHANNEL, SIGNING_SECRET } from './app-harness.js';

interface ButtonElement {
  type: string;
  action_id: string;
  value?: string;
}

/** The buttons a posted card currently shows, by action id. */
export const cardButtons = (message: SlackMessage): Map<string, ButtonElement> => {
  const buttons = new Map<string, ButtonElement>();
  for (const block of (message.blocks ?? []) as { type: string; elements?: ButtonElement[] }[]) {
    if (block.type !== 'actions') continue;
    for (const element of block.elements ?? []) if (element.type === 'button') buttons.set(element.action_id, element);
  }
  return buttons;
};

export const cardText = (message: SlackMessage): string => JSON.stringify(message.blocks ?? []) + message.text;

export const USERS = {
  alice: { id: 'U0ALICE01', username: 'alice', name: 'Alice Moreau' },
  bob: { id: 'U0BOB0001', username: 'bob', name: 'Bob Tanaka' },
};

/** What a forged or foreign press changes: the workspace it came from, the person's own, where it was pressed. */
export interface PressForgery {
  team?: { id: string; domain: string };
  userTeamId?: string;
  channel?: string;
  messageTs?: string;
}

/** Press a button on a posted card the way Slack delivers it: a signed block_actions payload. */
export const pressButton = async (
  appUrl: string,
  slack: FakeSlack,
  card: SlackMessage,
  button: string,
  user: { id: string; username: string; name: string },
  responseId: string,
  forgery: PressForgery = {},
) => {
  const element = cardButtons(card).get(`sb:${button}`);
  // Pressed where the message is: a card in the card channel, an alert in the escalation channel.
  const channel = [...slack.workspace.messages].find(([, messages]) => messages.some((message) => message.ts === card.ts))?.[0];
  if (!element?.value) throw new Error(`the card has no ${button} button; it has ${[...cardButtons(card).keys()].join(', ')}`);
  const request = blockActionRequest({
    signingSecret: SIGNING_SECRET,
    user,
    actionId: element.action_id,
    value: element.value,
    channel: forgery.channel ?? channel ?? CARD_CHANNEL,
    messageTs: forgery.messageTs ?? card.ts,
    ...(forgery.team ? { team: forgery.team } : {}),
    ...(forgery.userTeamId ? { userTeamId: forgery.userTeamId } : {}),
    responseUrl: slack.responseUrl(responseId),
    triggerId: `trigger-${responseId}`,
    message: { text: card.text, blocks: card.blocks ?? [] },
  });
  return postSigned(`${appUrl}/slack/events`, request);
};
