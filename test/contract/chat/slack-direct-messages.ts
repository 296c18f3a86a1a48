import { DEFAULT_TOKEN } from '../../fakes/fake-slack.js';
import type { Services } from '../../support/app-harness.js';
import { PEOPLE, type Person } from './chat-driver.js';
import { SLACK_PEOPLE } from './slack-setup.js';
import { permalinkTs } from './slack-neutral.js';

export interface DirectMessage {
  person: Person;
  /** The ts of the message it links to (an escalation alert), if any. */
  linked: string | undefined;
}

/** The direct messages the app sent to the contract's people. */
export const createDirectMessages = (services: Services) => {
  const channels = new Map<string, string>();

  /** The DM channel with this user, asked of Slack as any client would (it answers with the open one). */
  const channelWith = async (userId: string): Promise<string> => {
    const known = channels.get(userId);
    if (known) return known;
    const response = await fetch(`${services.env.SLACK_API_URL}conversations.open`, {
      method: 'POST',
      headers: { authorization: `Bearer ${DEFAULT_TOKEN}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ users: userId }).toString(),
    });
    const answer = (await response.json()) as { channel?: { id?: string } };
    if (!answer.channel?.id) throw new Error(`fake Slack opened no DM with ${userId}`);
    channels.set(userId, answer.channel.id);
    return answer.channel.id;
  };

  return async (): Promise<DirectMessage[]> => {
    const opened = new Set(services.slack.callsTo('conversations.open').map((call) => String(call.body.users)));
    const found: DirectMessage[] = [];
    for (const person of PEOPLE.filter((candidate) => opened.has(SLACK_PEOPLE[candidate].id))) {
      const channel = await channelWith(SLACK_PEOPLE[person].id);
      for (const message of services.slack.messagesIn(channel)) found.push({ person, linked: permalinkTs(message.text) });
    }
    return found;
  };
};
