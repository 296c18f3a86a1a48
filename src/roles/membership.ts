import type { Presser } from '../domain/press.js';

/** How the app's workspace sees a person: only `member` counts without a `team` section naming them. */
export type Membership = 'member' | 'guest' | 'external' | 'unknown';

const chatOf = (actor: string) => actor.split(':')[0] ?? 'the chat';

/**
 * A request from any workspace but the configured one counts for nothing, whoever sent it: the
 * app's signing secret may be shared by several installs, and a shared channel spans organisations.
 */
export const foreignRefusal = (who: Presser): string | undefined => {
  if (!who.homeWorkspace) {
    return `Switchboard could not confirm which ${chatOf(who.actor)} workspace it serves; try again in a minute (if it keeps failing, run switchboard doctor).`;
  }
  if (who.workspace !== who.homeWorkspace) {
    return `this came from another workspace (${who.workspace ?? 'unknown'}), not the one Switchboard serves.`;
  }
  return undefined;
};

export const membershipOf = (who: Presser): Membership => {
  if (who.external || (who.actorWorkspace !== undefined && who.actorWorkspace !== who.homeWorkspace)) return 'external';
  if (who.guest === undefined || who.actorWorkspace === undefined) return 'unknown';
  return who.guest ? 'guest' : 'member';
};

const WHO: Record<Exclude<Membership, 'member'>, string> = {
  guest: 'guests of the workspace',
  external: 'people from other organisations',
  unknown: 'people the workspace cannot vouch for',
};

/** Words for someone who is not a full member and whom the `team` section does not name. */
export const outsiderRefusal = (who: Presser, membership: Exclude<Membership, 'member'>): string =>
  membership === 'unknown'
    ? `I could not look you up in ${chatOf(who.actor)} to check you are a member of this workspace; try again in a minute.`
    : `${WHO[membership]} may not act here unless the playbook's team section names them; ask an admin.`;
