import type { PressOrigin, Presser } from '../../src/domain/press.js';

/** The workspace the app serves in unit tests, as the fake Slack's `auth.test` reports it. */
export const HOME_WORKSPACE = 'T0FAKE001';

/** A full member of the app's own workspace, as a chat adapter would describe them. */
export const memberOf = (actor: string, overrides: Partial<Presser> = {}): Presser => ({
  actor,
  homeWorkspace: HOME_WORKSPACE,
  workspace: HOME_WORKSPACE,
  actorWorkspace: HOME_WORKSPACE,
  guest: false,
  external: false,
  ...overrides,
});

/** A member pressing on a card's own message. */
export const pressedBy = (actor: string, place = { channel: 'C0CARDS', messageId: '1700000000.000100' }): PressOrigin => ({
  ...memberOf(actor),
  ...place,
});
