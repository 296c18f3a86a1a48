import { describe, expect, it } from 'vitest';
import { applyAutonomy } from '../../../src/autonomy/apply-autonomy.js';
import type { RuleAutonomy } from '../../../src/autonomy/levels.js';
import { effectiveLevels, overlaid, topLevel } from '../../../src/autonomy/overlay-levels.js';
import type { Decision } from '../../../src/domain/decision.js';

const rule = (over: Partial<RuleAutonomy>): RuleAutonomy => ({
  rule: 'r',
  level: 'draft',
  platforms: {},
  languages: {},
  vetoAfterMs: 120_000,
  undoWindowMs: 600_000,
  ...over,
});

describe('levels set from chat over the file’s', () => {
  it('promotes everywhere except where the file sets a platform or language lower', () => {
    const file = rule({ platforms: { instagram: 'draft' }, languages: { de: 'auto' } });
    expect(overlaid(file, 'veto')).toMatchObject({ level: 'veto', platforms: { instagram: 'draft' }, languages: { de: 'veto' } });
  });

  it('a demotion to draft takes every override down with it', () => {
    expect(overlaid(rule({ level: 'auto', platforms: { facebook: 'veto' }, languages: { en: 'auto' } }), 'draft')).toMatchObject({
      level: 'draft',
      platforms: { facebook: 'draft' },
      languages: { en: 'draft' },
    });
  });

  it('works out the levels in force once: all at draft, by language, and what the decide step then applies', () => {
    const file = new Map([['r', rule({})]]);
    expect(effectiveLevels(file, new Map()).allDraft).toBe(true);
    const promoted = effectiveLevels(
      file,
      new Map([
        ['r', 'veto' as const],
        ['gone', 'auto' as const],
      ]),
    );
    expect(promoted.allDraft).toBe(false);
    expect([...promoted.autonomies.keys()]).toEqual(['r']);
    const draft: Decision = { kind: 'draft', rule: 'r', matched: [], text: 'Hello' };
    const [held] = applyAutonomy([draft], promoted.autonomies, { platform: 'facebook', language: undefined });
    expect(held?.detail).toMatchObject({ autonomy: 'veto' });
  });

  it('a hide rule demoted from chat hands its hides to a person; a rule the file keeps at draft still hides', () => {
    const file = new Map([['r', rule({ level: 'auto' })]]);
    const hide: Decision = { kind: 'hide', rule: 'r', matched: ['bit.ly'] };
    const demoted = effectiveLevels(file, new Map([['r', 'draft' as const]]));
    expect(demoted.allDraft).toBe(false);
    const [handed] = applyAutonomy([hide], demoted.autonomies, { platform: 'facebook', language: undefined });
    expect(handed).toMatchObject({ kind: 'handoff', rule: 'r', matched: ['bit.ly'], priority: 'normal', detail: { proposed: 'hide' } });

    const drafting = effectiveLevels(new Map([['r', rule({})]]), new Map());
    expect(applyAutonomy([hide], drafting.autonomies, { platform: 'facebook', language: undefined })).toEqual([hide]);
    const promotedBack = effectiveLevels(file, new Map([['r', 'auto' as const]]));
    expect(applyAutonomy([hide], promotedBack.autonomies, { platform: 'facebook', language: undefined })[0]).toMatchObject({
      kind: 'hide',
    });
  });

  it('names the highest level a rule has anywhere', () => {
    expect(topLevel(rule({ platforms: { instagram: 'auto' } }))).toBe('auto');
    expect(topLevel(rule({ level: 'veto', languages: { de: 'draft' } }))).toBe('veto');
  });
});
