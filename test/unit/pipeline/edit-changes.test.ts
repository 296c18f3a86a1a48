import { describe, expect, it } from 'vitest';
import type { Decision } from '../../../src/domain/decision.js';
import { type BeforeEdit, whatEditChanges } from '../../../src/pipeline/edit-changes.js';

const hide: Decision = { kind: 'hide', rule: 'hide-link', matched: ['evil.example'] };
const tag: Decision = { kind: 'tag', rule: 'hide-link', matched: [], tag: 'posted-link' };
const linkHandoff: Decision = { kind: 'handoff', rule: 'hide-link', matched: [], priority: 'low' };
const refund: Decision = { kind: 'handoff', rule: 'handoff-refund', matched: ['refund'], priority: 'high' };
const autoReply: Decision = { kind: 'auto_reply', rule: 'faq-sizes', matched: ['size'], text: 'Yes, M is in stock.' };

const harmless: BeforeEdit = { text: 'Is this in size M?', decided: [{ rule: 'faq-sizes', kind: 'auto_reply' }], visibility: undefined };
const hiddenByRule: BeforeEdit = {
  text: 'Cheap boots at evil.example',
  decided: [
    { rule: 'hide-link', kind: 'hide' },
    { rule: 'hide-link', kind: 'tag' },
    { rule: 'hide-link', kind: 'handoff' },
  ],
  visibility: { kind: 'hide', rule: 'hide-link', decisionId: '41' },
};

describe('what an author’s edit changes', () => {
  it('changes nothing when the text is the same (a redelivered edit)', () => {
    expect(whatEditChanges(harmless, { text: harmless.text, decisions: [hide, linkHandoff] })).toEqual({
      changed: false,
      newGrounds: [],
      unhide: undefined,
    });
  });

  it('acts on a link edited in: hide, tag and hand off, but never reply again', () => {
    const changes = whatEditChanges(harmless, { text: 'See evil.example', decisions: [autoReply, hide, tag, linkHandoff] });
    expect(changes).toEqual({ changed: true, newGrounds: [hide, tag, linkHandoff], unhide: undefined });
  });

  it('undoes the rule’s own hide when the edit removes the link', () => {
    const changes = whatEditChanges(hiddenByRule, { text: 'Nice boots', decisions: [] });
    expect(changes.unhide).toEqual({ rule: 'hide-link', decisionId: '41' });
    expect(changes.newGrounds).toEqual([]);
  });

  it('keeps a rule’s hide while any rule would still hide the edited text', () => {
    const profanity: Decision = { kind: 'hide', rule: 'hide-profanity', matched: ['damn'] };
    const changes = whatEditChanges(hiddenByRule, { text: 'damn boots', decisions: [profanity] });
    expect(changes.unhide).toBeUndefined();
    expect(changes.newGrounds).toEqual([]);
  });

  it('never unhides what a person hid', () => {
    const byPerson: BeforeEdit = { ...harmless, visibility: { kind: 'hide', rule: undefined, decisionId: null } };
    expect(whatEditChanges(byPerson, { text: 'Nice boots', decisions: [] }).unhide).toBeUndefined();
  });

  it('leaves visibility to a person who unhid it, even when the edit still has a link', () => {
    const unhiddenByPerson: BeforeEdit = { ...hiddenByRule, visibility: { kind: 'unhide', rule: undefined, decisionId: null } };
    const changes = whatEditChanges(unhiddenByPerson, { text: 'Boots at evil.example, really', decisions: [hide, tag, linkHandoff] });
    expect(changes.newGrounds).toEqual([]);
    expect(changes.unhide).toBeUndefined();
  });

  it('hides again what an earlier edit had the rule unhide', () => {
    const unhiddenByRule: BeforeEdit = {
      ...hiddenByRule,
      text: 'Nice boots',
      visibility: { kind: 'unhide', rule: 'hide-link', decisionId: '41' },
    };
    const changes = whatEditChanges(unhiddenByRule, { text: 'Boots at evil.example', decisions: [hide, tag, linkHandoff] });
    expect(changes.newGrounds).toEqual([hide]);
  });

  it('hands off a refund request edited in, but not grounds already decided', () => {
    const handedOff: BeforeEdit = { ...harmless, decided: [{ rule: 'handoff-refund', kind: 'handoff' }] };
    expect(whatEditChanges(harmless, { text: 'I want a refund', decisions: [refund] }).newGrounds).toEqual([refund]);
    expect(whatEditChanges(handedOff, { text: 'I want a refund now', decisions: [refund] }).newGrounds).toEqual([]);
  });
});
