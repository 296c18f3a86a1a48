import type { PlatformAction } from '../../../src/domain/action.js';

/*
 * What this adapter does through the Graph API, per platform. Instagram (its own `/replies`
 * and `hide` endpoints, and no block endpoint at all) and WhatsApp (a Bearer-token sender)
 * are not performed here yet, so they are not declared.
 */
export const META_CAPABILITIES: Readonly<Record<string, readonly PlatformAction[]>> = {
  facebook: ['reply', 'private_reply', 'hide', 'unhide', 'delete', 'block'],
  messenger: ['send_dm'],
};

export const META_ACTION_PLATFORMS: readonly string[] = Object.keys(META_CAPABILITIES);

export const supportsMetaAction = (platform: string, action: PlatformAction): boolean =>
  META_CAPABILITIES[platform]?.includes(action) ?? false;
