import type { PlatformAction } from '../../../src/domain/action.js';

/*
 * What YouTube lets a channel do to comments on its videos: reply (comments.insert), hold for review
 * (Hide), publish again (Unhide), reject (Delete: only a comment's author can delete it) and reject
 * while banning the author (Block). No private replies and no DMs exist.
 */
export const YOUTUBE_ACTIONS: readonly PlatformAction[] = ['reply', 'hide', 'unhide', 'delete', 'block'];

/*
 * Read back: our reply under its parent, a comment in (or out of) the held-for-review list, and a
 * rejected comment no longer being listed. Whether an author is banned cannot be read at all.
 */
const READ_BACK: readonly PlatformAction[] = ['reply', 'hide', 'unhide', 'delete'];

export const supportsYouTubeAction = (platform: string, action: PlatformAction): boolean =>
  platform === 'youtube' && YOUTUBE_ACTIONS.includes(action);

export const youtubeReadsBack = (platform: string, action: PlatformAction): boolean =>
  supportsYouTubeAction(platform, action) && READ_BACK.includes(action);
