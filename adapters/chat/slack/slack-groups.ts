import type { WebClient } from '@slack/web-api';
import type { GroupsOf } from '../../../src/roles/may-press.js';

/**
 * Slack user groups a person belongs to, for role mapping. Slack does not put them in the
 * button payload, so one `usergroups.list` (with members) is cached for a few minutes.
 */
export const createSlackGroupsOf = (client: WebClient, options: { ttlMs?: number; now?: () => number } = {}): GroupsOf => {
  const ttlMs = options.ttlMs ?? 5 * 60_000;
  const now = options.now ?? Date.now;
  let cached: { at: number; byUser: Map<string, string[]> } | undefined;
  const load = async () => {
    const answer = await client.usergroups.list({ include_users: true });
    const byUser = new Map<string, string[]>();
    for (const group of answer.usergroups ?? []) {
      if (!group.id) continue;
      for (const user of group.users ?? []) byUser.set(user, [...(byUser.get(user) ?? []), group.id]);
    }
    cached = { at: now(), byUser };
    return byUser;
  };
  return async (actor) => {
    const [chat, id] = actor.split(':');
    if (chat !== 'slack' || !id) return [];
    const byUser =
      cached && now() - cached.at < ttlMs ? cached.byUser : await load().catch(() => cached?.byUser ?? new Map<string, string[]>());
    return byUser.get(id) ?? [];
  };
};
