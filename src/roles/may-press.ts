import type { CardButton } from '../domain/card.js';
import type { MayPress } from '../domain/press.js';
import type { TeamSpec } from '../playbook-spec/schema-team.js';

/** The groups or roles a chat user belongs to (Slack user groups, Discord roles), for role mapping. */
export type GroupsOf = (actor: string) => Promise<string[]>;

const allowedButtons = (team: TeamSpec, role: string): ReadonlySet<CardButton | 'all'> => new Set(team.roles[role] ?? []);

/**
 * Roles from the playbook's `team` section. A person's own entry wins over their groups; among
 * groups the most permissive role wins; anyone else gets `default_role`, or nothing.
 */
export const createMayPress = (team: TeamSpec | undefined, groupsOf: GroupsOf): MayPress => {
  if (!team) return async () => ({ ok: true });
  return async (actor, button) => {
    const [chat, id] = actor.split(':');
    const members = chat === 'slack' ? team.members?.slack : chat === 'discord' ? team.members?.discord : undefined;
    const own = id ? members?.[id] : undefined;
    const roles = own
      ? [own]
      : [...(await groupsOf(actor)).map((group) => members?.[group]).filter((role): role is string => role !== undefined)];
    if (roles.length === 0 && team.default_role) roles.push(team.default_role);
    if (roles.length === 0) return { ok: false, reason: 'you have no role in this team’s playbook; ask an admin to add you.' };
    const allowed = roles.some((role) => {
      const buttons = allowedButtons(team, role);
      return buttons.has('all') || buttons.has(button);
    });
    if (allowed) return { ok: true };
    return { ok: false, reason: `your role (${roles.join(', ')}) may not press ${button.replace('_', ' ')}; ask a lead or an admin.` };
  };
};
