import type { MayPress, Permission, PermissionAnswer, Presser } from '../domain/press.js';
import type { TeamSpec } from '../playbook-spec/schema-team.js';
import { foreignRefusal, membershipOf, outsiderRefusal, type Membership } from './membership.js';

/** The groups or roles a chat user belongs to (Slack user groups, Discord roles), for role mapping. */
export type GroupsOf = (actor: string) => Promise<string[]>;

/** What even members may not do until the playbook grants it to a role (`delete`: once a card offers it). */
const NEEDS_A_ROLE: ReadonlySet<string> = new Set(['block', 'delete', 'playbook']);

const refuse = (reason: string): PermissionAnswer => ({ ok: false, reason });

const describe = (permission: Permission) => {
  if (permission === 'reports') return 'run reports (/sla, /kpi)';
  if (permission === 'playbook') return 'change a rule’s autonomy level (playbook)';
  return `press ${permission.replace('_', ' ')}`;
};

/** Without a `team` section: members may do everything but what needs a role; nobody else may do anything. */
const withoutTeam = (who: Presser, membership: Membership, permission: Permission): PermissionAnswer => {
  if (membership !== 'member') return refuse(outsiderRefusal(who, membership));
  if (!NEEDS_A_ROLE.has(permission)) return { ok: true };
  return refuse(
    `${permission} needs a role that the playbook grants, and this playbook has no team section yet; ask an admin to add one (see docs/playbook.md, "team").`,
  );
};

/** A person's own entry wins over their groups; among groups the most permissive role wins; members get `default_role`. */
const rolesOf = async (team: TeamSpec, groupsOf: GroupsOf, who: Presser, membership: Membership): Promise<string[] | string> => {
  const [chat, id] = who.actor.split(':');
  const members = chat === 'slack' ? team.members?.slack : chat === 'discord' ? team.members?.discord : undefined;
  const own = id ? members?.[id] : undefined;
  if (own) return [own];
  // Guests and outsiders count only when named: a group or the default role does not vouch for them.
  if (membership !== 'member') return outsiderRefusal(who, membership);
  const roles = (await groupsOf(who.actor)).map((group) => members?.[group]).filter((role): role is string => role !== undefined);
  if (roles.length === 0 && team.default_role) roles.push(team.default_role);
  return roles;
};

const withTeam = async (team: TeamSpec, groupsOf: GroupsOf, who: Presser, membership: Membership, permission: Permission) => {
  const roles = await rolesOf(team, groupsOf, who, membership);
  if (typeof roles === 'string') return refuse(roles);
  if (roles.length === 0) return refuse('you have no role in this team’s playbook; ask an admin to add you.');
  const allowed = roles.some((role) => {
    const granted: readonly string[] = team.roles[role] ?? [];
    return granted.includes('all') || granted.includes(permission);
  });
  return allowed
    ? { ok: true as const }
    : refuse(`your role (${roles.join(', ')}) may not ${describe(permission)}; ask a lead or an admin.`);
};

/**
 * Deny by default: nothing from another workspace counts; without a `team` section members may do
 * everything except Block and Delete; with one, roles decide, and guests and people from other
 * organisations count only when the section names them.
 */
export const createMayPress =
  (team: TeamSpec | undefined, groupsOf: GroupsOf): MayPress =>
  async (who, permission) => {
    const foreign = foreignRefusal(who);
    if (foreign) return refuse(foreign);
    const membership = membershipOf(who);
    return team ? withTeam(team, groupsOf, who, membership, permission) : withoutTeam(who, membership, permission);
  };
