import type { PlatformAction } from '../../../src/domain/action.js';
import type { MessageKind } from '../../../src/domain/message.js';

/*
 * What this adapter does through the Graph API with the Page token, per platform. WhatsApp has its
 * own client (a Bearer token per phone number): see whatsapp-platform-client.ts.
 */
export const META_CAPABILITIES: Readonly<Record<string, readonly PlatformAction[]>> = {
  facebook: ['reply', 'private_reply', 'hide', 'unhide', 'delete', 'block'],
  messenger: ['send_dm'],
  instagram: ['reply', 'private_reply', 'hide', 'unhide', 'delete', 'send_dm', 'block'],
};

export const META_ACTION_PLATFORMS: readonly string[] = Object.keys(META_CAPABILITIES);

// Instagram's Moderate Conversations API blocks only someone the account has a conversation with:
// offered on a DM's card, never on a comment's (the commenter may never have written to us).
const narrowedTo = (platform: string, action: PlatformAction, on: MessageKind | undefined): boolean =>
  !(platform === 'instagram' && action === 'block' && on !== undefined && on !== 'dm');

export const supportsMetaAction = (platform: string, action: PlatformAction, on?: MessageKind): boolean =>
  (META_CAPABILITIES[platform]?.includes(action) ?? false) && narrowedTo(platform, action, on);
