import type { GroupsOf } from '../../../src/roles/may-press.js';
import type { Presser } from '../../../src/domain/press.js';
import type { Interaction } from './interaction-schema.js';

/** Discord's guild member flag for someone invited into one voice channel only (a guest, not a member). */
const IS_GUEST = 1 << 8;
const SERVER_INSTALL = '0';
/** People remembered at once; each press refreshes its presser's entry. */
const REMEMBERED = 10_000;

/** Who pressed, as the interaction tells it: the roles come with the press, so there is nothing to look up. */
export const discordPresserOf = (interaction: Interaction, homeGuild: string | undefined): Presser => {
  const userId = interaction.member?.user?.id ?? interaction.user?.id ?? 'unknown';
  const member = interaction.member;
  const owners = interaction.authorizing_integration_owners;
  return {
    actor: `discord:${userId}`,
    homeWorkspace: homeGuild,
    workspace: interaction.guild_id,
    // A member object exists only for someone who belongs to the guild the press came from.
    actorWorkspace: member ? interaction.guild_id : undefined,
    guest: member ? Boolean((member.flags ?? 0) & IS_GUEST) || member.pending === true : undefined,
    // Through a person's own install of the app rather than the server's: nobody in the server vouches for it.
    external: owners !== undefined && owners[SERVER_INSTALL] !== homeGuild,
  };
};

export interface DiscordRoles {
  /** The member's role ids as the latest press carried them. */
  remember: (actor: string, roles: readonly string[]) => void;
  groupsOf: GroupsOf;
}

/** Discord puts a member's roles in every press: the handler remembers them, the playbook's roles read them. */
export const createDiscordRoles = (): DiscordRoles => {
  const byActor = new Map<string, string[]>();
  return {
    remember: (actor, roles) => {
      byActor.delete(actor);
      byActor.set(actor, [...roles]);
      if (byActor.size > REMEMBERED) byActor.delete(byActor.keys().next().value as string);
    },
    groupsOf: async (actor) => byActor.get(actor) ?? [],
  };
};
