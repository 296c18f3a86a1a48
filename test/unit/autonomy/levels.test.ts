import { describe, expect, it } from 'vitest';
import { applyAutonomy, autoOf, vetoOf } from '../../../src/autonomy/apply-autonomy.js';
import { allDraft, compileAutonomy, levelFor } from '../../../src/autonomy/levels.js';
import type { Decision } from '../../../src/domain/decision.js';
import { parsePlaybook } from '../../../src/playbook/index.js';

const spec = parsePlaybook(
  `version: 1
undo_window: 15m
templates:
  thanks: { en: "Thank you!" }
rules:
  - id: plain
    when: { keywords: [hello] }
    then: [{ draft: thanks }]
  - id: counted
    when: { keywords: [thanks] }
    then: [{ draft: thanks }]
    autonomy: { default: auto, platforms: { instagram: veto }, languages: { de: draft } }
    veto_after: 5m
    undo_window: 3m
  - id: vetoed
    when: { keywords: [price] }
    then: [{ draft: thanks }]
    autonomy: veto
`,
  'p.yaml',
).spec;
const autonomies = compileAutonomy(spec);
const draft = (rule: string): Decision => ({ kind: 'draft', rule, matched: [], text: 'Thank you!', source: 'thanks' });

describe('autonomy levels', () => {
  it('leave a rule that says nothing at draft, with the default countdown and undo window', () => {
    expect(autonomies.get('plain')).toMatchObject({ level: 'draft', vetoAfterMs: 120_000, undoWindowMs: 900_000 });
    expect(allDraft(compileAutonomy(parsePlaybook('version: 1\nrules: []\n', 'p.yaml').spec))).toBe(true);
    expect(allDraft(autonomies)).toBe(false);
  });

  it('pick a language override over a platform override over the default', () => {
    const counted = autonomies.get('counted');
    expect(counted).toMatchObject({ vetoAfterMs: 300_000, undoWindowMs: 180_000 });
    expect(levelFor(counted, 'facebook', 'en')).toBe('auto');
    expect(levelFor(counted, 'instagram', 'en')).toBe('veto');
    expect(levelFor(counted, 'instagram', 'de')).toBe('draft');
    expect(levelFor(undefined, 'facebook', 'en')).toBe('draft');
  });

  it('turn a draft into an auto_reply at auto, mark it for a countdown at veto, and leave it at draft', () => {
    const [plain, counted, vetoed] = applyAutonomy([draft('plain'), draft('counted'), draft('vetoed')], autonomies, {
      platform: 'facebook',
      language: 'en',
    });
    expect(plain).toEqual(draft('plain'));
    expect(counted).toMatchObject({ kind: 'auto_reply', text: 'Thank you!', detail: { autonomy: 'auto', undoWindowMs: 180_000 } });
    expect(vetoOf(vetoed!)).toEqual({ autonomy: 'veto', vetoAfterMs: 120_000 });
    expect(vetoOf(plain!)).toBeUndefined();
  });

  it('mark a hide by a rule at auto with its undo window, and leave other kinds and levels alone', () => {
    const hide: Decision = { kind: 'hide', rule: 'counted', matched: [] };
    const [marked] = applyAutonomy([hide], autonomies, { platform: 'facebook', language: undefined });
    expect(autoOf(marked!)).toEqual({ autonomy: 'auto', undoWindowMs: 180_000 });
    const tag: Decision = { kind: 'tag', rule: 'counted', matched: [], tag: 'fan' };
    expect(applyAutonomy([tag], autonomies, { platform: 'facebook', language: undefined })).toEqual([tag]);
    expect(applyAutonomy([hide], autonomies, { platform: 'instagram', language: undefined })).toEqual([hide]);
  });
});
