import type { WebClient } from '@slack/web-api';
import type { Presser } from '../../../src/domain/press.js';

/** What a Slack request says about who sent it. */
export interface SlackRequester {
  userId: string;
  /** The request's `team.id` / `team_id`: the workspace it came from. */
  workspace: string | undefined;
  /** The user's own `team_id`, when the payload carries it (block actions and views do, slash commands do not). */
  userWorkspace: string | undefined;
}

/** Facts about the person behind a Slack request, for the neutral roles to weigh. */
export type SlackPresserOf = (request: SlackRequester) => Promise<Presser>;

interface Person {
  guest: boolean;
  stranger: boolean;
  teamId: string | undefined;
}

export interface SlackPeopleOptions {
  /** The workspace the app is configured for; when unset, learnt from `auth.test` on first use. */
  workspaceId?: string | undefined;
  ttlMs?: number;
  now?: () => number;
}

/** `auth.test` once; a failure is not cached, so the next request asks again (and is refused meanwhile). */
const createHomeWorkspace = (client: WebClient, configured: string | undefined) => {
  let learnt = configured;
  return async (): Promise<string | undefined> => {
    if (!learnt)
      learnt = await client.auth.test().then(
        (answer) => answer.team_id,
        () => undefined,
      );
    return learnt;
  };
};

/**
 * Guests and Slack Connect strangers are not in the payload, so `users.info` is asked and its
 * answer cached for a few minutes per person. A failed lookup leaves `guest` undefined (refused).
 */
const createPersonLookup = (client: WebClient, ttlMs: number, now: () => number) => {
  const cache = new Map<string, { at: number; person: Person }>();
  return async (userId: string): Promise<Person | undefined> => {
    const hit = cache.get(userId);
    if (hit && now() - hit.at < ttlMs) return hit.person;
    const answer = await client.users.info({ user: userId }).catch(() => undefined);
    if (!answer?.user) return undefined;
    const { user } = answer;
    const person = {
      guest: Boolean(user.is_restricted || user.is_ultra_restricted),
      stranger: Boolean(user.is_stranger),
      teamId: user.team_id,
    };
    cache.set(userId, { at: now(), person });
    return person;
  };
};

export const createSlackPresserOf = (client: WebClient, options: SlackPeopleOptions = {}): SlackPresserOf => {
  const homeWorkspace = createHomeWorkspace(client, options.workspaceId);
  const personOf = createPersonLookup(client, options.ttlMs ?? 5 * 60_000, options.now ?? Date.now);
  return async (request) => {
    const [home, person] = await Promise.all([homeWorkspace(), personOf(request.userId)]);
    return {
      actor: `slack:${request.userId}`,
      homeWorkspace: home,
      workspace: request.workspace,
      actorWorkspace: request.userWorkspace ?? person?.teamId,
      guest: person?.guest,
      external: person?.stranger ?? false,
    };
  };
};
