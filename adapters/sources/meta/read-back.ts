import type { PlatformAction } from '../../../src/domain/action.js';
import type { PlatformActionRequest, PlatformActionResult } from '../../../src/domain/source.js';
import { PermanentPlatformError } from '../../../src/errors.js';
import { supportsMetaAction } from './capabilities.js';
import type { GraphClient } from './graph-client.js';
import { GraphObjectGoneError } from './graph-errors.js';

/** Clocks on our side and Facebook's disagree a little; a reply stamped slightly early is still ours. */
const CLOCK_SKEW_MS = 60_000;
const ALREADY_GONE: PlatformActionResult = { detail: { deleted: true, alreadyGone: true } };

/*
 * What Graph lets us read back: a comment's replies, its hidden state, whether it still exists, the
 * Page's blocked list and a conversation's messages. A private reply cannot be found (the
 * conversation it opens is addressed by a user id we only learn from the answer we lost), nor an
 * Instagram block (the Moderate Conversations API has no read side).
 */
const READ_BACK: Readonly<Record<string, readonly PlatformAction[]>> = {
  facebook: ['reply', 'hide', 'unhide', 'delete', 'block'],
  messenger: ['send_dm'],
  instagram: ['reply', 'hide', 'unhide', 'delete', 'send_dm'],
};

export const metaReadsBack = (platform: string, kind: PlatformAction): boolean =>
  supportsMetaAction(platform, kind) && (READ_BACK[platform]?.includes(kind) ?? false);

const normalized = (text: string): string => text.replace(/\r\n/gu, '\n').trim();

export const textOf = (request: PlatformActionRequest): string => {
  if (request.text === undefined || request.text.trim() === '') {
    throw new PermanentPlatformError(`A ${request.kind} on ${request.platform} needs a text to send`);
  }
  return request.text;
};

export interface Written {
  from?: { id: string };
  message?: string;
  created_time?: string;
}

export const isOurs = (written: Written, request: PlatformActionRequest, text: string, since: Date): boolean => {
  if (written.from?.id !== request.accountId || normalized(written.message ?? '') !== normalized(text)) return false;
  // Without a timestamp we cannot tell an older identical text apart; sending twice is the worse mistake.
  if (written.created_time === undefined) return true;
  return Date.parse(written.created_time) >= since.getTime() - CLOCK_SKEW_MS;
};

export const goneAsDone = async (attempt: () => Promise<unknown>): Promise<PlatformActionResult | undefined> => {
  try {
    await attempt();
    return undefined;
  } catch (error) {
    if (error instanceof GraphObjectGoneError) return ALREADY_GONE;
    throw error;
  }
};

export const found = (externalId: string | undefined, detail: Record<string, unknown> = {}): PlatformActionResult => ({
  ...(externalId === undefined ? {} : { externalId }),
  detail: { ...detail, foundOnPlatform: true },
});

/** Our message in the conversation with the target; `findConversation` looks it up on Messenger or Instagram. */
export const findSentMessage = async (
  graph: GraphClient,
  request: PlatformActionRequest,
  since: Date,
  findConversation: (accountId: string, userId: string) => Promise<string | undefined> = (accountId, userId) =>
    graph.findConversation(accountId, userId),
) => {
  const text = textOf(request);
  const conversation = await findConversation(request.accountId, request.target);
  if (conversation === undefined) return undefined;
  const messages = await graph.listMessages(request.accountId, conversation);
  const ours = messages.find((message) => isOurs(message, request, text, since));
  return ours === undefined ? undefined : found(ours.id, { conversationId: conversation });
};

/** Looks on Facebook for an action that may have happened; undefined when it did not (or cannot be seen). */
export const findCompletedOnMeta = async (
  graph: GraphClient,
  request: PlatformActionRequest,
  since: Date,
): Promise<PlatformActionResult | undefined> => {
  const { kind, accountId, target } = request;
  if (!metaReadsBack(request.platform, kind)) return undefined;
  switch (kind) {
    case 'reply': {
      const text = textOf(request);
      const replies = await graph.listReplies(accountId, target);
      const ours = replies.find((reply) => isOurs(reply, request, text, since));
      return ours === undefined ? undefined : found(ours.id);
    }
    case 'hide':
    case 'unhide': {
      const comment = await graph.getComment(accountId, target);
      const wanted = kind === 'hide';
      return comment.is_hidden === wanted ? found(undefined, { hidden: wanted }) : undefined;
    }
    case 'delete':
      return goneAsDone(() => graph.getComment(accountId, target));
    case 'block':
      return (await graph.isBlocked(accountId, target)) ? found(undefined, { blocked: target }) : undefined;
    case 'send_dm':
      return findSentMessage(graph, request, since);
    default:
      return undefined;
  }
};
