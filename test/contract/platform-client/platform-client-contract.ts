import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PLATFORM_ACTIONS, type PlatformAction } from '../../../src/domain/action.js';
import type { PlatformActionRequest } from '../../../src/domain/source.js';
import { PermanentPlatformError, RateLimitedError, TransientPlatformError } from '../../../src/errors.js';
import type { MakeSubject, PlatformClientSubject } from './platform-client-subject.js';
import { rejection } from '../rejection.js';

export type { MakeSubject, PlatformClientSubject } from './platform-client-subject.js';

/*
 * What every PlatformClient promises the action worker (src/actions/perform-action.ts): an action
 * it supports takes effect once; an outcome it could not learn can be looked up where the platform
 * allows; and every failure comes as the error class that tells the queue what to do next.
 */

interface Action {
  platform: string;
  kind: PlatformAction;
  readsBack: boolean;
}

const NOWHERE = 'no-such-platform';

const actionsOf = (subject: PlatformClientSubject, supported: boolean): Action[] =>
  subject.client.platforms.flatMap((platform) =>
    PLATFORM_ACTIONS.filter((kind) => subject.client.supports(platform, kind) === supported).map((kind) => ({
      platform,
      kind,
      readsBack: subject.readsBack(platform, kind),
    })),
  );

/** Runs the contract against one platform's client; `makeSubject` is called once per test (and once to list its actions). */
export const runPlatformClientContract = (name: string, makeSubject: MakeSubject): void => {
  describe(`PlatformClient contract: ${name}`, async () => {
    const probe = await makeSubject();
    const supported = actionsOf(probe, true);
    const unsupported = actionsOf(probe, false);
    await probe.close();

    const current: { subject: PlatformClientSubject } = {} as { subject: PlatformClientSubject };
    beforeEach(async () => {
      current.subject = await makeSubject();
    });
    afterEach(async () => current.subject.close());

    it('names the platforms it acts on, and supports something on each', () => {
      const { client } = current.subject;
      expect(client.platforms.length).toBeGreaterThan(0);
      for (const platform of client.platforms)
        expect(
          supported.some((action) => action.platform === platform),
          platform,
        ).toBe(true);
      for (const kind of PLATFORM_ACTIONS) expect(client.supports(NOWHERE, kind), kind).toBe(false);
    });

    it.each(unsupported.map((action) => [action.platform, action.kind, action] as const))(
      'refuses %s %s as permanent, without calling the platform',
      async (_platform, _kind, action) => {
        await expectRefusedUnasked(current.subject, action);
      },
    );

    for (const action of supported) describeAction(current, action);
  });
};

const expectRefusedUnasked = async (subject: PlatformClientSubject, action: Action): Promise<void> => {
  const request: PlatformActionRequest = {
    platform: action.platform,
    kind: action.kind,
    accountId: 'account-1',
    target: 'target-1',
    text: 'Hello',
  };
  const calls = subject.callCount();
  expect(await rejection(subject.client.perform(request))).toBeInstanceOf(PermanentPlatformError);
  expect(await subject.client.findCompleted(request, new Date())).toBeUndefined();
  expect(subject.client.readsBack(action.platform, action.kind)).toBe(false);
  expect(subject.callCount()).toBe(calls);
};

const describeAction = (current: { subject: PlatformClientSubject }, action: Action): void => {
  const { platform, kind } = action;

  describe(`${platform}: ${kind}`, () => {
    it('takes effect once', async () => {
      const { subject } = current;
      const request = await subject.prepare(platform, kind);
      const result = await subject.client.perform(request);
      const effects = await subject.effects(request);
      expect(effects).toHaveLength(1);
      if (effects[0]?.externalId !== undefined) expect(result.externalId).toBe(effects[0].externalId);
    });

    it(`says it ${action.readsBack ? 'can' : 'cannot'} read this action back`, () => {
      expect(current.subject.client.readsBack(platform, kind)).toBe(action.readsBack);
    });

    if (action.readsBack) {
      it('findCompleted: nothing before it is done, the action once it is', async () => {
        const { subject } = current;
        const since = new Date();
        const request = await subject.prepare(platform, kind);
        expect(await subject.client.findCompleted(request, since)).toBeUndefined();
        await subject.client.perform(request);
        const found = await subject.client.findCompleted(request, since);
        expect(found).toBeDefined();
        const [effect] = await subject.effects(request);
        if (effect?.externalId !== undefined) expect(found?.externalId).toBe(effect.externalId);
      });
    } else {
      it('findCompleted claims nothing the platform cannot show', async () => {
        const { subject } = current;
        const request = await subject.prepare(platform, kind);
        await subject.client.perform(request);
        expect(await subject.client.findCompleted(request, new Date(0))).toBeUndefined();
      });
    }

    describeFailures(current, action);
  });
};

const describeFailures = (current: { subject: PlatformClientSubject }, { platform, kind, readsBack }: Action): void => {
  it('a server error is transient, and nothing happened', async () => {
    const { subject } = current;
    const request = await subject.prepare(platform, kind);
    subject.failNext.serverError();
    expect(await rejection(subject.client.perform(request))).toBeInstanceOf(TransientPlatformError);
    expect(await subject.effects(request)).toHaveLength(0);
  });

  it('a 429 waits exactly Retry-After, and the retry takes effect once', async () => {
    const { subject } = current;
    const request = await subject.prepare(platform, kind);
    subject.failNext.rateLimited(7);
    const error = await rejection(subject.client.perform(request));
    expect(error).toBeInstanceOf(RateLimitedError);
    expect((error as RateLimitedError).retryAfterMs).toBe(7_000);
    expect(await subject.effects(request)).toHaveLength(0);
    await subject.client.perform(request);
    expect(await subject.effects(request)).toHaveLength(1);
  });

  it('a refusal for good is permanent, with words', async () => {
    const { subject } = current;
    const request = await subject.prepare(platform, kind);
    await subject.refuseForGood(request);
    const error = await rejection(subject.client.perform(request));
    expect(error).toBeInstanceOf(PermanentPlatformError);
    expect((error as Error).message).not.toBe('');
    expect(await subject.effects(request)).toHaveLength(0);
  });

  it(`an answer lost after the action took effect is transient${readsBack ? ', and findCompleted finds the action' : ''}`, async () => {
    const { subject } = current;
    const since = new Date();
    const request = await subject.prepare(platform, kind);
    const held = subject.holdNextAnswer();
    try {
      const attempt = rejection(subject.impatientClient.perform(request));
      await held.arrived;
      expect(await attempt).toBeInstanceOf(TransientPlatformError);
      const effects = await subject.effects(request);
      expect(effects).toHaveLength(1);
      if (!readsBack) return;
      const found = await subject.client.findCompleted(request, since);
      expect(found).toBeDefined();
      if (effects[0]?.externalId !== undefined) expect(found?.externalId).toBe(effects[0].externalId);
    } finally {
      held.release();
    }
  });
};
