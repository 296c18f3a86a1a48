import type { CardButton } from './card.js';
import type { ChatName } from './chat.js';

/** What a card button carries back from any chat: the button, its card and the version it was pressed on. */
export interface ButtonValue {
  button: CardButton;
  cardId: string;
  version: number;
}

/**
 * Who is behind a press or a command, as the chat reports it: facts only, which `src/roles`
 * weighs. Anything the chat could not tell is undefined, and then nothing counts.
 */
export interface Presser {
  /** 'slack:U123' / 'discord:456'. */
  actor: string;
  /** The workspace the app is configured for (Slack team, later the Discord guild), as the chat learnt it. */
  homeWorkspace: string | undefined;
  /** The workspace the request came from. */
  workspace: string | undefined;
  /** The person's own workspace: another one means another organisation. */
  actorWorkspace: string | undefined;
  /** A guest account (Slack single- or multi-channel guest); undefined when the chat could not look the person up. */
  guest: boolean | undefined;
  /** The chat marks the person as from another organisation (Slack Connect's `is_stranger`). */
  external: boolean;
}

/** Where a button was pressed: the channel and the chat message that carried it. */
export interface PressPlace {
  channel: string | undefined;
  messageId: string | undefined;
}

/** A press's who and where, as one chat request delivers them. */
export type PressOrigin = Presser & PressPlace;

/** A person's press on a card, as the command center decides it. */
export interface ButtonPress extends PressOrigin {
  cardId: string;
  /** The card version the person saw when pressing. */
  version: number;
  button: CardButton;
  /** The edited reply, for Edit. */
  text?: string;
}

export type PressResult =
  /** `escalationIds`: the alerts Escalate opened, one per chat of the card with an escalation channel. */
  | {
      outcome: 'accepted';
      cardId: string;
      actionId: string | undefined;
      escalationIds: string[];
      note: string;
      /** Cards to post on their own now, one per chat (Post as cards on a storm card). */
      posts?: { cardId: string; chat: ChatName }[];
    }
  | { outcome: 'too_late'; by: string; what: string; at: Date }
  | { outcome: 'refused'; reason: string };

/** What a role can be granted: a card button, `reports` (the /sla and /kpi figures), or `playbook` (a rule's autonomy level from chat). */
export type Permission = CardButton | 'reports' | 'playbook';

export type PermissionAnswer = { ok: true } | { ok: false; reason: string };

/** Who may do what; answers with the reason when not. */
export type MayPress = (who: Presser, permission: Permission) => Promise<PermissionAnswer>;
